/**
 * `stft` and `istft` with torch.stft / torch.istft semantics (onesided, see {@link StftOptions}).
 * The inverse is a weighted overlap-add normalised by the summed squared window, so
 * `istft(stft(x), { length: x.length })` returns `x` (to float rounding) whenever the window and hop
 * satisfy NOLA (the summed squared window is non-zero over the kept samples).
 */
import { InputError } from '@voirs/core';
import { StftPlan, type StftOptions } from './stft-plan.js';

/** A complex spectrogram: `re[k * frames + t]`, `im[k * frames + t]` for bin k of frame t. */
export interface ComplexSpectrogram {
  readonly re: Float32Array;
  readonly im: Float32Array;
  readonly bins: number;
  readonly frames: number;
}

/** Options of {@link istft}: the forward options plus the output length. */
export interface IstftOptions extends StftOptions {
  /** Output samples (default: the length the frames span, without the padding). Extra samples are 0. */
  readonly length?: number;
}

/** Envelopes below this are treated as zero (torch.istft uses the same bound). */
const NOLA_EPS = 1e-11;

/**
 * Short-time Fourier transform of a mono signal.
 * @throws InputError `E_AUDIO_INVALID` when the signal is too short for one frame or its padding.
 */
export function stft(
  signal: Float32Array | Float64Array,
  options: StftOptions,
): ComplexSpectrogram {
  if (!(signal instanceof Float32Array || signal instanceof Float64Array)) {
    throw new TypeError('signal must be a Float32Array or Float64Array');
  }
  const plan = new StftPlan(options);
  const padded = plan.pad(signal);
  const frames = plan.frameCount(signal.length);
  const { bins } = plan;
  const re = new Float32Array(bins * frames);
  const im = new Float32Array(bins * frames);
  const fr = new Float64Array(bins);
  const fi = new Float64Array(bins);
  for (let t = 0; t < frames; t++) {
    plan.analyze(padded, t, fr, fi);
    for (let k = 0; k < bins; k++) {
      re[k * frames + t] = fr[k]!;
      im[k * frames + t] = fi[k]!;
    }
  }
  return { re, im, bins, frames };
}

/**
 * Inverse STFT by weighted overlap-add (torch.istft semantics).
 * @throws InputError `E_INVALID_ARGUMENT` when the spectrogram does not match the options or the
 * window/hop pair leaves kept samples uncovered (NOLA violated).
 */
export function istft(spec: ComplexSpectrogram, options: IstftOptions): Float32Array {
  if (
    spec === null ||
    typeof spec !== 'object' ||
    !(spec.re instanceof Float32Array) ||
    !(spec.im instanceof Float32Array)
  ) {
    throw new TypeError('spec must be a ComplexSpectrogram with Float32Array re/im');
  }
  const plan = new StftPlan(options);
  const { bins, frames } = spec;
  if (
    bins !== plan.bins ||
    !Number.isInteger(frames) ||
    frames < 1 ||
    spec.re.length !== bins * frames ||
    spec.im.length !== bins * frames
  ) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `The spectrogram is ${bins} x ${frames} with ${spec.re.length} values; nFft ${plan.nFft} needs ${plan.bins} bins and at least one frame.`,
    );
  }
  const accum = new Float64Array((frames - 1) * plan.hop + plan.nFft);
  const fr = new Float64Array(bins);
  const fi = new Float64Array(bins);
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < bins; k++) {
      fr[k] = spec.re[k * frames + t]!;
      fi[k] = spec.im[k * frames + t]!;
    }
    plan.synthesize(fr, fi, t, accum);
  }
  const natural = accum.length - 2 * plan.offset;
  const length = options.length ?? natural;
  if (!Number.isInteger(length) || length < 0) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `istft length must be a non-negative integer, got ${length}.`,
    );
  }
  return normaliseOverlapAdd(accum, plan.envelope(frames), plan.offset, length);
}

/**
 * Checks that every kept sample `[offset, offset + length)` (within the envelope) is covered by
 * the window envelope.
 * @throws InputError `E_INVALID_ARGUMENT` when a kept sample has a (near) zero envelope.
 */
export function assertNola(envelope: Float64Array, offset: number, length: number): void {
  const end = Math.min(offset + length, envelope.length);
  for (let i = offset; i < end; i++) {
    if (envelope[i]! < NOLA_EPS) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `The window and hop do not satisfy NOLA: output sample ${i - offset} is covered by no window. ` +
          'Use a hop no longer than the non-zero part of the window.',
        { details: { sample: i - offset } },
      );
    }
  }
}

/**
 * Divides an overlap-added buffer by its window envelope and crops `length` samples starting at
 * `offset` (samples past the buffer are 0).
 * @throws InputError `E_INVALID_ARGUMENT` when a kept sample has a (near) zero envelope.
 */
export function normaliseOverlapAdd(
  accum: Float64Array,
  envelope: Float64Array,
  offset: number,
  length: number,
  out: Float32Array = new Float32Array(length),
): Float32Array {
  assertNola(envelope, offset, length);
  const available = Math.max(0, Math.min(length, accum.length - offset));
  for (let i = 0; i < available; i++) out[i] = accum[offset + i]! / envelope[offset + i]!;
  out.fill(0, available);
  return out;
}
