/**
 * Seam artefacts of a streamed signal, measured against the offline signal of the same mel.
 *
 * A non-exact vocoder's streamed output differs from its offline output everywhere (Griffin-Lim
 * estimates phase per window), so what matters is whether it differs *more at the seams* than
 * elsewhere. Each detector is computed at the seams and at control points (midway between seams),
 * on both signals; the report gives the seam/control ratio of the streamed/offline ratios. 1 means
 * the seams are no more audible than the rest of the stream; a click or a level dip shows as > 1
 * (or < 1 for the level).
 */
import { InputError } from '@voirs/core';
import { stft } from '@voirs/dsp';

/** Options of {@link seamArtifacts}. */
export interface SeamAnalysisOptions {
  /** FFT size of the spectral-flux detector (default 256 samples). */
  readonly nFft?: number;
  /** Hop of the spectral-flux detector (default nFft / 4). */
  readonly hop?: number;
  /** Half-width of the click and level detectors' windows (default 32 samples). */
  readonly radius?: number;
}

/** What {@link seamArtifacts} measured. */
export interface SeamReport {
  readonly seams: number;
  /** Rectified spectral flux around the seams, relative to control points (1 = no extra onset). */
  readonly fluxExcess: number;
  /** High-frequency (second difference) energy at the seams, relative to control points. */
  readonly clickExcess: number;
  /** The worst seam's click energy, relative to the control median. */
  readonly maxClickExcess: number;
  /** RMS level at the seams, relative to control points (below 1: a dip, above: a bump). */
  readonly levelRatio: number;
}

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Rectified spectral flux per STFT frame (frame t centred on sample t * hop). */
function spectralFlux(signal: Float32Array, nFft: number, hop: number): Float64Array {
  const { re, im, bins, frames } = stft(signal, { nFft, hop, center: true });
  const flux = new Float64Array(frames);
  for (let t = 1; t < frames; t++) {
    let sum = 0;
    for (let k = 0; k < bins; k++) {
      const a = Math.hypot(re[k * frames + t]!, im[k * frames + t]!);
      const b = Math.hypot(re[k * frames + t - 1]!, im[k * frames + t - 1]!);
      if (a > b) sum += (a - b) ** 2;
    }
    flux[t] = Math.sqrt(sum);
  }
  return flux;
}

/** Mean square of `f(i)` over `[center - radius, center + radius]`, clipped to the signal. */
function localEnergy(
  length: number,
  center: number,
  radius: number,
  f: (i: number) => number,
): number {
  let sum = 0;
  let n = 0;
  for (let i = Math.max(2, center - radius); i <= Math.min(length - 1, center + radius); i++, n++)
    sum += f(i) ** 2;
  return n > 0 ? sum / n : 0;
}

/**
 * Measures click, onset and level artefacts at `seams` (sample positions where stream windows
 * meet) of `streamed`, against `reference` (the offline output); see the module comment.
 * @throws InputError `E_INVALID_ARGUMENT` when the signals differ in length or no seam is inside.
 */
export function seamArtifacts(
  streamed: Float32Array,
  reference: Float32Array,
  seams: readonly number[],
  options: SeamAnalysisOptions = {},
): SeamReport {
  if (!(streamed instanceof Float32Array) || !(reference instanceof Float32Array))
    throw new TypeError('signals must be Float32Arrays');
  if (streamed.length !== reference.length) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `The streamed (${streamed.length}) and offline (${reference.length}) signals must have the same length.`,
    );
  }
  const nFft = options.nFft ?? 256;
  const hop = options.hop ?? nFft / 4;
  const radius = options.radius ?? 32;
  const inside = seams.filter((s) => s > nFft && s < streamed.length - nFft).sort((a, b) => a - b);
  if (inside.length === 0)
    throw new InputError(
      'E_INVALID_ARGUMENT',
      'No seam lies inside the signal; nothing to measure.',
    );
  const bounds = [0, ...inside, streamed.length];
  const controls = bounds.slice(1).map((b, i) => Math.round((b + bounds[i]!) / 2));

  /** A detector reads one signal (and its flux) at one position. */
  type Detector = (signal: Float32Array, flux: Float64Array, at: number) => number;
  const fluxS = spectralFlux(streamed, nFft, hop);
  const fluxR = spectralFlux(reference, nFft, hop);
  const ratios = (detect: Detector, positions: readonly number[]) =>
    positions.map(
      (p) => (detect(streamed, fluxS, p) + 1e-12) / (detect(reference, fluxR, p) + 1e-12),
    );
  const flux: Detector = (_, f, at) => {
    let max = 0;
    const from = Math.max(1, Math.ceil((at - nFft / 2) / hop));
    for (let t = from; t <= Math.min(f.length - 1, Math.floor((at + nFft / 2) / hop)); t++)
      max = Math.max(max, f[t]!);
    return max;
  };
  const click: Detector = (x, _, at) =>
    localEnergy(x.length, at, radius, (i) => x[i]! - 2 * x[i - 1]! + x[i - 2]!);
  const level: Detector = (x, _, at) =>
    Math.sqrt(localEnergy(x.length, at, 4 * radius, (i) => x[i]!));

  const clickSeams = ratios(click, inside);
  const clickControl = median(ratios(click, controls));
  return {
    seams: inside.length,
    fluxExcess: median(ratios(flux, inside)) / median(ratios(flux, controls)),
    clickExcess: median(clickSeams) / clickControl,
    maxClickExcess: Math.max(...clickSeams) / clickControl,
    levelRatio: median(ratios(level, inside)) / median(ratios(level, controls)),
  };
}
