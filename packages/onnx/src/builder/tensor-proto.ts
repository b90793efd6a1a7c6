/**
 * Encoding of `TensorProto` messages (initializers and tensor attributes), always with
 * little-endian `raw_data` that references the caller's typed array: no copy until serialisation.
 */
import { ConfigError, tensorSize, type Tensor, type TensorDType } from '@voirs/core';
import { ONNX_DTYPE_CODES } from '../dtypes.js';
import { ProtoMessage } from '../proto/proto-writer.js';
import { TENSOR } from '../proto/onnx-fields.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The typed array each initializer dtype is given as. */
const ARRAY_TYPES: Readonly<Record<TensorDType, new (n: number) => ArrayBufferView>> = {
  float32: Float32Array,
  float16: Uint16Array,
  int64: BigInt64Array,
  int32: Int32Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
};

/**
 * An initializer given as data and dims; the dtype follows from the array type, as in
 * `@voirs/core`'s `TensorDataMap` (a Uint16Array holds float16 bits, a Uint8Array uint8).
 */
export type InitializerData =
  Float32Array | Uint16Array | Int32Array | BigInt64Array | Int8Array | Uint8Array;

const DTYPE_OF_ARRAY: readonly (readonly [
  abstract new (...args: never[]) => InitializerData,
  TensorDType,
])[] = [
  [Float32Array, 'float32'],
  [Uint16Array, 'float16'],
  [Int32Array, 'int32'],
  [BigInt64Array, 'int64'],
  [Int8Array, 'int8'],
  [Uint8Array, 'uint8'],
];

/**
 * A checked tensor from `data` with `dims` (dtype from the array type), or from a `Tensor`.
 * @throws TypeError for unsupported arrays; ConfigError `E_INVALID_ARGUMENT` for bad dims.
 */
export function toTensor(
  what: string,
  data: InitializerData | Tensor,
  dims: readonly number[] | undefined,
): Tensor {
  let tensor: Tensor;
  if (ArrayBuffer.isView(data)) {
    const dtype = DTYPE_OF_ARRAY.find(([type]) => data instanceof type)?.[1];
    if (dtype === undefined) throw new TypeError(`${what}: unsupported array type; pass a Tensor`);
    if (!Array.isArray(dims)) throw new TypeError(`${what}: dims must be an array`);
    tensor = { dtype, data, dims } as Tensor;
  } else {
    tensor = data;
  }
  checkTensor(tensor, what);
  return tensor;
}

/**
 * Checks that `tensor` is well formed (dtype, array type, dims, length).
 * @throws TypeError for a data array of the wrong type; ConfigError `E_INVALID_ARGUMENT` for bad dims.
 */
export function checkTensor(tensor: Tensor, what: string): void {
  const ArrayType = Object.hasOwn(ARRAY_TYPES, tensor.dtype)
    ? ARRAY_TYPES[tensor.dtype]
    : undefined;
  if (ArrayType === undefined)
    throw new TypeError(`${what}: unknown tensor dtype '${String(tensor.dtype)}'`);
  if (!(tensor.data instanceof ArrayType)) {
    throw new TypeError(`${what}: ${tensor.dtype} data must be a ${ArrayType.name}`);
  }
  for (const d of tensor.dims) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `${what}: invalid dimension ${d} in [${tensor.dims.join(', ')}].`,
      );
    }
  }
  const size = tensorSize(tensor.dims);
  if (tensor.data.length !== size) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `${what}: ${tensor.data.length} elements given but dims [${tensor.dims.join(', ')}] need ${size}.`,
    );
  }
}

/** A byte view over a typed array (no copy). */
export function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Encodes a `TensorProto` with `raw_data`.
 * @throws ConfigError `E_UNSUPPORTED_FEATURE` on a big-endian host (ONNX raw data is little-endian).
 */
export function encodeTensor(name: string, tensor: Tensor): ProtoMessage {
  if (!LITTLE_ENDIAN && tensor.data.BYTES_PER_ELEMENT > 1) {
    throw new ConfigError(
      'E_UNSUPPORTED_FEATURE',
      'Writing ONNX tensors on a big-endian host is not supported.',
    );
  }
  const m = new ProtoMessage();
  for (const d of tensor.dims) m.varint(TENSOR.dims, d);
  m.varint(TENSOR.dataType, ONNX_DTYPE_CODES[tensor.dtype]);
  if (name !== '') m.string(TENSOR.name, name);
  return m.bytes(TENSOR.rawData, bytesOf(tensor.data));
}
