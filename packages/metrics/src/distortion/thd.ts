/**
 * Total harmonic distortion of a test tone. The fundamental is found (or given) and refined by a
 * sine fit ({@link fitSine}); the harmonics 2..H below Nyquist are then fitted jointly with it
 * (least squares). THD = sqrt(sum_{k>=2} A_k^2) / A_1. THD+N = RMS of what remains after removing
 * the fitted fundamental and DC, over the fundamental's RMS (noise and harmonics over the whole
 * band, no weighting or band limit).
 */
import type { AudioBuffer } from '@voirs/core';
import { intOption, metricInputError, monoAudio, numberOption } from '../validate.js';
import { leastSquares } from './least-squares.js';
import { fitSine, peakFrequency } from './sine-fit.js';

/** Lowest tone frequency searched when no nominal frequency is given, Hz. */
const MIN_TONE_HZ = 10;

/** Options of {@link thd}. */
export interface ThdOptions {
  /**
   * The test tone's nominal frequency in Hz: the strongest peak within +-10 % of it is fitted
   * (default: the strongest spectral peak above 10 Hz).
   */
  readonly frequency?: number;
  /** Highest harmonic number included (default 10; harmonics at or above Nyquist are skipped). */
  readonly harmonics?: number;
}

/** Result of {@link thd}. Ratios are linear; the dB forms are 20 log10 of them. */
export interface ThdResult {
  readonly fundamentalHz: number;
  /** Peak amplitude of the fundamental. */
  readonly fundamentalAmplitude: number;
  /** Amplitudes A_1, A_2, … of the harmonics fitted. */
  readonly harmonicAmplitudes: readonly number[];
  readonly thd: number;
  readonly thdDb: number;
  readonly thdPercent: number;
  readonly thdN: number;
  readonly thdNDb: number;
  readonly thdNPercent: number;
}

/**
 * THD and THD+N of a tone (channels averaged).
 * @throws InputError `E_METRIC_INPUT` for empty, non-finite, silent or too-short audio (under
 * ten periods of the fundamental), or a sample rate of 20 Hz or less (no band to search).
 */
export function thd(audio: AudioBuffer, options: ThdOptions = {}): ThdResult {
  const x = monoAudio(audio, 'audio', 'THD');
  const sr = audio.sampleRate;
  const maxHarmonic = intOption(options.harmonics, 10, 'harmonics', 2);
  if (x.every((v) => v === 0))
    throw metricInputError('THD: the audio is silent; there is no tone to measure.');
  if (sr <= 2 * MIN_TONE_HZ) {
    throw metricInputError(
      `THD: tones are searched from ${MIN_TONE_HZ} Hz up to Nyquist; at ${sr} Hz there is no such band.`,
    );
  }
  const nominal =
    options.frequency === undefined
      ? undefined
      : (2 * Math.PI * numberOption(options.frequency, 0, 'frequency', 1e-3, sr / 2 - 1e-3)) / sr;
  const guess =
    nominal === undefined
      ? peakFrequency(x, (2 * Math.PI * MIN_TONE_HZ) / sr)
      : peakFrequency(x, 0.9 * nominal, Math.min(Math.PI, 1.1 * nominal));
  if (x.length < (10 * 2 * Math.PI) / guess) {
    throw metricInputError(
      `THD: the audio holds fewer than ten periods of the ${((guess * sr) / (2 * Math.PI)).toFixed(1)} Hz tone.`,
    );
  }
  const fit = fitSine(x, guess);
  const omega = fit.omega;
  const harmonics: number[] = [];
  for (let k = 1; k <= maxHarmonic && k * omega < Math.PI * 0.999; k++) harmonics.push(k);
  const p = leastSquares(
    1 + 2 * harmonics.length,
    x.length,
    (j, n) =>
      j === 0
        ? 1
        : (j & 1) === 1
          ? Math.cos(harmonics[(j - 1) >> 1]! * omega * n)
          : Math.sin(harmonics[(j - 1) >> 1]! * omega * n),
    x,
  );
  const amplitudes = harmonics.map((_, i) => Math.hypot(p[1 + 2 * i]!, p[2 + 2 * i]!));
  const fundamental = amplitudes[0]!;
  const distortion = Math.sqrt(amplitudes.slice(1).reduce((s, a) => s + a * a, 0));
  let residual = 0;
  for (let n = 0; n < x.length; n++)
    residual += (x[n]! - fit.a * Math.cos(omega * n) - fit.b * Math.sin(omega * n) - fit.c) ** 2;
  const ratio = distortion / fundamental;
  const ratioN = Math.sqrt(residual / x.length) / (Math.hypot(fit.a, fit.b) / Math.SQRT2);
  return {
    fundamentalHz: (omega * sr) / (2 * Math.PI),
    fundamentalAmplitude: fundamental,
    harmonicAmplitudes: amplitudes,
    thd: ratio,
    thdDb: 20 * Math.log10(ratio),
    thdPercent: 100 * ratio,
    thdN: ratioN,
    thdNDb: 20 * Math.log10(ratioN),
    thdNPercent: 100 * ratioN,
  };
}
