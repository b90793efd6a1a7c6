/**
 * Multi-resolution STFT distance (Yamamoto et al., Parallel WaveGAN, ICASSP 2020; reported as
 * "M-STFT" by BigVGAN): for each resolution, spectral convergence
 * `||S_ref - S_test||_F / ||S_ref||_F` plus the mean absolute difference of log magnitudes,
 * averaged over the resolutions. Magnitudes are `sqrt(max(re^2 + im^2, 1e-7))` of a centred,
 * reflect-padded STFT with a periodic Hann window of `win` samples.
 */
import type { AudioBuffer } from '@voirs/core';
import { checkAudioPair, metricInputError } from '../validate.js';
import { magnitudes } from './magnitudes.js';

/** One STFT resolution. */
export interface StftResolution {
  readonly nFft: number;
  readonly hop: number;
  readonly win: number;
}

/** The usual three resolutions (Parallel WaveGAN, auraloss defaults). */
export const DEFAULT_STFT_RESOLUTIONS: readonly StftResolution[] = Object.freeze([
  { nFft: 1024, hop: 120, win: 600 },
  { nFft: 2048, hop: 240, win: 1200 },
  { nFft: 512, hop: 50, win: 240 },
]);

/** Result of {@link multiResolutionStft}. */
export interface MultiResolutionStftResult {
  /** Spectral convergence + log-magnitude distance, averaged over resolutions. */
  readonly total: number;
  readonly spectralConvergence: number;
  readonly logMagnitude: number;
}

/**
 * The multi-resolution STFT distance; 0 for identical signals.
 * @throws InputError `E_METRIC_INPUT` for mismatched, empty, non-finite input, signals too short
 * for the largest STFT, or a silent reference.
 */
export function multiResolutionStft(
  reference: AudioBuffer,
  test: AudioBuffer,
  resolutions: readonly StftResolution[] = DEFAULT_STFT_RESOLUTIONS,
): MultiResolutionStftResult {
  const metric = 'multi-resolution STFT';
  if (!Array.isArray(resolutions) || resolutions.length === 0)
    throw new TypeError('resolutions must be a non-empty array');
  const pair = checkAudioPair(reference, test, metric);
  if (pair.reference.every((v) => v === 0))
    throw metricInputError(
      `${metric}: the reference is silent; spectral convergence is undefined.`,
    );
  let sc = 0;
  let mag = 0;
  for (const { nFft, hop, win } of resolutions) {
    const options = { nFft, hop, win, window: 'hann', center: true } as const;
    const x = magnitudes(pair.reference, options, 1, 1e-7, metric);
    const y = magnitudes(pair.test, options, 1, 1e-7, metric);
    let diff = 0;
    let norm = 0;
    let logSum = 0;
    for (let i = 0; i < x.data.length; i++) {
      const a = x.data[i]!;
      const b = y.data[i]!;
      diff += (a - b) ** 2;
      norm += a * a;
      logSum += Math.abs(Math.log(a) - Math.log(b));
    }
    sc += Math.sqrt(diff) / Math.sqrt(norm);
    mag += logSum / x.data.length;
  }
  const n = resolutions.length;
  return { total: (sc + mag) / n, spectralConvergence: sc / n, logMagnitude: mag / n };
}
