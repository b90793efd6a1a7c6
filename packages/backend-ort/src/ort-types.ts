/**
 * The slice of onnxruntime-common's API the session wrapper uses, typed structurally so that this
 * folder imports no onnxruntime package: onnxruntime-node and onnxruntime-web both satisfy it.
 *
 * Kept byte-identical in @voirs/backend-node and @voirs/backend-web (a test checks it).
 */
import type { TensorDType } from '@voirs/core';

/** An onnxruntime tensor as both runtimes hand it out. */
export interface OrtTensorLike {
  readonly type: string;
  readonly dims: readonly number[];
  /** Where the data lives; only `'cpu'` tensors expose `data`. */
  readonly location?: string;
  /** The typed array of a `'cpu'` tensor (throws for GPU-resident tensors). */
  readonly data: unknown;
  /** Downloads GPU-resident data (and releases it when `releaseData` is true). */
  getData?(releaseData?: boolean): Promise<unknown>;
}

/** Input or output metadata as onnxruntime reports it. */
export interface OrtValueMetadata {
  readonly name: string;
  readonly isTensor: boolean;
  /** Element type, e.g. `'float32'` (tensors only). */
  readonly type?: string;
  /** Dims: numbers for fixed axes, strings for symbolic ones; empty when unknown or scalar. */
  readonly shape?: readonly (number | string)[];
}

/** An onnxruntime InferenceSession. */
export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly OrtValueMetadata[];
  readonly outputMetadata: readonly OrtValueMetadata[];
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}

/** Builds a runtime tensor from a core tensor's parts (`new ort.Tensor(type, data, dims)`). */
export type OrtTensorFactory = (
  dtype: TensorDType,
  data: ArrayBufferView,
  dims: readonly number[],
) => OrtTensorLike;
