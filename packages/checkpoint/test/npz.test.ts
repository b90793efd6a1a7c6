import { describe, expect, it } from 'vitest';
import { detectFormat, loadWeights, readNpz, tensorBytes } from '../src/index.js';
import { catchVocoderError, fixture, fixtureJson, sha256 } from './helpers/fixtures.js';

const golden =
  fixtureJson<[string, { dtype: string; shape: number[]; sha256: string }][]>('npz-golden.json');
const NUMPY_TO_DTYPE: Record<string, string> = {
  float32: 'float32',
  float16: 'float16',
  int64: 'int64',
  bool: 'bool',
  uint8: 'uint8',
};

describe.each(['arrays.npz', 'arrays-compressed.npz'])('npz %s', (name) => {
  it('reads every array numpy saved', () => {
    const bytes = fixture(name);
    expect(detectFormat(bytes)).toBe('npz');
    const arrays = readNpz(bytes);
    expect([...arrays.keys()]).toEqual(golden.map(([k]) => k));
    for (const [key, desc] of golden) {
      const t = arrays.get(key);
      expect(t?.dtype, key).toBe(NUMPY_TO_DTYPE[desc.dtype]);
      expect(t?.shape, key).toEqual(desc.shape);
      expect(sha256(tensorBytes(t!)), key).toBe(desc.sha256);
    }
    expect(loadWeights(bytes).size).toBe(golden.length);
  });
});

describe('npz errors', () => {
  it('a member that is not valid .npy fails with the npy codes', () => {
    const bytes = fixture('arrays.npz').slice();
    const text = Buffer.from(bytes).toString('latin1');
    // break the magic of the first member's data (stored, so the CRC fails first unless disabled)
    const at = text.indexOf('\x93NUMPY');
    bytes[at + 1] = 0x41;
    catchVocoderError(() => readNpz(bytes), 'E_ZIP_INVALID');
    const error = catchVocoderError(() => readNpz(bytes, { verifyCrc: false }), 'E_NPY_INVALID');
    expect(error.message).toContain('.npy');
  });

  it('wrong argument types throw TypeError', () => {
    expect(() => readNpz([1, 2] as unknown as Uint8Array)).toThrow(TypeError);
  });
});
