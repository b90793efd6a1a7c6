/**
 * `.npy` writer: format 1.0 (2.0 only when the header would not fit), C order, little-endian,
 * header padded so the data starts on a 64-byte boundary; the bytes equal `numpy.save`'s.
 */
import { InputError } from '@voirs/core';
import { DESCR_OF, HOST_LITTLE_ENDIAN, type NpyDType } from './npy-dtype.js';
import { NPY_MAGIC } from './npy-read.js';

/** Arrays {@link writeNpy} accepts, and the dtype each is written as. */
export type NpyWritableArray =
  Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Int32Array | BigInt64Array;

/** Spare header room numpy leaves for the first axis (`GROWTH_AXIS_MAX_DIGITS`). */
const GROWTH_DIGITS = 21;

function dtypeOf(data: NpyWritableArray): NpyDType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof BigInt64Array) return 'int64';
  throw new TypeError(
    'writeNpy expects a Float32Array, Float64Array, Int8Array, Uint8Array, Int16Array, Int32Array or BigInt64Array',
  );
}

/**
 * Serialises `data` with `shape` (row-major) as a `.npy` file that `numpy.load` reads.
 * The dtype follows the array type (`Float32Array` -> `<f4`, `Float64Array` -> `<f8`, ...).
 * @throws InputError `E_INVALID_ARGUMENT` when `shape` is not non-negative integers whose product
 * is `data.length`.
 */
export function writeNpy(data: NpyWritableArray, shape: readonly number[]): Uint8Array {
  const dtype = dtypeOf(data);
  if (!Array.isArray(shape)) throw new TypeError('writeNpy expects shape as an array of integers');
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0) || shape.length > 64) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Invalid .npy shape [${shape.join(', ')}]: use up to 64 non-negative integers.`,
    );
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Shape [${shape.join(', ')}] holds ${count} elements but the array has ${data.length}; pass the array's real shape.`,
    );
  }
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  // numpy leaves room for the first axis to grow to GROWTH_DIGITS digits, then pads to 64 bytes
  const growth =
    shape.length > 0 ? ' '.repeat(Math.max(0, GROWTH_DIGITS - String(shape[0]).length)) : '';
  const dict = `{'descr': '${DESCR_OF[dtype]}', 'fortran_order': False, 'shape': ${tuple}, }${growth}`;
  const padded = (prefix: number) => dict.length + 1 + (64 - ((prefix + dict.length + 1) % 64));
  const version = padded(10) < 65536 ? 1 : 2;
  const prefix = version === 1 ? 10 : 12;
  const headerLength = padded(prefix);
  const out = new Uint8Array(prefix + headerLength + data.byteLength);
  out.set(NPY_MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, headerLength, true);
  else view.setUint32(8, headerLength, true);
  const header = dict.padEnd(headerLength - 1, ' ') + '\n';
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  const body = out.subarray(prefix + headerLength);
  body.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const size = data.BYTES_PER_ELEMENT;
  if (!HOST_LITTLE_ENDIAN && size > 1) {
    for (let i = 0; i < body.length; i += size) body.subarray(i, i + size).reverse();
  }
  return out;
}
