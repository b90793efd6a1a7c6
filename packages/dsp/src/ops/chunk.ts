/**
 * Splitting audio into fixed-size blocks.
 */
import { ConfigError, type AudioBuffer } from '@voirs/core';
import { assertAudio } from './assert-audio.js';

/**
 * Splits `audio` into blocks of `frames` frames; the last block holds the remainder (it is
 * shorter, never padded). Blocks are views sharing `audio.samples` (no copy): copy a block before
 * modifying it if the original must stay intact. Empty audio gives no blocks.
 * @throws ConfigError `E_INVALID_ARGUMENT` for a block size that is not a positive integer.
 */
export function chunkAudio(audio: AudioBuffer, frames: number): AudioBuffer[] {
  assertAudio(audio);
  if (!Number.isInteger(frames) || frames < 1) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Block size must be a positive whole number of frames, got ${frames}.`,
    );
  }
  const step = frames * audio.channels;
  const blocks: AudioBuffer[] = [];
  for (let at = 0; at < audio.samples.length; at += step) {
    blocks.push({
      samples: audio.samples.subarray(at, at + step),
      sampleRate: audio.sampleRate,
      channels: audio.channels,
    });
  }
  return blocks;
}
