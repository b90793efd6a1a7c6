/**
 * A backend-neutral dense tensor, the currency of {@link Session.run}.
 */
import { InputError } from './errors.js';

/** Element types the vocoders exchange with backends. */
export type TensorDType = 'float32' | 'float16' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool';

/** The typed array used for each {@link TensorDType} (float16 is stored as raw uint16 bits). */
export interface TensorDataMap {
  float32: Float32Array;
  float16: Uint16Array;
  int64: BigInt64Array;
  int32: Int32Array;
  int8: Int8Array;
  uint8: Uint8Array;
  bool: Uint8Array;
}

/** A dense, row-major tensor. */
export interface Tensor<T extends TensorDType = TensorDType> {
  readonly dtype: T;
  readonly dims: readonly number[];
  readonly data: TensorDataMap[T];
}

/** Number of elements for the given dims. */
export function tensorSize(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/**
 * Builds a tensor, checking that the data length matches the dims.
 * @throws InputError `E_INVALID_ARGUMENT` on a mismatch or a negative/non-integer dim.
 */
export function createTensor<T extends TensorDType>(
  dtype: T,
  data: TensorDataMap[T],
  dims: readonly number[],
): Tensor<T> {
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `Invalid tensor dimension ${d} in [${dims.join(', ')}].`,
      );
    }
  }
  const size = tensorSize(dims);
  if (data.length !== size) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Tensor data has ${data.length} elements but dims [${dims.join(', ')}] need ${size}.`,
    );
  }
  return { dtype, data, dims: Object.freeze([...dims]) };
}
