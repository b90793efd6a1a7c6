/**
 * Removing leading and trailing silence.
 */
import type { AudioBuffer } from '@voirs/core';
import { dbToGain } from '../analysis/levels.js';
import { assertAudio, assertFinite, secondsToFrames } from './assert-audio.js';

/** Options of {@link trimSilence}. */
export interface TrimSilenceOptions {
  /** Samples at or below this level (dBFS, on any channel) count as silence (default -60). */
  readonly thresholdDb?: number;
  /** Seconds of the silence kept before the first and after the last loud frame (default 0). */
  readonly padSeconds?: number;
}

/** Result of {@link trimSilence}: the kept audio and where it was in the input, in frames. */
export interface TrimSilenceResult {
  readonly audio: AudioBuffer;
  /** First kept frame. */
  readonly start: number;
  /** One past the last kept frame. */
  readonly end: number;
}

/**
 * Cuts leading and trailing frames whose samples are all at or below the threshold. Fully silent
 * input yields empty audio with `start = end = 0`.
 */
export function trimSilence(
  audio: AudioBuffer,
  options: TrimSilenceOptions = {},
): TrimSilenceResult {
  assertAudio(audio);
  const thresholdDb = options.thresholdDb ?? -60;
  assertFinite(thresholdDb, 'thresholdDb');
  const pad = secondsToFrames(options.padSeconds ?? 0, audio.sampleRate, 'padSeconds');
  const threshold = dbToGain(thresholdDb);
  const { samples, channels } = audio;
  const frames = samples.length / channels;
  const loud = (frame: number) => {
    for (let c = 0, p = frame * channels; c < channels; c++, p++)
      if (Math.abs(samples[p]!) > threshold) return true;
    return false;
  };
  let first = 0;
  while (first < frames && !loud(first)) first++;
  if (first === frames) {
    return {
      audio: { samples: new Float32Array(0), sampleRate: audio.sampleRate, channels },
      start: 0,
      end: 0,
    };
  }
  let last = frames - 1;
  while (!loud(last)) last--;
  const start = Math.max(0, first - pad);
  const end = Math.min(frames, last + 1 + pad);
  return {
    audio: {
      samples: samples.slice(start * channels, end * channels),
      sampleRate: audio.sampleRate,
      channels,
    },
    start,
    end,
  };
}
