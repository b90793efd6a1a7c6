/**
 * Mel-cepstral distortion (Kubichek, "Mel-cepstral distance measure for objective speech quality
 * assessment", 1993): `MCD = (10 / ln 10) sqrt(2 sum_{d=1..D} (c_d - c'_d)^2)` in dB per frame,
 * averaged over frames.
 *
 * Recipe (see the README): 25 ms Hann frames every 5 ms, FFT of the next power of two, mel cepstra
 * of order 24 (c1..c24; c0, the energy, excluded unless `includeC0`) with the all-pass constant of
 * the sample rate ({@link mcepAlpha}: 0.455 at 22.05 kHz) from the STFT log magnitude
 * ({@link melCepstra}), both power spectra floored 80 dB below the reference's largest bin (so that
 * a band one signal lacks counts as 80 dB of difference at most, not as its quantisation noise
 * floor); frames where the reference is more than 40 dB below its loudest frame are
 * left out; no time warping unless `dtw` (then each signal's silent frames are dropped separately
 * and the sequences aligned by {@link dtwPath}).
 */
import type { AudioBuffer } from '@voirs/core';
import { checkAudioPair, intOption, metricInputError, numberOption } from '../validate.js';
import { dtwPath } from './dtw.js';
import { mcepAlpha } from './freqt.js';
import { melCepstra, powerFrames, type MelCepstra, type PowerFrames } from './mel-cepstrum.js';

/** Options of {@link melCepstralDistortion}. */
export interface McdOptions {
  /** Mel-cepstral order D (default 24). */
  readonly order?: number;
  /** All-pass constant (default {@link mcepAlpha} of the rate). */
  readonly alpha?: number;
  /** Include c0 (frame energy) in the distance (default false). */
  readonly includeC0?: boolean;
  /** Align the frame sequences with dynamic time warping (default false: frames compared 1:1). */
  readonly dtw?: boolean;
  /** Spectral floor in dB below the reference's largest bin power (default 80). */
  readonly floorDb?: number;
  /** Frames this many dB below the loudest are silence and ignored (default 40; Infinity keeps all). */
  readonly silenceDb?: number;
  /** Frame length and hop in seconds (defaults 0.025 and 0.005). */
  readonly frameSeconds?: number;
  readonly hopSeconds?: number;
}

const K = (10 / Math.LN10) * Math.SQRT2;

/**
 * Mean mel-cepstral distortion in dB (0 for identical signals); see the module comment.
 * @throws InputError `E_METRIC_INPUT` for mismatched, empty, non-finite or too-short input, or when
 * no frame of the reference is above the silence threshold.
 */
export function melCepstralDistortion(
  reference: AudioBuffer,
  test: AudioBuffer,
  options: McdOptions = {},
): number {
  const metric = 'MCD';
  const pair = checkAudioPair(reference, test, metric);
  const sr = pair.sampleRate;
  const order = intOption(options.order, 24, 'order', 1);
  const alpha = numberOption(options.alpha, mcepAlpha(sr), 'alpha', -0.999, 0.999);
  const silenceDb = options.silenceDb ?? 40;
  if (typeof silenceDb !== 'number' || !(silenceDb > 0))
    throw new TypeError('silenceDb must be a positive number (or Infinity)');
  const win = Math.max(
    16,
    Math.round(numberOption(options.frameSeconds, 0.025, 'frameSeconds', 0) * sr),
  );
  const hop = Math.max(
    1,
    Math.round(numberOption(options.hopSeconds, 0.005, 'hopSeconds', 0) * sr),
  );
  let nFft = 16;
  while (nFft < win) nFft *= 2;
  const floorDb = numberOption(options.floorDb, 80, 'floorDb', 1);
  const analysis = { nFft, hop, win };
  const px = powerFrames(pair.reference, analysis, metric);
  const py = powerFrames(pair.test, analysis, metric);
  if (px.peak === 0)
    throw metricInputError('MCD: the reference is silent; mel-cepstral distortion is undefined.');
  const floor = px.peak * 10 ** (-floorDb / 10);
  const x = melCepstra(px, order, alpha, floor);
  const y = melCepstra(py, order, alpha, floor);
  const first = options.includeC0 ? 0 : 1;
  const dim = order + 1;
  const frameDistance = (i: number, j: number) => {
    let s = 0;
    for (let d = first; d < dim; d++) s += (x.data[i * dim + d]! - y.data[j * dim + d]!) ** 2;
    return K * Math.sqrt(s);
  };
  if (!options.dtw) {
    const keep = loudFrames(px, silenceDb);
    return keep.reduce((sum, t) => sum + frameDistance(t, t), 0) / keep.length;
  }
  const xi = loudFrames(px, silenceDb);
  const yi = loudFrames(py, silenceDb);
  const path = dtwPath(gather(x, xi), xi.length, gather(y, yi), yi.length, dim, first);
  return path.reduce((sum, [i, j]) => sum + frameDistance(xi[i]!, yi[j]!), 0) / path.length;
}

function loudFrames(c: PowerFrames, silenceDb: number): number[] {
  const loudest = Math.max(...c.energyDb);
  const keep: number[] = [];
  for (let t = 0; t < c.frames; t++) if (c.energyDb[t]! > loudest - silenceDb) keep.push(t);
  if (keep.length === 0 || !Number.isFinite(loudest) || loudest <= -290) {
    throw metricInputError('MCD: the audio is silent; mel-cepstral distortion is undefined.');
  }
  return keep;
}

function gather(c: MelCepstra, frames: readonly number[]): Float64Array {
  const dim = c.order + 1;
  const out = new Float64Array(frames.length * dim);
  frames.forEach((t, i) => out.set(c.data.subarray(t * dim, (t + 1) * dim), i * dim));
  return out;
}
