/**
 * What a session's inputs and outputs must look like, and the checks of feeds against it, so that
 * a wrong feed fails with a message that names the input and its expected shape. Kept
 * byte-identical in both backend packages.
 */
import { BackendError, InputError, type TensorDType } from '@voirs/core';
import type { OrtTensorFactory, OrtTensorLike, OrtValueMetadata } from './ort-types.js';
import { checkTensor, isTensorDType } from './tensors.js';

/** One input or output: element type and dims (numbers are fixed, strings are free axes). */
export interface ValueSpec {
  readonly name: string;
  readonly dtype: TensorDType;
  /** Empty when the model does not declare the shape. */
  readonly shape: readonly (number | string)[];
}

/** `x: float32 [batch, 4, time]`. */
export function formatSpec(spec: ValueSpec): string {
  return `${spec.name}: ${spec.dtype} [${spec.shape.join(', ')}]`;
}

/**
 * Turns runtime metadata into specs.
 * @throws BackendError `E_UNSUPPORTED_FEATURE` for non-tensor values or element types core
 * tensors cannot hold.
 */
export function specsFromMetadata(
  metadata: readonly OrtValueMetadata[],
  kind: 'input' | 'output',
): ValueSpec[] {
  return metadata.map((m) => {
    if (!m.isTensor || !isTensorDType(m.type)) {
      throw new BackendError(
        'E_UNSUPPORTED_FEATURE',
        `Model ${kind} "${m.name}" is ${m.isTensor ? `a ${String(m.type)} tensor` : 'not a tensor'}; voirs backends ` +
          'exchange float32, float16, int64, int32, int8, uint8 and bool tensors only. Export the model with those types.',
      );
    }
    return { name: m.name, dtype: m.type, shape: Object.freeze([...(m.shape ?? [])]) };
  });
}

function checkShape(spec: ValueSpec, dims: readonly number[]): void {
  if (spec.shape.length === 0) return;
  const mismatch =
    dims.length !== spec.shape.length
      ? 'rank differs'
      : spec.shape.findIndex((d, i) => typeof d === 'number' && d !== dims[i]);
  if (mismatch === -1) return;
  const why =
    typeof mismatch === 'string'
      ? `rank ${dims.length} instead of ${spec.shape.length}`
      : `axis ${mismatch} must be ${spec.shape[mismatch]}`;
  throw new InputError(
    'E_INVALID_ARGUMENT',
    `Input "${spec.name}" has dims [${dims.join(', ')}] but the model expects ${spec.dtype} [${spec.shape.join(', ')}] (${why}).`,
    { details: { input: spec.name, expected: spec.shape, got: dims } },
  );
}

/**
 * Checks feeds against the input specs and converts them to runtime tensors (no copy).
 * @throws TypeError when feeds or a tensor has the wrong types; InputError `E_INVALID_ARGUMENT`
 * for unknown or missing inputs and wrong element types or dims.
 */
export function prepareFeeds(
  feeds: unknown,
  inputs: readonly ValueSpec[],
  makeTensor: OrtTensorFactory,
): Record<string, OrtTensorLike> {
  if (feeds === null || typeof feeds !== 'object' || Array.isArray(feeds)) {
    throw new TypeError('feeds must be an object mapping input names to tensors');
  }
  const expected = () => inputs.map(formatSpec).join('; ');
  for (const name of Object.keys(feeds)) {
    if (!inputs.some((spec) => spec.name === name)) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `Unknown input "${name}". The model's inputs are: ${expected()}.`,
        {
          details: { input: name },
        },
      );
    }
  }
  const out: Record<string, OrtTensorLike> = {};
  for (const spec of inputs) {
    // own keys only: an input named "toString" must not find Object.prototype.toString
    const value = Object.hasOwn(feeds, spec.name)
      ? (feeds as Record<string, unknown>)[spec.name]
      : undefined;
    if (value === undefined) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `Missing input "${spec.name}" (${formatSpec(spec)}). The model's inputs are: ${expected()}.`,
        {
          details: { input: spec.name },
        },
      );
    }
    const tensor = checkTensor(spec.name, value);
    if (tensor.dtype !== spec.dtype) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `Input "${spec.name}" is ${tensor.dtype} but the model expects ${spec.dtype} [${spec.shape.join(', ')}].`,
        { details: { input: spec.name, expected: spec.dtype, got: tensor.dtype } },
      );
    }
    checkShape(spec, tensor.dims);
    out[spec.name] = makeTensor(tensor.dtype, tensor.data, tensor.dims);
  }
  return out;
}
