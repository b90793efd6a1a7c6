/**
 * Loudness range (LRA) per EBU Tech 3342: the short-term loudness values (3 s windows every
 * 100 ms) above the absolute gate of -70 LUFS, then above a relative gate 20 LU below their
 * power mean; LRA is the 95th minus the 10th percentile (linear interpolation between ranks) of
 * those values, in LU.
 */
import type { AudioBuffer } from '@voirs/core';
import { windowPowers } from './loudness.js';
import {
  powerToLufs,
  weightedPower,
  type LoudnessOptions,
  type WeightedPower,
} from './weighted-power.js';

/** LRA in LU; NaN for audio shorter than 3 s or when no short-term value passes the gates. */
export function loudnessRange(audio: AudioBuffer, options: LoudnessOptions = {}): number {
  return rangeOf(weightedPower(audio, options, 'loudness range'));
}

/** {@link loudnessRange} of already weighted power. */
export function rangeOf(power: WeightedPower): number {
  const values = windowPowers(power, 3).filter((z) => powerToLufs(z) > -70);
  if (values.length === 0) return Number.NaN;
  const relative = powerToLufs(values.reduce((a, b) => a + b, 0) / values.length) - 20;
  const kept = Float64Array.from(values.map(powerToLufs).filter((l) => l > relative)).sort();
  if (kept.length === 0) return Number.NaN;
  return percentile(kept, 95) - percentile(kept, 10);
}

function percentile(sorted: Float64Array, p: number): number {
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
