import { describe, expect, it } from 'vitest';
import type { PyDict } from '../src/index.js';
import { InstanceRecord, isTuple, unpickle, type PickleValue } from '../src/index.js';
import type { TensorHooks } from '../src/pickle/reduce.js';
import { canon } from './helpers/canon.js';
import { catchVocoderError, fixtureJson } from './helpers/fixtures.js';

interface PicklesGolden {
  expected: unknown;
  pickles: Record<string, string>;
  protocol5: { pickle: string; expected: unknown };
}

const golden = fixtureJson<PicklesGolden>('pickles.json');
const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
/** Bytes from a latin-1 string, for hand-written pickles. */
const raw = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

describe('unpickle: CPython pickles of every protocol', () => {
  for (const [protocol, b64] of Object.entries(golden.pickles)) {
    it(`protocol ${protocol} gives the value Python pickled`, () => {
      const { value, end } = unpickle(bytes(b64));
      expect(end).toBe(bytes(b64).length);
      expect(canon(value)).toEqual(golden.expected);
      // the memo keeps identity: one list stored twice is one object
      const dict = value as PyDict;
      expect(dict.get('shared1')).toBe(dict.get('shared2'));
    });
  }

  it('protocol 5 bytearray (BYTEARRAY8)', () => {
    expect(canon(unpickle(bytes(golden.protocol5.pickle)).value)).toEqual(
      golden.protocol5.expected,
    );
  });

  it('tuples are frozen, lists are not', () => {
    const value = unpickle(bytes(golden.pickles['2'] as string)).value as PyDict;
    expect(isTuple(value.get('t2'))).toBe(true);
    expect(isTuple(value.get('list'))).toBe(false);
  });
});

describe('unpickle: individual opcodes', () => {
  it('DUP, POP, POP_MARK and text GET/PUT', () => {
    // MARK 1 2 POP_MARK, INT 7, DUP, TUPLE2 -> (7, 7); PUT 0, POP, GET 0, STOP
    const { value } = unpickle(raw('(I1\nI2\n1I7\n2\x86p0\n0g0\n.'));
    expect(value).toEqual([7, 7]);
  });

  it('protocol-0 STRING and UNICODE escapes', () => {
    expect(unpickle(raw("S'a\\n\\x41\\'b'\np0\n.")).value).toBe("a\nA'b");
    expect(unpickle(raw('Vsnow \\u2603 \\U0001f600\np0\n.')).value).toBe('snow \u2603 \u{1f600}');
  });

  it('INST and OBJ create inert records of allowed classes', () => {
    const inst = unpickle(raw("(itorch.nn.modules.conv\nConv1d\n(dS'k'\nI3\nsb.")).value;
    expect(inst).toBeInstanceOf(InstanceRecord);
    expect((inst as InstanceRecord).className).toBe('torch.nn.modules.conv.Conv1d');
    expect((inst as InstanceRecord).attr('k')).toBe(3);
    const obj = unpickle(raw('\x80\x02(ctorch.nn.modules.conv\nConv1d\no.')).value;
    expect((obj as InstanceRecord).className).toBe('torch.nn.modules.conv.Conv1d');
  });

  it('copyreg._reconstructor of an allowed class (protocol 0/1 objects)', () => {
    const value = unpickle(
      raw('ccopy_reg\n_reconstructor\n(cglow\nWN\nc__builtin__\nobject\nNtR(dVn_layers\nI8\nsb.'),
      {
        allowedClasses: new Set(['glow.WN']),
      },
    ).value as InstanceRecord;
    expect(value.className).toBe('glow.WN');
    expect(value.attr('n_layers')).toBe(8);
  });

  it('old torch _get_thnn_function_backend() is an inert record', () => {
    const value = unpickle(
      raw('\x80\x02ctorch.nn.backends.thnn\n_get_thnn_function_backend\n)R.'),
    ).value;
    expect(value).toBeInstanceOf(InstanceRecord);
  });

  it('BUILD on an OrderedDict keeps _metadata as an attribute', () => {
    const value = unpickle(
      raw('\x80\x02ccollections\nOrderedDict\n)R}X\t\x00\x00\x00_metadataK\x01sb.'),
    ).value as PyDict;
    expect(value.pyClass).toBe('collections.OrderedDict');
    expect(value.attributes.get('_metadata')).toBe(1);
  });

  it('starts at an offset and reports where STOP ended', () => {
    const two = raw('\x80\x02K\x05.\x80\x02K\x06.');
    const first = unpickle(two);
    expect(first).toEqual({ value: 5, end: 5 });
    expect(unpickle(two, { start: first.end }).value).toBe(6);
  });

  it('LONG1 handles negative and large integers', () => {
    expect(unpickle(raw('\x80\x02\x8a\x01\xff.')).value).toBe(-1);
    expect(unpickle(raw('\x80\x02\x8a\x09\x00\x00\x00\x00\x00\x00\x00\x00\x01.')).value).toBe(
      1n << 64n,
    );
    expect(unpickle(raw('\x80\x02\x8a\x00.')).value).toBe(0);
  });
});

