/**
 * Conversion between core {@link Tensor}s and onnxruntime tensors, with the argument checks that
 * belong to it. Kept byte-identical in both backend packages.
 */
import { BackendError, InputError, tensorSize, type Tensor, type TensorDType } from '@voirs/core';
import type { OrtTensorLike } from './ort-types.js';

type ArrayConstructorOf = new (
  buffer: ArrayBufferLike,
  byteOffset: number,
  length: number,
) => ArrayBufferView & {
  readonly length: number;
  slice(): ArrayBufferView;
};

/** The typed array class of each dtype (float16 travels as raw uint16 bits, bool as uint8). */
const ARRAY_TYPES: Readonly<Record<TensorDType, ArrayConstructorOf>> = {
  float32: Float32Array,
  float16: Uint16Array,
  int64: BigInt64Array,
  int32: Int32Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
};

/** True for the element types core tensors can hold. */
export function isTensorDType(value: unknown): value is TensorDType {
  return typeof value === 'string' && Object.hasOwn(ARRAY_TYPES, value);
}

/**
 * Checks that `value` is a well-formed core tensor.
 * @throws TypeError for wrong field types; InputError `E_INVALID_ARGUMENT` for bad dims or a
 * data length that does not match them.
 */
export function checkTensor(name: string, value: unknown): Tensor {
  if (value === null || typeof value !== 'object')
    throw new TypeError(`feeds["${name}"] must be a tensor object`);
  const { dtype, dims, data } = value as Partial<Tensor>;
  if (!isTensorDType(dtype)) {
    throw new TypeError(
      `feeds["${name}"].dtype must be one of ${Object.keys(ARRAY_TYPES).join(', ')}`,
    );
  }
  if (!Array.isArray(dims) || !dims.every((d) => typeof d === 'number')) {
    throw new TypeError(`feeds["${name}"].dims must be an array of numbers`);
  }
  const Expected = ARRAY_TYPES[dtype];
  if (!(data instanceof Expected)) {
    throw new TypeError(`feeds["${name}"].data must be a ${Expected.name} for dtype ${dtype}`);
  }
  if (!dims.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Input "${name}" has invalid dims [${dims.join(', ')}]: use non-negative integers.`,
    );
  }
  const size = tensorSize(dims);
  if (data.length !== size) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Input "${name}" holds ${data.length} elements but its dims [${dims.join(', ')}] need ${size}.`,
    );
  }
  return value as Tensor;
}

/**
 * Copies an onnxruntime output into a core tensor that owns its memory (valid after the session
 * is disposed). GPU-resident outputs are downloaded and released.
 * @throws BackendError `E_UNSUPPORTED_FEATURE` for element types core tensors cannot hold.
 */
export async function copyOutput(name: string, value: OrtTensorLike): Promise<Tensor> {
  const dtype = value.type;
  if (!isTensorDType(dtype)) {
    throw new BackendError(
      'E_UNSUPPORTED_FEATURE',
      `Output "${name}" has element type ${dtype}, which voirs tensors cannot hold (use ${Object.keys(ARRAY_TYPES).join(', ')}).`,
    );
  }
  const onCpu =
    value.location === undefined || value.location === 'cpu' || value.location === 'cpu-pinned';
  const raw = onCpu ? value.data : await value.getData?.(true);
  if (!ArrayBuffer.isView(raw)) {
    throw new BackendError(
      'E_BACKEND_RUN',
      `Output "${name}" came back without readable data (location ${String(value.location)}).`,
    );
  }
  const Type = ARRAY_TYPES[dtype];
  const length =
    raw.byteLength / (Type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  // A view of the same bytes in our array type (Float16Array -> Uint16Array bits), then a copy.
  const data = new Type(raw.buffer, raw.byteOffset, length).slice() as Tensor['data'];
  return { dtype, dims: Object.freeze([...value.dims]), data };
}
