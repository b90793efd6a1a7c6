/**
 * Every R128 figure of one signal in one pass over the K-weighted power.
 */
import type { AudioBuffer } from '@voirs/core';
import { peakDb } from '@voirs/dsp';
import { gatedLoudness, windowPowers } from './loudness.js';
import { rangeOf } from './loudness-range.js';
import { truePeakDb } from './true-peak.js';
import { powerToLufs, weightedPower, type LoudnessOptions } from './weighted-power.js';

/** Result of {@link loudness}. */
export interface LoudnessReport {
  /** Gated integrated loudness, LUFS. */
  readonly integrated: number;
  /** Highest momentary (400 ms) loudness, LUFS. */
  readonly momentaryMax: number;
  /** Highest short-term (3 s) loudness, LUFS; NaN for audio under 3 s. */
  readonly shortTermMax: number;
  /** Loudness range, LU; NaN for audio under 3 s. */
  readonly range: number;
  /** True peak (4x oversampled), dBTP. */
  readonly truePeak: number;
  /** Sample peak, dBFS. */
  readonly samplePeak: number;
}

/**
 * Integrated, maximum momentary and short-term loudness, loudness range and peaks.
 * @throws InputError `E_METRIC_INPUT` for audio under 400 ms, empty or non-finite audio.
 */
export function loudness(audio: AudioBuffer, options: LoudnessOptions = {}): LoudnessReport {
  const power = weightedPower(audio, options, 'loudness');
  const max = (values: Float64Array) =>
    values.length === 0 ? Number.NaN : powerToLufs(Math.max(...values));
  return {
    integrated: gatedLoudness(power),
    momentaryMax: max(windowPowers(power, 0.4)),
    shortTermMax: max(windowPowers(power, 3)),
    range: rangeOf(power),
    truePeak: truePeakDb(audio),
    samplePeak: peakDb(audio),
  };
}
