/**
 * The dense tensor every reader in this package returns, independent of the file format.
 */
import { FormatError } from '@voirs/core';

/** Element types a checkpoint tensor can have. float16 and bfloat16 hold raw 16-bit patterns. */
export type CheckpointDType =
  | 'float32'
  | 'float16'
  | 'bfloat16'
  | 'float64'
  | 'int64'
  | 'int32'
  | 'int16'
  | 'int8'
  | 'uint8'
  | 'bool';

/** The typed array that stores each {@link CheckpointDType} (booleans are 0/1 bytes). */
export interface CheckpointArrayMap {
  float32: Float32Array;
  float16: Uint16Array;
  bfloat16: Uint16Array;
  float64: Float64Array;
  int64: BigInt64Array;
  int32: Int32Array;
  int16: Int16Array;
  int8: Int8Array;
  uint8: Uint8Array;
  bool: Uint8Array;
}

/** A dense row-major tensor of one dtype. */
export interface TensorOf<D extends CheckpointDType> {
  readonly dtype: D;
  readonly shape: readonly number[];
  /** Exactly `product(shape)` elements, row-major, in host (little-endian) order. */
  readonly data: CheckpointArrayMap[D];
}

/** A tensor of any dtype; switch on `dtype` to narrow `data`. */
export type TensorData = { [D in CheckpointDType]: TensorOf<D> }[CheckpointDType];

/** Every dtype name, in a stable order. */
export const CHECKPOINT_DTYPES: readonly CheckpointDType[] = [
  'float32',
  'float16',
  'bfloat16',
  'float64',
  'int64',
  'int32',
  'int16',
  'int8',
  'uint8',
  'bool',
];

type TypedArrayCtor = {
  new (
    buffer: ArrayBufferLike,
    byteOffset: number,
    length: number,
  ): CheckpointArrayMap[CheckpointDType];
  new (length: number): CheckpointArrayMap[CheckpointDType];
  readonly BYTES_PER_ELEMENT: number;
};

const CTORS: Record<CheckpointDType, TypedArrayCtor> = {
  float32: Float32Array,
  float16: Uint16Array,
  bfloat16: Uint16Array,
  float64: Float64Array,
  int64: BigInt64Array,
  int32: Int32Array,
  int16: Int16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
};

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Checkpoints store little-endian elements and typed arrays use the host's order, so a big-endian
 * host cannot read them without byte swapping, which this package does not do.
 * @throws FormatError `E_CHECKPOINT_UNSUPPORTED` on a big-endian host.
 */
export function assertLittleEndianHost(): void {
  if (!LITTLE_ENDIAN_HOST) {
    throw new FormatError(
      'E_CHECKPOINT_UNSUPPORTED',
      'This host is big-endian; @voirs/checkpoint reads little-endian tensors only. Use a little-endian machine.',
    );
  }
}

/** Bytes per element of `dtype`. */
export function elementSize(dtype: CheckpointDType): number {
  return CTORS[dtype].BYTES_PER_ELEMENT;
}

/** Number of elements of a shape (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** True when `value` is a dtype name this package knows. */
export function isCheckpointDType(value: unknown): value is CheckpointDType {
  return typeof value === 'string' && (CHECKPOINT_DTYPES as readonly string[]).includes(value);
}

/** A new zero-filled array of `length` elements of `dtype`. */
export function allocateArray<D extends CheckpointDType>(
  dtype: D,
  length: number,
): CheckpointArrayMap[D] {
  return new CTORS[dtype](length) as CheckpointArrayMap[D];
}

/**
 * A typed array over `bytes` (little-endian raw elements). The bytes are copied once into a
 * fresh, aligned buffer, so the result never aliases the caller's input.
 */
export function arrayFromBytes<D extends CheckpointDType>(
  dtype: D,
  bytes: Uint8Array,
): CheckpointArrayMap[D] {
  const size = elementSize(dtype);
  if (bytes.byteLength % size !== 0) {
    throw new FormatError(
      'E_CHECKPOINT_INVALID',
      `${bytes.byteLength} bytes are not a whole number of ${dtype} elements; the file is corrupt.`,
    );
  }
  assertLittleEndianHost();
  // `new Uint8Array(view)` always copies (a Node Buffer's `slice` would not).
  const copy = new Uint8Array(bytes);
  return new CTORS[dtype](copy.buffer, 0, copy.byteLength / size) as CheckpointArrayMap[D];
}

/** A typed array view of `length` elements of `dtype` at `byteOffset` of `buffer` (no copy). */
export function arrayView<D extends CheckpointDType>(
  dtype: D,
  buffer: ArrayBufferLike,
  byteOffset: number,
  length: number,
): CheckpointArrayMap[D] {
  return new CTORS[dtype](buffer, byteOffset, length) as CheckpointArrayMap[D];
}

/** The raw little-endian bytes of a tensor's data (a view, not a copy). */
export function tensorBytes(tensor: TensorData): Uint8Array {
  return new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
}

/**
 * Builds a frozen {@link TensorData}, checking that `data` is the array type of `dtype` and holds
 * exactly `product(shape)` elements.
 * @throws TypeError when `data` is not the typed array of `dtype` or the shape is not integral.
 */
export function makeTensorData<D extends CheckpointDType>(
  dtype: D,
  shape: readonly number[],
  data: CheckpointArrayMap[D],
): TensorOf<D> {
  if (!isCheckpointDType(dtype)) throw new TypeError(`Unknown dtype ${String(dtype)}.`);
  if (!(data instanceof CTORS[dtype])) {
    throw new TypeError(`A ${dtype} tensor needs a ${CTORS[dtype].name}.`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new TypeError(`A tensor shape must be non-negative integers, got [${String(shape)}].`);
  }
  if (data.length !== shapeSize(shape)) {
    throw new TypeError(
      `Tensor data has ${data.length} elements but shape [${shape.join(', ')}] needs ${shapeSize(shape)}.`,
    );
  }
  return Object.freeze({ dtype, shape: Object.freeze([...shape]), data });
}

/** True when `value` is a {@link TensorData} (dtype name, integer shape and a matching array). */
export function isTensorData(value: unknown): value is TensorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { dtype?: unknown; shape?: unknown; data?: unknown };
  return (
    isCheckpointDType(v.dtype) &&
    Array.isArray(v.shape) &&
    v.data instanceof CTORS[v.dtype] &&
    (v.data as { length: number }).length === shapeSize(v.shape as number[])
  );
}
