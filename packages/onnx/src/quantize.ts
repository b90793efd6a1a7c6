/**
 * Symmetric per-channel int8 quantisation of weights, for `DequantizeLinear` / `QLinearConv`
 * graphs built with {@link GraphBuilder}.
 */
import { InputError, tensorSize } from '@voirs/core';

/** The result of {@link quantizeTensorPerChannel}: q = round(x / scale), x ≈ q * scale. */
export interface PerChannelQuantized {
  /** Quantised values in [-127, 127], same layout and dims as the input. */
  readonly data: Int8Array;
  /** One scale per channel along `axis` (`max |x| / 127`; 1 for an all-zero channel). */
  readonly scales: Float32Array;
  /** Zero points: all 0 (symmetric), as int8 for `DequantizeLinear`. */
  readonly zeroPoints: Int8Array;
  /** The channel axis, normalised to be non-negative. */
  readonly axis: number;
  readonly dims: readonly number[];
}

/** Rounds half to even, as ONNX QuantizeLinear does. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Quantises a float32 tensor to int8 with one symmetric scale per slice along `axis` (use axis 0
 * for Conv weights [C_out, C_in, k], 1 for ConvTranspose weights [C_in, C_out, k]).
 * The reconstruction error of each element is at most half its channel's scale.
 * @throws InputError `E_INVALID_ARGUMENT` for mismatched dims, a bad axis, or non-finite values.
 * @throws TypeError when `data` is not a Float32Array.
 */
export function quantizeTensorPerChannel(
  data: Float32Array,
  dims: readonly number[],
  axis: number,
): PerChannelQuantized {
  if (!(data instanceof Float32Array))
    throw new TypeError('quantizeTensorPerChannel expects a Float32Array');
  if (
    !Array.isArray(dims) ||
    dims.some((d) => !Number.isSafeInteger(d) || d < 0) ||
    tensorSize(dims) !== data.length
  ) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `dims [${String(dims)}] do not describe ${data.length} values.`,
    );
  }
  const a = axis < 0 ? axis + dims.length : axis;
  if (!Number.isInteger(a) || a < 0 || a >= dims.length) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `axis ${axis} is out of range for a rank-${dims.length} tensor.`,
    );
  }
  const channels = dims[a]!;
  const inner = tensorSize(dims.slice(a + 1));
  const channelOf = (i: number): number => Math.floor(i / inner) % channels;

  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `Cannot quantise a non-finite value (${v} at index ${i}).`,
      );
    }
    const c = channelOf(i);
    maxAbs[c] = Math.max(maxAbs[c]!, Math.abs(v));
  }
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    // A channel too small for a float32 scale gets the smallest positive one.
    const m = maxAbs[c]!;
    scales[c] = m === 0 ? 1 : Math.max(Math.fround(m / 127), 2 ** -149);
  }
  const q = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = roundHalfEven(data[i]! / scales[channelOf(i)]!);
    q[i] = Math.max(-127, Math.min(127, v));
  }
  return {
    data: q,
    scales,
    zeroPoints: new Int8Array(channels),
    axis: a,
    dims: Object.freeze([...dims]),
  };
}
