/**
 * ONNX element types: names, `TensorProto.DataType` codes and storage sizes.
 */

/** ONNX `TensorProto.DataType` codes by name (names follow `@voirs/core`'s `TensorDType`). */
export const ONNX_DTYPE_CODES = {
  float32: 1,
  uint8: 2,
  int8: 3,
  uint16: 4,
  int16: 5,
  int32: 6,
  int64: 7,
  string: 8,
  bool: 9,
  float16: 10,
  float64: 11,
  uint32: 12,
  uint64: 13,
  complex64: 14,
  complex128: 15,
  bfloat16: 16,
  float8e4m3fn: 17,
  float8e4m3fnuz: 18,
  float8e5m2: 19,
  float8e5m2fnuz: 20,
  uint4: 21,
  int4: 22,
  float4e2m1: 23,
  float8e8m0: 24,
  uint2: 25,
  int2: 26,
} as const;

/** An ONNX element type. */
export type OnnxDType = keyof typeof ONNX_DTYPE_CODES;

/** Bits per element in `raw_data` (strings have no raw form). */
const ELEMENT_BITS: Readonly<Record<OnnxDType, number>> = {
  float32: 32,
  uint8: 8,
  int8: 8,
  uint16: 16,
  int16: 16,
  int32: 32,
  int64: 64,
  string: 0,
  bool: 8,
  float16: 16,
  float64: 64,
  uint32: 32,
  uint64: 64,
  complex64: 64,
  complex128: 128,
  bfloat16: 16,
  float8e4m3fn: 8,
  float8e4m3fnuz: 8,
  float8e5m2: 8,
  float8e5m2fnuz: 8,
  uint4: 4,
  int4: 4,
  float4e2m1: 4,
  float8e8m0: 8,
  uint2: 2,
  int2: 2,
};

const BY_CODE = new Map<number, OnnxDType>(
  Object.entries(ONNX_DTYPE_CODES).map(([name, code]) => [code, name as OnnxDType]),
);

/** True when `value` names an ONNX element type. */
export function isOnnxDType(value: unknown): value is OnnxDType {
  return typeof value === 'string' && Object.hasOwn(ONNX_DTYPE_CODES, value);
}

/** The ONNX element type with this `DataType` code, or `undefined` for an unknown code. */
export function dtypeFromCode(code: number): OnnxDType | undefined {
  return BY_CODE.get(code);
}

/**
 * Bytes that `count` elements of `dtype` occupy in `raw_data` (2- and 4-bit types are packed
 * into bytes), or `undefined` for strings.
 */
export function rawByteLength(dtype: OnnxDType, count: number): number | undefined {
  const bits = ELEMENT_BITS[dtype];
  if (bits === 0) return undefined;
  return bits < 8 ? Math.ceil((count * bits) / 8) : (count * bits) / 8;
}

/** Bits per element in `raw_data` (0 for strings, which have no raw form). */
export function elementBits(dtype: OnnxDType): number {
  return ELEMENT_BITS[dtype];
}
