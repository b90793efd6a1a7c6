/**
 * K-weighted mean square over any window, per channel, from prefix sums of the squared K-weighted
 * signal, and the BS.1770 channel weights.
 */
import type { AudioBuffer } from '@voirs/core';
import { BiquadFilter } from '@voirs/dsp';
import { metricInputError, monoAudio } from '../validate.js';
import { kWeighting } from './k-weighting.js';

/**
 * BS.1770-4 channel weights G_i by channel count: 1 for mono, stereo and 3 channels; L R C Ls Rs
 * for 5 channels (surrounds 1.41); L R C LFE Ls Rs for 6 (LFE excluded: 0); 1 for any other count
 * (pass explicit weights for other layouts).
 */
export function defaultChannelWeights(channels: number): number[] {
  if (channels === 5) return [1, 1, 1, 1.41, 1.41];
  if (channels === 6) return [1, 1, 1, 0, 1.41, 1.41];
  return new Array<number>(channels).fill(1);
}

/** Prefix sums of the squared K-weighted samples, one array of `frames + 1` values per channel. */
export interface WeightedPower {
  readonly prefix: Float64Array[];
  readonly weights: readonly number[];
  readonly frames: number;
  readonly sampleRate: number;
}

/** Options shared by the loudness functions. */
export interface LoudnessOptions {
  /** Channel weights G_i (default {@link defaultChannelWeights}). */
  readonly channelWeights?: readonly number[];
}

/** K-weights every channel of `audio` and prepares windowed mean squares. */
export function weightedPower(
  audio: AudioBuffer,
  options: LoudnessOptions,
  metric: string,
): WeightedPower {
  monoAudio(audio, 'audio', metric); // shape, rate, emptiness and finiteness checks
  const { samples, channels, sampleRate } = audio;
  const weights = options.channelWeights ?? defaultChannelWeights(channels);
  if (
    !Array.isArray(weights) ||
    weights.length !== channels ||
    !weights.every((g) => Number.isFinite(g) && g >= 0)
  ) {
    throw metricInputError(
      `${metric}: channelWeights must hold ${channels} finite weights >= 0, one per channel.`,
    );
  }
  const filtered = new BiquadFilter(kWeighting(sampleRate), channels).process(samples);
  const frames = samples.length / channels;
  const prefix = Array.from({ length: channels }, () => new Float64Array(frames + 1));
  for (let c = 0; c < channels; c++) {
    const p = prefix[c]!;
    for (let i = 0; i < frames; i++) {
      const v = filtered[i * channels + c]!;
      p[i + 1] = p[i]! + v * v;
    }
  }
  return { prefix, weights, frames, sampleRate };
}

/** Weighted sum over channels of the mean square of frames [start, start + length). */
export function windowPower(power: WeightedPower, start: number, length: number): number {
  let sum = 0;
  for (let c = 0; c < power.prefix.length; c++) {
    const p = power.prefix[c]!;
    sum += (power.weights[c]! * (p[start + length]! - p[start]!)) / length;
  }
  return sum;
}

/** `-0.691 + 10 log10(z)`: loudness in LUFS of a weighted mean square (-Infinity for 0). */
export const powerToLufs = (z: number): number => -0.691 + 10 * Math.log10(z);
