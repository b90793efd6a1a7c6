/**
 * The `.npy` element types this library reads and writes, and their typed arrays.
 */

/** Element types of {@link NpyArray}; float16 is kept as raw IEEE half bits (as core `Tensor` does). */
export type NpyDType =
  'float32' | 'float64' | 'float16' | 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'bool';

/** The typed array holding each {@link NpyDType}. */
export interface NpyDataMap {
  float32: Float32Array;
  float64: Float64Array;
  float16: Uint16Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  bool: Uint8Array;
}

/** A parsed `.npy` array: C-order (row-major) data, its shape and dtype. Narrow on `dtype`. */
export type NpyArray = {
  [D in NpyDType]: {
    readonly dtype: D;
    readonly data: NpyDataMap[D];
    readonly shape: readonly number[];
  };
}[NpyDType];

interface DTypeInfo {
  readonly dtype: NpyDType;
  readonly size: number;
  readonly create: (length: number) => NpyDataMap[NpyDType];
}

/** numpy `descr` strings (little-endian or byte-order-free) to dtypes. */
export const NPY_DESCRS: Readonly<Record<string, DTypeInfo>> = {
  '<f4': { dtype: 'float32', size: 4, create: (n) => new Float32Array(n) },
  '<f8': { dtype: 'float64', size: 8, create: (n) => new Float64Array(n) },
  '<f2': { dtype: 'float16', size: 2, create: (n) => new Uint16Array(n) },
  '|i1': { dtype: 'int8', size: 1, create: (n) => new Int8Array(n) },
  '|u1': { dtype: 'uint8', size: 1, create: (n) => new Uint8Array(n) },
  '<i2': { dtype: 'int16', size: 2, create: (n) => new Int16Array(n) },
  '<i4': { dtype: 'int32', size: 4, create: (n) => new Int32Array(n) },
  '<i8': { dtype: 'int64', size: 8, create: (n) => new BigInt64Array(n) },
  '|b1': { dtype: 'bool', size: 1, create: (n) => new Uint8Array(n) },
};

/** The descr written for each dtype. */
export const DESCR_OF: Readonly<Record<NpyDType, string>> = Object.fromEntries(
  Object.entries(NPY_DESCRS).map(([descr, info]) => [info.dtype, descr]),
) as Record<NpyDType, string>;

/** True on little-endian hosts (every current JS engine); raw copies are only valid there. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
