/**
 * Regression (found by the hardening suites): the dtype of a safetensors header entry was looked
 * up with a plain property access, so a file declaring `"dtype": "constructor"` (or `toString`,
 * `__proto__`, `valueOf`) reached Object.prototype and the reader crashed with "TypeError: Cannot
 * read properties of undefined (reading 'BYTES_PER_ELEMENT')" instead of refusing the file.
 */
import { describe, expect, it } from 'vitest';
import { loadWeights, readSafetensors } from '../src/index.js';

function safetensorsWithDtype(dtype: string): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({ w: { dtype, shape: [1], data_offsets: [0, 4] } }),
  );
  const out = new Uint8Array(8 + header.length + 4);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(header, 8);
  return out;
}

describe('regression: safetensors dtypes named like Object.prototype members', () => {
  it.each(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])(
    '"%s" is an unknown dtype (E_SAFETENSORS_INVALID)',
    (dtype) => {
      const bytes = safetensorsWithDtype(dtype);
      expect(() => readSafetensors(bytes)).toThrowError(
        expect.objectContaining({ code: 'E_SAFETENSORS_INVALID' }),
      );
      expect(() => loadWeights(bytes)).toThrowError(
        expect.objectContaining({ code: 'E_SAFETENSORS_INVALID' }),
      );
    },
  );

  it('F32 still reads', () => {
    expect(readSafetensors(safetensorsWithDtype('F32')).tensors.get('w')?.dtype).toBe('float32');
  });
});
