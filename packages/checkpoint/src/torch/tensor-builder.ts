/**
 * Turns `_rebuild_tensor_v2(storage, offset, size, stride, …)` calls into {@link TensorData}: the
 * tensor objects are created while unpickling (so they sit in the object tree) and receive their
 * elements once the storages are loaded. Contiguous tensors view their storage's array; strided
 * ones are copied into a contiguous array.
 */
import { FormatError } from '@voirs/core';
import type { TensorHooks } from '../pickle/reduce.js';
import { describeValue, isTuple, type PickleValue } from '../pickle/values.js';
import {
  allocateArray,
  arrayView,
  elementSize,
  type CheckpointArrayMap,
  type CheckpointDType,
  type TensorData,
} from '../tensor-data.js';
import { StorageRef } from './storage-table.js';

interface PendingTensor {
  dtype: CheckpointDType;
  shape: readonly number[];
  data: CheckpointArrayMap[CheckpointDType];
}

interface Placement {
  tensor: PendingTensor;
  storage: StorageRef;
  offset: number;
  stride: number[];
}

type IndexedArray = { [index: number]: number | bigint; readonly length: number };

function invalid(message: string): FormatError {
  return new FormatError('E_CHECKPOINT_INVALID', `Malformed torch checkpoint: ${message}`);
}

function intTuple(value: PickleValue, what: string): number[] {
  if (!isTuple(value) && !Array.isArray(value)) throw invalid(`tensor ${what} is not a tuple.`);
  const out: number[] = [];
  for (const v of value as readonly PickleValue[]) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      throw invalid(`tensor ${what} holds ${describeValue(v)}, not a non-negative integer.`);
    out.push(v);
  }
  return out;
}

/**
 * Bytes strided tensors may be copied into: at most `maxBytes`, and at most four times the file
 * plus 64 MiB, so that a tiny file cannot expand one stored element into gigabytes through zero
 * strides. Real checkpoints store contiguous tensors (copied at most once each).
 */
export function copyBudget(maxBytes: number, fileBytes: number): number {
  return Math.min(maxBytes, 4 * fileBytes + 64 * 2 ** 20);
}

/** The torch tensor hooks of one checkpoint. */
export class TensorBuilder implements TensorHooks {
  private readonly placements: Placement[] = [];
  private readonly made = new WeakSet<object>();

  rebuildTensor(
    storage: PickleValue,
    offset: PickleValue,
    size: PickleValue,
    stride: PickleValue,
  ): PickleValue {
    if (!(storage instanceof StorageRef))
      throw invalid('a tensor is rebuilt from something that is not a storage.');
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0)
      throw invalid('a tensor storage offset is not a non-negative integer.');
    const shape = Object.freeze(intTuple(size, 'size'));
    const strides = intTuple(stride, 'stride');
    if (strides.length !== shape.length)
      throw invalid(`a tensor has ${shape.length} sizes but ${strides.length} strides.`);
    let numel = 1;
    for (const d of shape) {
      numel *= d;
      if (numel > Number.MAX_SAFE_INTEGER)
        throw invalid('a tensor has more elements than can be addressed.');
    }
    const tensor: PendingTensor = {
      dtype: storage.dtype,
      shape,
      data: allocateArray(storage.dtype, 0),
    };
    this.placements.push({ tensor, storage, offset, stride: strides });
    this.made.add(tensor);
    return tensor as TensorData;
  }

  isTensor(value: PickleValue): boolean {
    return typeof value === 'object' && value !== null && this.made.has(value);
  }

  /**
   * Gives every tensor its elements. Call after every storage has its data.
   * @param maxCopyBytes bound on the bytes strided tensors may be materialised into.
   * @returns the tensors in the order they were rebuilt.
   */
  finalize(maxCopyBytes: number): TensorData[] {
    let copied = 0;
    const out: TensorData[] = [];
    for (const p of this.placements) {
      const src = p.storage.data;
      if (src === undefined) throw invalid(`storage ${p.storage.key} was never loaded.`);
      const { shape } = p.tensor;
      let numel = 1;
      let last = p.offset;
      for (let i = 0; i < shape.length; i++) {
        const d = shape[i] as number;
        numel *= d;
        if (d > 0) last += (d - 1) * (p.stride[i] as number);
      }
      if (numel > 0 && last >= src.length) {
        throw invalid(
          `a tensor of shape [${shape.join(', ')}] reaches element ${last} of storage ${p.storage.key}, which has ${src.length}.`,
        );
      }
      if (numel === 0) {
        p.tensor.data = allocateArray(p.tensor.dtype, 0);
      } else if (isContiguous(shape, p.stride)) {
        p.tensor.data = arrayView(
          p.tensor.dtype,
          src.buffer,
          src.byteOffset + p.offset * elementSize(p.tensor.dtype),
          numel,
        );
      } else {
        copied += numel * elementSize(p.tensor.dtype);
        if (copied > maxCopyBytes) {
          throw new FormatError(
            'E_CHECKPOINT_UNSUPPORTED',
            `Strided tensors expand beyond ${maxCopyBytes} bytes (maxBytes, or four times the file plus 64 MiB).`,
          );
        }
        p.tensor.data = gather(p.tensor.dtype, src, p.offset, shape, p.stride, numel);
      }
      Object.freeze(p.tensor);
      out.push(p.tensor as TensorData);
    }
    return out;
  }
}

/** True when `stride` is the row-major stride of `shape` (ignoring dims of size 1). */
function isContiguous(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i] as number;
    if (d !== 1 && stride[i] !== expected) return false;
    expected *= d;
  }
  return true;
}

/** Copies a strided view into a new contiguous row-major array. */
function gather(
  dtype: CheckpointDType,
  src: CheckpointArrayMap[CheckpointDType],
  offset: number,
  shape: readonly number[],
  stride: readonly number[],
  numel: number,
): CheckpointArrayMap[CheckpointDType] {
  const out = allocateArray(dtype, numel);
  const from = src as unknown as IndexedArray;
  const to = out as unknown as IndexedArray;
  const nd = shape.length;
  const inner = nd > 0 ? (shape[nd - 1] as number) : 1;
  const innerStride = nd > 0 ? (stride[nd - 1] as number) : 0;
  const index = new Array<number>(Math.max(nd - 1, 0)).fill(0);
  let base = offset;
  for (let o = 0; o < numel; o += inner) {
    for (let j = 0, s = base; j < inner; j++, s += innerStride) to[o + j] = from[s] as number;
    // advance the outer multi-index (odometer over dims 0..nd-2)
    for (let k = nd - 2; k >= 0; k--) {
      const next = (index[k] as number) + 1;
      base += stride[k] as number;
      if (next < (shape[k] as number)) {
        index[k] = next;
        break;
      }
      base -= (shape[k] as number) * (stride[k] as number);
      index[k] = 0;
    }
  }
  return out;
}
