/**
 * A percentile-based dynamic range.
 */
import { ConfigError, type AudioBuffer } from '@voirs/core';
import { assertAudio, secondsToFrames } from '../ops/assert-audio.js';

/** Options of {@link dynamicRange}. */
export interface DynamicRangeOptions {
  /** Length of the non-overlapping analysis frames in seconds (default 0.05). */
  readonly frameSeconds?: number;
  /** Percentile taken as "loud" (default 95). */
  readonly loudPercentile?: number;
  /** Percentile taken as "quiet" (default 10). */
  readonly quietPercentile?: number;
  /** Frames quieter than this (dBFS) are digital silence and ignored (default -90). */
  readonly floorDb?: number;
}

/** Linear-interpolated percentile of sorted values (numpy's default method). */
function percentile(sorted: Float64Array, p: number): number {
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Dynamic range in dB: the loud percentile minus the quiet percentile of the frame RMS levels
 * (dBFS over all channels of non-overlapping frames; a trailing partial frame counts only when it
 * is the only one), ignoring frames below `floorDb`. A steady tone reads ~0 dB; speech with pauses
 * typically 30-50 dB. NaN when no frame is above the floor.
 */
export function dynamicRange(audio: AudioBuffer, options: DynamicRangeOptions = {}): number {
  assertAudio(audio);
  const loudP = options.loudPercentile ?? 95;
  const quietP = options.quietPercentile ?? 10;
  if (!(quietP >= 0 && loudP <= 100 && quietP < loudP)) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Percentiles must satisfy 0 <= quiet < loud <= 100, got ${quietP} and ${loudP}.`,
    );
  }
  const floorDb = options.floorDb ?? -90;
  const frameLength = secondsToFrames(
    options.frameSeconds ?? 0.05,
    audio.sampleRate,
    'frameSeconds',
  );
  if (frameLength < 1)
    throw new ConfigError('E_INVALID_ARGUMENT', 'frameSeconds is shorter than one sample.');
  const { samples, channels } = audio;
  const frames = samples.length / channels;
  const count = frames < frameLength ? (frames > 0 ? 1 : 0) : Math.floor(frames / frameLength);
  const levels: number[] = [];
  for (let f = 0; f < count; f++) {
    const start = f * frameLength * channels;
    const end = Math.min(samples.length, start + frameLength * channels);
    let sum = 0;
    for (let i = start; i < end; i++) sum += samples[i]! * samples[i]!;
    const db = 10 * Math.log10(sum / (end - start));
    if (db > floorDb) levels.push(db);
  }
  if (levels.length === 0) return Number.NaN;
  const sorted = Float64Array.from(levels).sort();
  return percentile(sorted, loudP) - percentile(sorted, quietP);
}
