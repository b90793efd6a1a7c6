/**
 * Turns plain numbers into tensors of a given dtype, for constants written inline
 * (`g.mul(x, 0.5)`, Reshape shapes, Slice bounds…).
 */
import { ConfigError, type Tensor, type TensorDType } from '@voirs/core';
import { float16Bits } from '../float16.js';

const INT_RANGES: Partial<Record<TensorDType, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int8: [-128, 127],
  uint8: [0, 255],
  bool: [0, 1],
};

/**
 * A tensor holding `values` as `dtype`: a scalar for a number, 1-D for a list.
 * @throws ConfigError `E_INVALID_ARGUMENT` when a value does not fit the dtype.
 */
export function literalTensor(values: number | readonly number[], dtype: TensorDType): Tensor {
  const dims = typeof values === 'number' ? [] : [values.length];
  const list = typeof values === 'number' ? [values] : values;
  for (const v of list) {
    if (typeof v !== 'number')
      throw new TypeError(`constant values must be numbers, got ${typeof v}`);
  }
  const bad = (v: number): never => {
    throw new ConfigError('E_INVALID_ARGUMENT', `The constant ${v} cannot be stored as ${dtype}.`);
  };
  switch (dtype) {
    case 'float32':
      return { dtype, dims, data: Float32Array.from(list) };
    case 'float16':
      return { dtype, dims, data: Uint16Array.from(list, float16Bits) };
    case 'int64':
      return {
        dtype,
        dims,
        data: BigInt64Array.from(list, (v) => (Number.isSafeInteger(v) ? BigInt(v) : bad(v))),
      };
    default: {
      const [lo, hi] = INT_RANGES[dtype]!;
      for (const v of list) if (!Number.isInteger(v) || v < lo || v > hi) bad(v);
      const data =
        dtype === 'int32'
          ? Int32Array.from(list)
          : dtype === 'int8'
            ? Int8Array.from(list)
            : Uint8Array.from(list);
      return { dtype, dims, data } as Tensor;
    }
  }
}
