import { describe, expect, it } from 'vitest';
import { ConfigError, ModelError } from '@voirs/core';
import { loadTorchCheckpoint, loadWeights, unpickle } from '../src/index.js';
import { catchVocoderError, fixture } from './helpers/fixtures.js';

const raw = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

describe('hostile torch files made by pickling __reduce__ payloads', () => {
  const cases: [string, string][] = [
    ['hostile/evil-os-system-legacy.pt', 'posix.system'],
    ['hostile/evil-eval-zip.pt', '__builtin__.eval'],
    // protocol 2 writes Python 2 names: subprocess.Popen is pickled as commands.Popen
    ['hostile/evil-popen-zip.pt', 'commands.Popen'],
    ['hostile/evil-getattr-p4-zip.pt', 'builtins.getattr'],
  ];
  for (const [name, global] of cases) {
    it(`${name} is refused naming ${global}`, () => {
      const error = catchVocoderError(
        () => loadTorchCheckpoint(fixture(name)),
        'E_CHECKPOINT_UNSAFE',
      );
      expect(error).toBeInstanceOf(ModelError);
      expect(error.message).toContain(global);
      expect(error.message).toContain('probably malicious');
      expect(error.details?.['global']).toBe(global);
      catchVocoderError(() => loadWeights(fixture(name)), 'E_CHECKPOINT_UNSAFE');
    });
  }

  it('a REDUCE whose callable is the result of another REDUCE is refused', () => {
    const error = catchVocoderError(
      () => loadTorchCheckpoint(fixture('hostile/evil-nested-reduce-zip.pt')),
      'E_CHECKPOINT_UNSAFE',
    );
    expect(error.message).toContain('not an allowed function');
  });

  it('a REDUCE calling a module class (which would run __init__) is refused', () => {
    const error = catchVocoderError(
      () => loadTorchCheckpoint(fixture('hostile/evil-class-call-zip.pt')),
      'E_CHECKPOINT_UNSAFE',
    );
    expect(error.message).toContain('torch.nn.modules.linear.Linear');
  });

  it('allowGlobals never makes a refused file load', () => {
    catchVocoderError(
      () =>
        loadTorchCheckpoint(fixture('hostile/evil-popen-zip.pt'), {
          allowGlobals: ['commands.Popen'],
        }),
      'E_INVALID_ARGUMENT',
    );
    catchVocoderError(
      () =>
        loadTorchCheckpoint(fixture('hostile/evil-os-system-legacy.pt'), {
          allowGlobals: ['posix.system'],
        }),
      'E_INVALID_ARGUMENT',
    );
  });
});

describe('hand-written hostile pickles', () => {
  const refused: [string, string, string][] = [
    ['GLOBAL os.system', "cos\nsystem\n(S'echo pwned'\ntR.", 'os.system'],
    [
      'GLOBAL builtins.exec (protocol 4 STACK_GLOBAL)',
      '\x80\x04\x8c\x08builtins\x8c\x04exec\x93\x8c\x01x\x85R.',
      'builtins.exec',
    ],
    ['GLOBAL __builtin__.apply', 'c__builtin__\napply\n.', '__builtin__.apply'],
    ['an unknown torch function', 'ctorch\nload\n.', 'torch.load'],
    [
      'a lookalike module',
      'ctorch._utils.os\n_rebuild_tensor_v2\n.',
      'torch._utils.os._rebuild_tensor_v2',
    ],
    [
      'a lower-case "class" under torch.nn.modules',
      'ctorch.nn.modules.module\n_addindent\n.',
      'torch.nn.modules.module._addindent',
    ],
    [
      'STACK_GLOBAL built from memo strings',
      '\x80\x04\x8c\x02os\x94\x8c\x06system\x94h\x00h\x01\x93.',
      'os.system',
    ],
    ['INST of subprocess.Popen', "(S'id'\nisubprocess\nPopen\n.", 'subprocess.Popen'],
  ];
  for (const [label, text, global] of refused) {
    it(`${label} -> E_CHECKPOINT_UNSAFE naming ${global}`, () => {
      const error = catchVocoderError(() => unpickle(raw(text)), 'E_CHECKPOINT_UNSAFE');
      expect(error.message).toContain(global);
    });
  }

  it('torch rebuild functions for sparse/quantized/meta tensors are unsupported, not run', () => {
    const error = catchVocoderError(
      () => unpickle(raw('ctorch._utils\n_rebuild_qtensor\n.')),
      'E_CHECKPOINT_UNSUPPORTED',
    );
    expect(error.details?.['global']).toBe('torch._utils._rebuild_qtensor');
  });

  it('the refusal happens at the GLOBAL, before later opcodes run', () => {
    // the payload after the GLOBAL is garbage; the error must still be UNSAFE, not INVALID
    catchVocoderError(
      () => unpickle(raw('\x80\x02cposix\nsystem\n\xff\xff\xff')),
      'E_CHECKPOINT_UNSAFE',
    );
  });

  const calls: [string, string][] = [
    ['REDUCE of a storage type', '\x80\x02ctorch\nFloatStorage\n)R.'],
    ['REDUCE of a marker', '\x80\x02c__builtin__\nobject\n)R.'],
    ['NEWOBJ of a callable', '\x80\x02ctorch._utils\n_rebuild_tensor_v2\n)\x81.'],
    ['BUILD on a global (setting class attributes)', '\x80\x02ctorch.nn.modules.conv\nConv1d\n}b.'],
    [
      '_reconstructor of a non-class',
      'ccopy_reg\n_reconstructor\n(ccollections\nOrderedDict\nc__builtin__\nobject\nNtR.',
    ],
    [
      '_codecs.encode with another codec',
      '\x80\x02c_codecs\nencode\nX\x01\x00\x00\x00aX\x06\x00\x00\x00rot_13\x86R.',
    ],
    [
      '_rebuild_from_type_v2 with a subclass',
      '\x80\x02ctorch._tensor\n_rebuild_from_type_v2\n(ccollections\nOrderedDict\nctorch.nn.modules.conv\nConv1d\n)NtR.',
    ],
    ['extension registry code', '\x80\x02\x82\x01.'],
  ];
  for (const [label, text] of calls) {
    it(`${label} is refused`, () => {
      catchVocoderError(() => unpickle(raw(text)), 'E_CHECKPOINT_UNSAFE');
    });
  }
});

describe('allowGlobals validation', () => {
  it('accepts model classes and refuses functions and dangerous modules', () => {
    expect(() =>
      loadTorchCheckpoint(new Uint8Array(0), { allowGlobals: ['glow.WaveGlow'] }),
    ).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_FORMAT' }));
    for (const name of [
      'os.system',
      'builtins.eval',
      'torch._utils._rebuild_tensor_v2',
      'collections.OrderedDict',
      'nodots',
      'a..b',
    ]) {
      const error = catchVocoderError(
        () => loadTorchCheckpoint(new Uint8Array(0), { allowGlobals: [name] }),
        'E_INVALID_ARGUMENT',
      );
      expect(error).toBeInstanceOf(ConfigError);
    }
  });
});
