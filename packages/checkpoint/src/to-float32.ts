/**
 * Conversion of any checkpoint tensor to float32, the precision the vocoders compute in.
 */
import type { TensorData } from './tensor-data.js';

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** Decodes one IEEE 754 half-precision bit pattern. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Decodes one bfloat16 bit pattern (the top half of a float32). */
export function bfloat16ToFloat(bits: number): number {
  U32[0] = (bits & 0xffff) << 16;
  return F32[0] as number;
}

/**
 * The tensor's values as a Float32Array in row-major order. A float32 tensor's own array is
 * returned without copying (do not mutate it if the tensor is shared); every other dtype is
 * converted into a new array (float16/bfloat16 decoded, integers and booleans cast; int64 values
 * beyond 2^24 lose precision as they would in PyTorch's `.float()`).
 */
export function toFloat32(tensor: TensorData): Float32Array {
  switch (tensor.dtype) {
    case 'float32':
      return tensor.data;
    case 'float16': {
      const out = new Float32Array(tensor.data.length);
      const lut = halfTable();
      for (let i = 0; i < out.length; i++) out[i] = lut[tensor.data[i] as number] as number;
      return out;
    }
    case 'bfloat16': {
      const src = tensor.data;
      const bits = new Uint32Array(src.length);
      for (let i = 0; i < src.length; i++) bits[i] = (src[i] as number) << 16;
      return new Float32Array(bits.buffer);
    }
    case 'int64': {
      const out = new Float32Array(tensor.data.length);
      for (let i = 0; i < out.length; i++) out[i] = Number(tensor.data[i]);
      return out;
    }
    default:
      return Float32Array.from(tensor.data);
  }
}

let HALF_TABLE: Float32Array | undefined;

/** All 65536 half-precision values, built once on first use (256 KiB). */
function halfTable(): Float32Array {
  if (HALF_TABLE === undefined) {
    HALF_TABLE = new Float32Array(65536);
    for (let i = 0; i < 65536; i++) HALF_TABLE[i] = halfToFloat(i);
  }
  return HALF_TABLE;
}
