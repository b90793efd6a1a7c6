/**
 * Loudness per ITU-R BS.1770-4 and EBU R128 (EBU Tech 3341): K-weighted mean square over 400 ms
 * (momentary) and 3 s (short-term) windows every 100 ms, and the gated integrated loudness:
 * 400 ms blocks with 75 % overlap, an absolute gate at -70 LUFS, then a relative gate 10 LU below
 * the loudness of the blocks that passed the absolute gate.
 */
import type { AudioBuffer } from '@voirs/core';
import { metricInputError } from '../validate.js';
import {
  powerToLufs,
  weightedPower,
  windowPower,
  type LoudnessOptions,
  type WeightedPower,
} from './weighted-power.js';

/** Loudness values of consecutive windows, every 100 ms. */
export interface LoudnessSeries {
  /** LUFS of each window (window i starts at i * 0.1 s); -Infinity for digital silence. */
  readonly values: Float64Array;
  /** Seconds between window starts (0.1). */
  readonly step: number;
  /** Window length in seconds (0.4 or 3). */
  readonly window: number;
}

const ABSOLUTE_GATE = -70;
const RELATIVE_GATE = -10;

/** Weighted mean squares of windows of `seconds`, every 100 ms (empty when the audio is shorter). */
export function windowPowers(power: WeightedPower, seconds: number): Float64Array {
  const length = Math.round(seconds * power.sampleRate);
  const step = Math.round(0.1 * power.sampleRate);
  const count = power.frames < length ? 0 : Math.floor((power.frames - length) / step) + 1;
  return Float64Array.from({ length: count }, (_, j) => windowPower(power, j * step, length));
}

/**
 * Gated integrated loudness in LUFS; -Infinity when every block is below the absolute gate.
 * @throws InputError `E_METRIC_INPUT` for audio shorter than one 400 ms block, empty or non-finite audio.
 */
export function integratedLoudness(audio: AudioBuffer, options: LoudnessOptions = {}): number {
  return gatedLoudness(weightedPower(audio, options, 'integrated loudness'));
}

/** {@link integratedLoudness} of already weighted power. */
export function gatedLoudness(power: WeightedPower): number {
  const blocks = windowPowers(power, 0.4);
  if (blocks.length === 0) {
    throw metricInputError(
      `integrated loudness: the audio lasts ${(power.frames / power.sampleRate).toFixed(3)} s; one 400 ms block is needed.`,
    );
  }
  const mean = (keep: (z: number) => boolean) => {
    let sum = 0;
    let n = 0;
    for (const z of blocks) {
      if (keep(z)) {
        sum += z;
        n++;
      }
    }
    return n === 0 ? 0 : sum / n;
  };
  const absolute = mean((z) => powerToLufs(z) > ABSOLUTE_GATE);
  if (absolute === 0) return Number.NEGATIVE_INFINITY;
  const relative = powerToLufs(absolute) + RELATIVE_GATE;
  return powerToLufs(mean((z) => powerToLufs(z) > ABSOLUTE_GATE && powerToLufs(z) > relative));
}

/** Momentary loudness (400 ms windows every 100 ms, ungated); empty for audio under 400 ms. */
export function momentaryLoudness(
  audio: AudioBuffer,
  options: LoudnessOptions = {},
): LoudnessSeries {
  const power = weightedPower(audio, options, 'momentary loudness');
  return { values: windowPowers(power, 0.4).map(powerToLufs), step: 0.1, window: 0.4 };
}

/** Short-term loudness (3 s windows every 100 ms, ungated); empty for audio under 3 s. */
export function shortTermLoudness(
  audio: AudioBuffer,
  options: LoudnessOptions = {},
): LoudnessSeries {
  const power = weightedPower(audio, options, 'short-term loudness');
  return { values: windowPowers(power, 3).map(powerToLufs), step: 0.1, window: 3 };
}
