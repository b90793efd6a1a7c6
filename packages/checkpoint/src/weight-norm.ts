/**
 * Weight-norm folding: PyTorch's `weight_norm` stores `weight_g` (magnitude) and `weight_v`
 * (direction); inference needs `W = g * v / ||v||`, the norm taken over every dim except `dim`.
 */
import { FormatError, InputError, isVocoderError } from '@voirs/core';
import {
  isTensorData,
  makeTensorData,
  shapeSize,
  type TensorData,
  type TensorOf,
} from './tensor-data.js';
import { toFloat32 } from './to-float32.js';

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Folds one weight-norm pair into a float32 weight of `v`'s shape.
 *
 * For Conv1d (weight `[out, in, k]`) and ConvTranspose1d (weight `[in, out, k]`) PyTorch uses
 * `dim = 0`, so `g` is `[out, 1, 1]` resp. `[in, 1, 1]`. `dim = null` (PyTorch's `dim=None`) takes
 * the norm over the whole tensor, with a single-element `g`. Norms accumulate in float64.
 * @throws TypeError when `g`/`v` are not tensors or `dim` is not an integer or null.
 * @throws InputError `E_INVALID_ARGUMENT` when `g`'s shape does not fit `v` and `dim`, or a slice
 *   of `v` is all zeros (the weight would be NaN).
 */
export function foldWeightNorm(
  g: TensorData,
  v: TensorData,
  dim: number | null = 0,
): TensorOf<'float32'> {
  if (!isTensorData(g) || !isTensorData(v))
    throw new TypeError('foldWeightNorm needs two TensorData values.');
  if (dim !== null && !Number.isInteger(dim))
    throw new TypeError('foldWeightNorm: dim must be an integer or null.');
  const rank = v.shape.length;
  let axis: number | null = null;
  if (dim !== null) {
    axis = dim < 0 ? dim + rank : dim;
    if (axis < 0 || axis >= rank)
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `dim ${dim} is out of range for weight_v of shape ${shapeText(v.shape)}.`,
      );
    const expected = v.shape.map((d, i) => (i === axis ? d : 1));
    if (g.shape.length !== rank || g.shape.some((d, i) => d !== expected[i])) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `weight_g has shape ${shapeText(g.shape)}; for weight_v ${shapeText(v.shape)} and dim ${dim} it must be ${shapeText(expected)}.`,
      );
    }
  } else if (shapeSize(g.shape) !== 1) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `With dim null weight_g must hold one value, it has shape ${shapeText(g.shape)}.`,
    );
  }
  const vf = toFloat32(v);
  const gf = toFloat32(g);
  const n = axis === null ? 1 : (v.shape[axis] as number);
  const outer = axis === null ? 1 : shapeSize(v.shape.slice(0, axis));
  const inner = axis === null ? vf.length : shapeSize(v.shape.slice(axis + 1));
  const out = new Float32Array(vf.length);
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let o = 0; o < outer; o++) {
      const base = (o * n + j) * inner;
      for (let i = 0; i < inner; i++) {
        const x = vf[base + i] as number;
        sum += x * x;
      }
    }
    if (!(sum > 0) && vf.length > 0) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `weight_v slice ${j} along dim ${String(dim)} is all zeros (or not finite), so the folded weight would be NaN.`,
      );
    }
    const scale = (gf[j] as number) / Math.sqrt(sum);
    for (let o = 0; o < outer; o++) {
      const base = (o * n + j) * inner;
      for (let i = 0; i < inner; i++) out[base + i] = (vf[base + i] as number) * scale;
    }
  }
  return makeTensorData('float32', v.shape, out);
}

/** The weight-norm dim implied by the shapes of `g` and `v` (`null`: norm over everything). */
function inferDim(g: TensorData, v: TensorData): number | null {
  if (g.shape.length !== v.shape.length) return shapeSize(g.shape) === 1 ? null : -1;
  const axes = g.shape.flatMap((d, i) => (d !== 1 ? [i] : []));
  if (axes.length === 0) return null;
  const axis = axes[0] as number;
  return axes.length === 1 && g.shape[axis] === v.shape[axis] ? axis : -1;
}

/**
 * Replaces every `<name>weight_g` / `<name>weight_v` pair of a state dict by the folded
 * `<name>weight` (float32, at the position of `weight_g`); other entries pass through unchanged.
 * The dim of each pair is read from `weight_g`'s shape (the axis it keeps).
 * @throws FormatError `E_CHECKPOINT_INVALID` for a lone `weight_g`/`weight_v`, a pair whose shapes
 *   do not fit, an all-zero direction, or a `weight` that already exists beside the pair.
 */
export function foldWeightNormStateDict(
  stateDict: ReadonlyMap<string, TensorData>,
): Map<string, TensorData> {
  if (!(stateDict instanceof Map))
    throw new TypeError('foldWeightNormStateDict needs a Map of tensors.');
  const out = new Map<string, TensorData>();
  for (const [key, tensor] of stateDict) {
    if (key.endsWith('weight_v')) {
      if (!stateDict.has(`${key.slice(0, -1)}g`))
        throw new FormatError('E_CHECKPOINT_INVALID', `${key} has no matching weight_g.`);
      continue;
    }
    if (!key.endsWith('weight_g')) {
      out.set(key, tensor);
      continue;
    }
    const base = key.slice(0, -2);
    const v = stateDict.get(`${base}_v`);
    if (v === undefined)
      throw new FormatError('E_CHECKPOINT_INVALID', `${key} has no matching ${base}_v.`);
    if (stateDict.has(base))
      throw new FormatError('E_CHECKPOINT_INVALID', `${base} exists beside ${key} and ${base}_v.`);
    const dim = inferDim(tensor, v);
    if (dim === -1)
      throw new FormatError(
        'E_CHECKPOINT_INVALID',
        `${key} ${shapeText(tensor.shape)} does not fit ${base}_v ${shapeText(v.shape)}.`,
      );
    try {
      out.set(base, foldWeightNorm(tensor, v, dim));
    } catch (cause) {
      if (!isVocoderError(cause)) throw cause;
      throw new FormatError('E_CHECKPOINT_INVALID', `Cannot fold ${base}: ${cause.message}`, {
        cause,
      });
    }
  }
  return out;
}
