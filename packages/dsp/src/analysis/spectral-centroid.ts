/**
 * Spectral centroid: the amplitude-weighted mean frequency.
 */
import type { AudioBuffer } from '@voirs/core';
import { magnitudeSpectrum, type SpectrumOptions } from './spectrum.js';

/**
 * `sum(f * |X(f)|) / sum(|X(f)|)` over the averaged amplitude spectrum ({@link magnitudeSpectrum},
 * same options), in Hz. A pure tone reads its frequency; brighter sounds read higher. NaN for
 * silence, where it is undefined.
 */
export function spectralCentroid(audio: AudioBuffer, options: SpectrumOptions = {}): number {
  const { frequencies, values } = magnitudeSpectrum(audio, options);
  let weighted = 0;
  let total = 0;
  for (let k = 0; k < values.length; k++) {
    weighted += frequencies[k]! * values[k]!;
    total += values[k]!;
  }
  return total === 0 ? Number.NaN : weighted / total;
}
