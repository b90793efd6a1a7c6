/**
 * Level measurements over all channels of an {@link AudioBuffer}.
 *
 * Decibels are relative to digital full scale with `20 log10(value)`: a full-scale square wave has
 * an RMS of 0 dBFS and a full-scale sine -3.01 dBFS (not the AES17 convention, which adds 3.01 dB
 * to sines). Silence is -Infinity dB.
 */
import type { AudioBuffer } from '@voirs/core';
import { assertAudio } from '../ops/assert-audio.js';

/** Linear amplitude to dB (`-Infinity` for 0). */
export const gainToDb = (gain: number): number => 20 * Math.log10(gain);
/** dB to linear amplitude. */
export const dbToGain = (db: number): number => 10 ** (db / 20);

/** Largest absolute sample value (0 for empty audio). */
export function peak(audio: AudioBuffer): number {
  assertAudio(audio);
  let m = 0;
  for (const v of audio.samples) {
    const a = Math.abs(v);
    if (a > m) m = a;
  }
  return m;
}

/** {@link peak} in dBFS. */
export function peakDb(audio: AudioBuffer): number {
  return gainToDb(peak(audio));
}

/** Root mean square over every sample of every channel (0 for empty audio). */
export function rms(audio: AudioBuffer): number {
  assertAudio(audio);
  const s = audio.samples;
  if (s.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i]! * s[i]!;
  return Math.sqrt(sum / s.length);
}

/** {@link rms} in dBFS. */
export function rmsDb(audio: AudioBuffer): number {
  return gainToDb(rms(audio));
}

/** Peak-to-RMS ratio (linear; sqrt(2) for a sine). NaN for silence, where it is undefined. */
export function crestFactor(audio: AudioBuffer): number {
  const r = rms(audio);
  return r === 0 ? Number.NaN : peak(audio) / r;
}

/** {@link crestFactor} in dB (3.01 dB for a sine). */
export function crestFactorDb(audio: AudioBuffer): number {
  return gainToDb(crestFactor(audio));
}

/** Mean of each channel (the DC offset), one value per channel. */
export function dcOffset(audio: AudioBuffer): number[] {
  assertAudio(audio);
  const { samples, channels } = audio;
  const sums = new Float64Array(channels);
  for (let i = 0; i < samples.length; i++) sums[i % channels]! += samples[i]!;
  const frames = samples.length / channels;
  return Array.from(sums, (s) => (frames === 0 ? 0 : s / frames));
}

/**
 * Counts samples at or beyond `threshold` in magnitude. The default, 32767/32768, is the largest
 * 16-bit code, so full-scale samples of 16-bit files (both polarities) count as clipped.
 */
export function clippingCount(audio: AudioBuffer, threshold = 32767 / 32768): number {
  assertAudio(audio);
  if (typeof threshold !== 'number' || !(threshold > 0))
    throw new TypeError('threshold must be a positive number');
  let n = 0;
  for (const v of audio.samples) if (Math.abs(v) >= threshold) n++;
  return n;
}
