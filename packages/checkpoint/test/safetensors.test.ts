import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  loadWeights,
  makeTensorData,
  readSafetensors,
  writeSafetensors,
  type TensorData,
} from '../src/index.js';
import {
  catchVocoderError,
  expectTensor,
  fixture,
  fixtureJson,
  type TensorDesc,
} from './helpers/fixtures.js';

const golden = fixtureJson<{ metadata: Record<string, string>; tensors: [string, TensorDesc][] }>(
  'safetensors-golden.json',
);

/** A safetensors file with the given header object and data bytes. */
function build(header: unknown, data: Uint8Array | number = 0, rawHeader?: string): Uint8Array {
  const json = new TextEncoder().encode(rawHeader ?? JSON.stringify(header));
  const body = typeof data === 'number' ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + json.length + body.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(body, 8 + json.length);
  return out;
}

describe('safetensors', () => {
  it('reads a file written by the reference script', () => {
    const bytes = fixture('tensors.safetensors');
    expect(detectFormat(bytes)).toBe('safetensors');
    const file = readSafetensors(bytes);
    expect(file.metadata).toEqual(golden.metadata);
    expect([...file.tensors.keys()]).toEqual(golden.tensors.map(([k]) => k));
    for (const [name, desc] of golden.tensors) expectTensor(file.tensors.get(name), desc, name);
    expect(loadWeights(bytes).size).toBe(golden.tensors.length);
  });

  it('round-trips through writeSafetensors with aligned data', () => {
    const { tensors } = readSafetensors(fixture('tensors.safetensors'));
    const written = writeSafetensors(tensors, { note: 'x' });
    const headerLength = Number(new DataView(written.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const again = readSafetensors(written);
    expect(again.metadata).toEqual({ note: 'x' });
    for (const [name, desc] of golden.tensors) expectTensor(again.tensors.get(name), desc, name);
    const plain = writeSafetensors({
      a: makeTensorData('float32', [2], new Float32Array([1, 2])) as TensorData,
    });
    expect([...(readSafetensors(plain).tensors.get('a')?.data ?? [])]).toEqual([1, 2]);
  });

  it('writeSafetensors validates its input', () => {
    expect(() =>
      writeSafetensors({
        a: { dtype: 'float32', shape: [2], data: new Float32Array(3) } as unknown as TensorData,
      }),
    ).toThrow(TypeError);
    catchVocoderError(
      () =>
        writeSafetensors({
          __metadata__: makeTensorData('uint8', [0], new Uint8Array(0)) as TensorData,
        }),
      'E_INVALID_ARGUMENT',
    );
  });

  const f32 = (begin: number, end: number, shape = [(end - begin) / 4]) => ({
    dtype: 'F32',
    shape,
    data_offsets: [begin, end],
  });
  const invalid: [string, () => Uint8Array][] = [
    ['shorter than 8 bytes', () => new Uint8Array(5)],
    ['header length past the end', () => build({ a: f32(0, 4) }, 4).subarray(0, 20)],
    [
      'header length above 100 MB',
      () => {
        const b = new Uint8Array(16);
        new DataView(b.buffer).setBigUint64(0, 200_000_000n, true);
        return b;
      },
    ],
    ['header not starting with {', () => build(null, 0, ' {}')],
    ['header not JSON', () => build(null, 0, '{"a": ')],
    [
      'header not UTF-8',
      () => {
        const b = build(null, 0, '{"\u00e9":1}');
        b[11] = 0xff;
        return b;
      },
    ],
    ['entry is an array', () => build(null, 0, '{"a": [1]}')],
    ['unknown dtype', () => build({ a: { dtype: 'F31', shape: [1], data_offsets: [0, 4] } }, 4)],
    ['negative shape', () => build({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4)],
    [
      'fractional offset',
      () => build({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4.5] } }, 4),
    ],
    ['three offsets', () => build({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4, 8] } }, 8)],
    ['end before begin', () => build({ a: f32(4, 0, [1]) }, 4)],
    ['offsets past the data', () => build({ a: f32(0, 8) }, 4)],
    ['dtype x shape != byte length', () => build({ a: f32(0, 8, [3]) }, 8)],
    ['a gap between tensors', () => build({ a: f32(0, 4), b: f32(8, 12) }, 12)],
    ['overlapping tensors', () => build({ a: f32(0, 8), b: f32(4, 12) }, 12)],
    ['trailing bytes not covered', () => build({ a: f32(0, 4) }, 8)],
    ['non-string metadata', () => build({ __metadata__: { n: 1 }, a: f32(0, 4) }, 4)],
    ['entry not an object', () => build({ a: 'x' }, 0)],
  ];
  it.each(invalid)('rejects %s with E_SAFETENSORS_INVALID', (_label, make) => {
    catchVocoderError(() => readSafetensors(make()), 'E_SAFETENSORS_INVALID');
  });

  it('reports valid but unsupported dtypes as E_CHECKPOINT_UNSUPPORTED', () => {
    catchVocoderError(
      () => readSafetensors(build({ a: { dtype: 'U16', shape: [2], data_offsets: [0, 4] } }, 4)),
      'E_CHECKPOINT_UNSUPPORTED',
    );
  });

  it('accepts empty files, empty tensors and space padding', () => {
    expect(readSafetensors(build({})).tensors.size).toBe(0);
    const padded = build(null, 0, '{"e":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]}}   ');
    expect(readSafetensors(padded).tensors.get('e')?.shape).toEqual([0, 3]);
  });
});
