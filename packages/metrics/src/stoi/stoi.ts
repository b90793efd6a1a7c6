/**
 * STOI, short-time objective intelligibility (Taal, Hendriks, Heusdens, Jensen, "An algorithm for
 * intelligibility prediction of time-frequency weighted noisy speech", IEEE TASLP 2011), and ESTOI,
 * its extension to modulated noise (Jensen & Taal, "An algorithm for predicting the intelligibility
 * of speech masked by modulated noise maskers", IEEE TASLP 2016).
 *
 * Both signals are resampled to 10 kHz (dsp `resample`, Kaiser sinc), silent frames removed
 * ({@link removeSilentFrames}), one-third-octave envelopes taken ({@link bandEnvelopes}) and
 * compared over 384 ms segments. STOI: per band and segment, the test envelope is scaled to the
 * reference energy, clipped at `(1 + 10^(15/20))` times the reference, and correlated with it;
 * the score is the mean correlation. ESTOI: each segment is normalised to zero mean and unit norm
 * along time (per band) and then across bands (per frame); the score is the mean over segments of
 * the mean per-frame inner product. Scores lie in about [0, 1]; identical signals give 1.
 */
import { type AudioBuffer } from '@voirs/core';
import { resampleSamples } from '@voirs/dsp';
import { checkAudioPair, metricInputError } from '../validate.js';
import { removeSilentFrames } from './remove-silent-frames.js';
import {
  STOI_BANDS,
  STOI_BETA_DB,
  STOI_EPS,
  STOI_SAMPLE_RATE,
  STOI_SEGMENT,
} from './stoi-constants.js';
import { bandEnvelopes } from './third-octave-bands.js';

/** Options of {@link stoi}. */
export interface StoiOptions {
  /** Compute ESTOI instead of STOI (default false). */
  readonly extended?: boolean;
}

/**
 * STOI (or ESTOI with `{ extended: true }`) of `test` against `reference`: same rate and length,
 * channels averaged, resampled to 10 kHz when needed.
 * @throws InputError `E_METRIC_INPUT` for mismatched, empty or non-finite input, or when fewer than
 * 30 frames (~0.4 s) of non-silent reference remain.
 */
export function stoi(reference: AudioBuffer, test: AudioBuffer, options: StoiOptions = {}): number {
  const metric = options.extended ? 'ESTOI' : 'STOI';
  const pair = checkAudioPair(reference, test, metric);
  const ref = to10k(pair.reference, pair.sampleRate);
  const est = to10k(pair.test, pair.sampleRate);
  return stoiAt10k(ref, est, options.extended ?? false, metric);
}

/** ESTOI: {@link stoi} with `{ extended: true }`. */
export function estoi(reference: AudioBuffer, test: AudioBuffer): number {
  return stoi(reference, test, { extended: true });
}

function to10k(x: Float64Array, rate: number): Float64Array {
  if (rate === STOI_SAMPLE_RATE) return x;
  return Float64Array.from(resampleSamples(Float32Array.from(x), rate, STOI_SAMPLE_RATE));
}

/** The algorithm on 10 kHz signals. */
function stoiAt10k(
  reference: Float64Array,
  test: Float64Array,
  extended: boolean,
  metric = extended ? 'ESTOI' : 'STOI',
): number {
  const trimmed = removeSilentFrames(reference, test);
  const x = bandEnvelopes(trimmed.reference);
  const y = bandEnvelopes(trimmed.test);
  const frames = x.frames;
  if (frames < STOI_SEGMENT) {
    throw metricInputError(
      `${metric}: only ${frames} frames remain after removing the reference's silent frames; at least ` +
        `${STOI_SEGMENT} (~0.4 s of speech) are needed. Use longer or louder audio.`,
      { frames, needed: STOI_SEGMENT },
    );
  }
  const segments = frames - STOI_SEGMENT + 1;
  let total = 0;
  for (let m = 0; m < segments; m++) {
    total += extended
      ? estoiSegment(x.data, y.data, frames, m)
      : stoiSegment(x.data, y.data, frames, m);
  }
  return extended ? total / segments : total / (segments * STOI_BANDS);
}

const N = STOI_SEGMENT;
const CLIP = 1 + 10 ** (-STOI_BETA_DB / 20);

/** Sum over bands of the correlation of clipped, energy-matched test envelopes in segment m. */
function stoiSegment(x: Float64Array, y: Float64Array, frames: number, m: number): number {
  const yp = new Float64Array(N);
  let sum = 0;
  for (let b = 0; b < STOI_BANDS; b++) {
    const o = b * frames + m;
    let ex = 0;
    let ey = 0;
    for (let t = 0; t < N; t++) {
      ex += x[o + t]! ** 2;
      ey += y[o + t]! ** 2;
    }
    const alpha = Math.sqrt(ex) / (Math.sqrt(ey) + STOI_EPS);
    for (let t = 0; t < N; t++) yp[t] = Math.min(alpha * y[o + t]!, CLIP * x[o + t]!);
    sum += correlation(x.subarray(o, o + N), yp);
  }
  return sum;
}

function correlation(a: Float64Array, b: Float64Array): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < N; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= N;
  mb /= N;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < N; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return ab / ((Math.sqrt(aa) + STOI_EPS) * (Math.sqrt(bb) + STOI_EPS));
}

/** Mean over the segment's frames of the inner product of row- then column-normalised envelopes. */
function estoiSegment(x: Float64Array, y: Float64Array, frames: number, m: number): number {
  const xn = normalise(x, frames, m);
  const yn = normalise(y, frames, m);
  let sum = 0;
  for (let i = 0; i < xn.length; i++) sum += xn[i]! * yn[i]!;
  return sum / N;
}

/** Copies segment m as [band][frame], normalises each band over time, then each frame over bands. */
function normalise(data: Float64Array, frames: number, m: number): Float64Array {
  const out = new Float64Array(STOI_BANDS * N);
  for (let b = 0; b < STOI_BANDS; b++) {
    let mean = 0;
    for (let t = 0; t < N; t++) mean += data[b * frames + m + t]!;
    mean /= N;
    let norm = 0;
    for (let t = 0; t < N; t++) {
      const v = data[b * frames + m + t]! - mean;
      out[b * N + t] = v;
      norm += v * v;
    }
    const inv = 1 / (Math.sqrt(norm) + STOI_EPS);
    for (let t = 0; t < N; t++) out[b * N + t] = out[b * N + t]! * inv;
  }
  for (let t = 0; t < N; t++) {
    let mean = 0;
    for (let b = 0; b < STOI_BANDS; b++) mean += out[b * N + t]!;
    mean /= STOI_BANDS;
    let norm = 0;
    for (let b = 0; b < STOI_BANDS; b++) {
      const v = out[b * N + t]! - mean;
      out[b * N + t] = v;
      norm += v * v;
    }
    const inv = 1 / (Math.sqrt(norm) + STOI_EPS);
    for (let b = 0; b < STOI_BANDS; b++) out[b * N + t] = out[b * N + t]! * inv;
  }
  return out;
}
