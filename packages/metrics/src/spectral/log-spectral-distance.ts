/**
 * Log-spectral distance (LSD), as used to evaluate vocoders and bandwidth extension: per frame the
 * RMS over frequency of the difference of the two power spectra in dB, averaged over frames.
 */
import type { AudioBuffer } from '@voirs/core';
import { checkAudioPair, intOption, numberOption } from '../validate.js';
import { magnitudes } from './magnitudes.js';

/** Options of {@link logSpectralDistance}. */
export interface LogSpectralDistanceOptions {
  /** FFT size (default 2048) of a centred, reflect-padded STFT with a periodic Hann window. */
  readonly nFft?: number;
  /** Hop (default nFft / 4). */
  readonly hop?: number;
  /** Power floor before the log (default 1e-10, i.e. -100 dB). */
  readonly floor?: number;
}

/**
 * `mean_t sqrt(mean_k (10 log10 P_ref(k, t) - 10 log10 P_test(k, t))^2)` in dB, with
 * `P = max(|X|^2, floor)`. 0 for identical signals.
 * @throws InputError `E_METRIC_INPUT` for mismatched, empty, non-finite or too-short input.
 */
export function logSpectralDistance(
  reference: AudioBuffer,
  test: AudioBuffer,
  options: LogSpectralDistanceOptions = {},
): number {
  const metric = 'log-spectral distance';
  const pair = checkAudioPair(reference, test, metric);
  const nFft = intOption(options.nFft, 2048, 'nFft', 2);
  const hop = intOption(options.hop, Math.max(1, nFft >> 2), 'hop');
  const floor = numberOption(options.floor, 1e-10, 'floor', Number.MIN_VALUE);
  const stftOptions = { nFft, hop, window: 'hann', center: true } as const;
  const x = magnitudes(pair.reference, stftOptions, 2, floor, metric);
  const y = magnitudes(pair.test, stftOptions, 2, floor, metric);
  const { bins, frames } = x;
  let total = 0;
  for (let t = 0; t < frames; t++) {
    let sum = 0;
    for (let k = 0; k < bins; k++) {
      const d = 10 * Math.log10(x.data[k * frames + t]! / y.data[k * frames + t]!);
      sum += d * d;
    }
    total += Math.sqrt(sum / bins);
  }
  return total / frames;
}
