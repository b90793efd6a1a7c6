/**
 * DC offset removal.
 */
import { ConfigError, type AudioBuffer } from '@voirs/core';
import { dcOffset } from '../analysis/levels.js';
import { assertAudio } from './assert-audio.js';
import { highpass } from './pass-filters.js';

/** Options of {@link removeDc}. */
export interface RemoveDcOptions {
  /**
   * `mean` (default) subtracts each channel's mean: exact for a constant offset, offline only.
   * `highpass` applies a 2nd-order Butterworth high-pass at `cutoffHz`: also removes slow drift,
   * and is what a streaming chain would use (see {@link BiquadFilter}).
   */
  readonly method?: 'mean' | 'highpass';
  /** High-pass cutoff in Hz (default 10). */
  readonly cutoffHz?: number;
}

/** Returns `audio` without its DC offset. */
export function removeDc(audio: AudioBuffer, options: RemoveDcOptions = {}): AudioBuffer {
  assertAudio(audio);
  const method = options.method ?? 'mean';
  if (method === 'highpass') return highpass(audio, options.cutoffHz ?? 10, { order: 2 });
  if (method !== 'mean')
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Unknown DC removal method "${String(method)}"; use mean or highpass.`,
    );
  const offsets = dcOffset(audio);
  const ch = audio.channels;
  const samples = Float32Array.from(audio.samples, (v, i) => v - offsets[i % ch]!);
  return { samples, sampleRate: audio.sampleRate, channels: ch };
}