describe('unpickle: torch rebuild functions through the tensor hooks', () => {
  const made: object[] = [];
  const tensors: TensorHooks = {
    rebuildTensor: (storage, offset, size, stride) => {
      const t = { storage, offset, size, stride } as unknown as PickleValue;
      made.push(t as object);
      return t;
    },
    isTensor: (v) => made.includes(v as object),
  };
  const rebuild =
    'ctorch._utils\n_rebuild_tensor_v2\n(K\x00K\x00K\x02\x85K\x01\x85\x89ccollections\nOrderedDict\n)RtR';

  it('_rebuild_parameter, Parameter(...) of torch < 1.0 and _rebuild_from_type_v2 return the tensor', () => {
    for (const wrap of [
      `\x80\x02ctorch._utils\n_rebuild_parameter\n(${rebuild}\x88ccollections\nOrderedDict\n)RtR.`,
      `\x80\x02ctorch.nn.parameter\nParameter\n${rebuild}\x88\x86R.`,
      `\x80\x02ctorch._tensor\n_rebuild_from_type_v2\n(ctorch._utils\n_rebuild_tensor_v2\nctorch.nn.parameter\nParameter\n(K\x00K\x00K\x02\x85K\x01\x85\x89NtNtR.`,
    ]) {
      const { value } = unpickle(raw(wrap), { tensors });
      expect(tensors.isTensor(value), wrap).toBe(true);
    }
  });

  it('refuses parameters of non-tensors and nested _rebuild_from_type_v2', () => {
    catchVocoderError(
      () => unpickle(raw('\x80\x02ctorch.nn.parameter\nParameter\nK\x01\x85R.'), { tensors }),
      'E_CHECKPOINT_INVALID',
    );
    const nested =
      '\x80\x02ctorch._tensor\n_rebuild_from_type_v2\n(ctorch._tensor\n_rebuild_from_type_v2\nctorch.Tensor\n(ctorch._utils\n_rebuild_tensor_v2\nctorch.Tensor\n)NtNtR.';
    catchVocoderError(() => unpickle(raw(nested), { tensors }), 'E_CHECKPOINT_UNSAFE');
  });
});

describe('unpickle: malformed and unsupported input', () => {
  const cases: [string, string, string][] = [
    ['empty input', '', 'E_CHECKPOINT_INVALID'],
    ['no STOP', '\x80\x02K\x01', 'E_CHECKPOINT_INVALID'],
    ['stack underflow', '\x80\x02\x85.', 'E_CHECKPOINT_INVALID'],
    ['unknown opcode', '\x80\x02\xff.', 'E_CHECKPOINT_INVALID'],
    ['memo miss', '\x80\x02h\x05.', 'E_CHECKPOINT_INVALID'],
    ['string longer than input', '\x80\x02X\xff\xff\x00\x00abc.', 'E_CHECKPOINT_INVALID'],
    [
      'BINUNICODE8 length beyond 2^53',
      '\x80\x04\x8d\xff\xff\xff\xff\xff\xff\xff\xff.',
      'E_CHECKPOINT_INVALID',
    ],
    [
      'FRAME longer than input',
      '\x80\x04\x95\x00\x00\x00\x00\x01\x00\x00\x00.',
      'E_CHECKPOINT_INVALID',
    ],
    ['invalid UTF-8', '\x80\x02X\x02\x00\x00\x00\xc3\x28.', 'E_CHECKPOINT_INVALID'],
    ['SETITEM on a list', '\x80\x02]K\x01K\x02s.', 'E_CHECKPOINT_INVALID'],
    ['APPEND on a dict', '\x80\x02}K\x01a.', 'E_CHECKPOINT_INVALID'],
    ['odd SETITEMS', '\x80\x02}(K\x01u.', 'E_CHECKPOINT_INVALID'],
    ['POP_MARK without MARK', '\x80\x021.', 'E_CHECKPOINT_INVALID'],
    ['pop below a MARK', '\x80\x02K\x01(\x85.', 'E_CHECKPOINT_INVALID'],
    ['malformed text INT', 'I12x\n.', 'E_CHECKPOINT_INVALID'],
    ['persistent id without storages', '\x80\x02K\x01Q.', 'E_CHECKPOINT_INVALID'],
    [
      'tensor rebuild outside torch',
      '\x80\x02ctorch._utils\n_rebuild_tensor_v2\n(K\x00K\x00)))NtR.',
      'E_CHECKPOINT_INVALID',
    ],
    ['protocol 6', '\x80\x06N.', 'E_CHECKPOINT_UNSUPPORTED'],
    ['out-of-band buffer', '\x80\x05\x97.', 'E_CHECKPOINT_UNSUPPORTED'],
    ['BUILD on a list', '\x80\x02]}b.', 'E_CHECKPOINT_INVALID'],
    [
      'OrderedDict with bad items',
      '\x80\x02ccollections\nOrderedDict\n]K\x01a\x85R.',
      'E_CHECKPOINT_INVALID',
    ],
  ];
  for (const [label, text, code] of cases) {
    it(`${label} -> ${code}`, () => {
      catchVocoderError(() => unpickle(raw(text)), code as 'E_CHECKPOINT_INVALID');
    });
  }

  it('an amplification attack (BUILD of a large dict over and over) is cut off', () => {
    // a dict of 20000 items, then 200000 x (GET 0, GET 0, BUILD) on an OrderedDict
    const parts: string[] = ['\x80\x02}q\x00('];
    for (let i = 0; i < 20000; i++) parts.push('K\x01K\x01');
    parts.push('uccollections\nOrderedDict\n)R');
    parts.push('h\x00b'.repeat(200000));
    parts.push('.');
    catchVocoderError(() => unpickle(raw(parts.join(''))), 'E_CHECKPOINT_INVALID');
  });

  it('deep MARK nesting is bounded', () => {
    catchVocoderError(
      () => unpickle(raw('\x80\x02' + '('.repeat(200_000) + '.')),
      'E_CHECKPOINT_INVALID',
    );
  });
});
