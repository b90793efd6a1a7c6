/**
 * safetensors dtype names and their {@link CheckpointDType} equivalents.
 */
import type { CheckpointDType } from '../tensor-data.js';

/** The dtypes this package reads and writes. */
export const SAFETENSORS_TO_DTYPE: Readonly<Record<string, CheckpointDType>> = {
  F32: 'float32',
  F16: 'float16',
  BF16: 'bfloat16',
  F64: 'float64',
  I64: 'int64',
  I32: 'int32',
  I16: 'int16',
  I8: 'int8',
  U8: 'uint8',
  BOOL: 'bool',
};

/** Valid safetensors dtypes this package cannot represent. */
export const UNSUPPORTED_SAFETENSORS_DTYPES: ReadonlySet<string> = new Set([
  'U16',
  'U32',
  'U64',
  'F8_E4M3',
  'F8_E5M2',
  'F8_E8M0',
  'F6_E2M3',
  'F6_E3M2',
  'F4',
  'C64',
]);

/** The safetensors name of a dtype. */
export const DTYPE_TO_SAFETENSORS: Readonly<Record<CheckpointDType, string>> = Object.fromEntries(
  Object.entries(SAFETENSORS_TO_DTYPE).map(([name, dtype]) => [dtype, name]),
) as Record<CheckpointDType, string>;
