/**
 * Zero-crossing rate.
 */
import type { AudioBuffer } from '@voirs/core';
import { assertAudio } from '../ops/assert-audio.js';

/**
 * Fraction of adjacent sample pairs, per channel and pooled over channels, whose signs differ
 * (zero counts as positive, as in librosa). A sine of frequency f reads about `2 f / sampleRate`;
 * noise reads about 0.5. NaN with fewer than two frames.
 */
export function zeroCrossingRate(audio: AudioBuffer): number {
  assertAudio(audio);
  const { samples, channels } = audio;
  const frames = samples.length / channels;
  if (frames < 2) return Number.NaN;
  let crossings = 0;
  for (let c = 0; c < channels; c++) {
    let prev = samples[c]! >= 0;
    for (let p = c + channels; p < samples.length; p += channels) {
      const cur = samples[p]! >= 0;
      if (cur !== prev) crossings++;
      prev = cur;
    }
  }
  return crossings / ((frames - 1) * channels);
}
