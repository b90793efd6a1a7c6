import { describe, expect, it } from 'vitest';
import {
  PyDict,
  detectFormat,
  isTensorData,
  loadTorchCheckpoint,
  stateDict,
  type TensorData,
} from '../src/index.js';
import { canon, roundGolden } from './helpers/canon.js';
import {
  catchVocoderError,
  expectTensor,
  fixture,
  fixtureJson,
  type TensorDesc,
} from './helpers/fixtures.js';

const golden = roundGolden(fixtureJson('synthetic-golden.json'));

const FILES: [string, 'torch-zip' | 'torch-legacy'][] = [
  ['synthetic-zip-p2.pt', 'torch-zip'],
  ['synthetic-zip-p4.pt', 'torch-zip'],
  ['synthetic-legacy-p2.pt', 'torch-legacy'],
  ['synthetic-legacy-p4.pt', 'torch-legacy'],
  ['synthetic-deflated.pt', 'torch-zip'],
  ['synthetic-zip64.pt', 'torch-zip'],
];

describe('torch checkpoints made by torch.save', () => {
  for (const [name, format] of FILES) {
    it(`${name}: the whole object equals what torch.load returns`, () => {
      const bytes = fixture(name);
      expect(detectFormat(bytes)).toBe(format);
      const ckpt = loadTorchCheckpoint(bytes);
      expect(ckpt.format).toBe(format);
      expect(canon(ckpt.object)).toEqual(golden);
      expect(ckpt.tensors.every(isTensorData)).toBe(true);
    });
  }

  it('views of one storage share memory; strided views are materialised', () => {
    const views = (loadTorchCheckpoint(fixture('synthetic-zip-p2.pt')).object as PyDict).get(
      'views',
    ) as PyDict;
    const base = views.get('base') as TensorData;
    const offset = views.get('offset') as TensorData;
    const transposed = views.get('transposed') as TensorData;
    expect(offset.data.buffer).toBe(base.data.buffer);
    expect(transposed.data.buffer).not.toBe(base.data.buffer);
    expect(Object.isFrozen(base)).toBe(true);
  });

  it('stateDict finds the OrderedDict under an explicit key and keeps its order', () => {
    const ckpt = loadTorchCheckpoint(fixture('synthetic-legacy-p2.pt'));
    const sd = stateDict(ckpt.object, 'state_dict');
    expect([...sd.keys()]).toEqual(['bias', 'weight_g', 'weight_v']);
    const expected = (golden as { $dict: [string, unknown][] }).$dict.find(
      ([k]) => k === 'state_dict',
    )?.[1] as {
      $odict: [string, { $tensor: TensorDesc }][];
    };
    for (const [key, desc] of expected.$odict) expectTensor(sd.get(key), desc.$tensor, key);
  });

  it('stateDict without a key flattens nested dicts and skips non-tensors', () => {
    const object = loadTorchCheckpoint(fixture('synthetic-zip-p2.pt')).object as PyDict;
    // the file has a "state_dict" key, which wins; without it the whole dict is flattened
    expect([...stateDict(object).keys()]).toEqual(['bias', 'weight_g', 'weight_v']);
    const withoutKnownKeys = new PyDict();
    for (const key of ['dtypes', 'views', 'nested', 'step'])
      withoutKnownKeys.set(key, object.get(key) ?? null);
    const sd = stateDict(withoutKnownKeys);
    expect(sd.has('dtypes.float32')).toBe(true);
    expect(sd.has('views.permuted3d')).toBe(true);
    expect(sd.size).toBe(20);
    expect([...sd.keys()].some((k) => k.startsWith('nested') || k === 'step')).toBe(false);
  });

  it('stateDict errors name the keys that exist', () => {
    const object = loadTorchCheckpoint(fixture('synthetic-zip-p2.pt')).object;
    const error = catchVocoderError(() => stateDict(object, 'generator'), 'E_CHECKPOINT_INVALID');
    expect(error.message).toContain('dtypes, views, nested, state_dict, step');
  });
});

describe('legacy storage views (view_metadata)', () => {
  it('reads tensors through views exactly as torch.load does', () => {
    const ckpt = loadTorchCheckpoint(fixture('views-legacy.pt'));
    expect(canon(ckpt.object)).toEqual(roundGolden(fixtureJson('views-golden.json')));
    const sd = stateDict(ckpt.object);
    expect([...(sd.get('square') as TensorData).data]).toEqual([3, 4, 5, 6]);
    expect([...(sd.get('every_other') as TensorData).data]).toEqual([2, 4, 6]);
  });
});

describe('tensors rebuilt through torch._tensor._rebuild_from_type_v2', () => {
  it('reads Tensor and Parameter rebuilds (Python attributes are dropped)', () => {
    const ckpt = loadTorchCheckpoint(fixture('from-type-zip.pt'));
    expect(canon(ckpt.object)).toEqual(roundGolden(fixtureJson('from-type-golden.json')));
  });
});

describe('corrupt torch files', () => {
  it('a truncated legacy file fails with E_CHECKPOINT_INVALID', () => {
    catchVocoderError(
      () => loadTorchCheckpoint(fixture('hostile/truncated-legacy.pt')),
      'E_CHECKPOINT_INVALID',
    );
  });

  it('non-torch bytes fail with E_UNSUPPORTED_FORMAT naming the format', () => {
    const error = catchVocoderError(
      () => loadTorchCheckpoint(fixture('tensors.safetensors')),
      'E_UNSUPPORTED_FORMAT',
    );
    expect(error.details?.['format']).toBe('safetensors');
    catchVocoderError(() => loadTorchCheckpoint(new Uint8Array(100)), 'E_UNSUPPORTED_FORMAT');
  });

  it('refuses big-endian archives and TorchScript archives with E_CHECKPOINT_UNSUPPORTED', () => {
    expect(
      catchVocoderError(
        () => loadTorchCheckpoint(fixture('synthetic-big-endian.pt')),
        'E_CHECKPOINT_UNSUPPORTED',
      ).message,
    ).toContain('big-endian');
    expect(
      catchVocoderError(
        () => loadTorchCheckpoint(fixture('torchscript.pt')),
        'E_CHECKPOINT_UNSUPPORTED',
      ).message,
    ).toContain('TorchScript');
  });

  it('maxBytes bounds the input', () => {
    catchVocoderError(
      () => loadTorchCheckpoint(fixture('synthetic-zip-p2.pt'), { maxBytes: 1000 }),
      'E_CHECKPOINT_UNSUPPORTED',
    );
  });

  it('a zip missing a storage entry is invalid', () => {
    const bytes = fixture('synthetic-zip-p2.pt');
    // rename every "data/0" entry (local and central headers) to "data/X"
    const text = Buffer.from(bytes).toString('latin1').replaceAll('/data/0', '/data/X');
    catchVocoderError(
      () => loadTorchCheckpoint(new Uint8Array(Buffer.from(text, 'latin1'))),
      'E_CHECKPOINT_INVALID',
    );
  });

  it('wrong argument types throw TypeError', () => {
    expect(() => loadTorchCheckpoint('file.pt' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() =>
      loadTorchCheckpoint(new Uint8Array(0), { maxBytes: '1' as unknown as number }),
    ).toThrow(TypeError);
    expect(() =>
      loadTorchCheckpoint(new Uint8Array(0), { allowGlobals: [1] as unknown as string[] }),
    ).toThrow(TypeError);
  });
});
