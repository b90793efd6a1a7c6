/**
 * Offline low/high-pass convenience wrappers around the Butterworth designs (causal, so they add
 * the filter's phase delay; use {@link BiquadFilter} directly for streaming).
 */
import type { AudioBuffer } from '@voirs/core';
import { BiquadFilter } from '../filters/biquad-filter.js';
import { butterworthHighpass, butterworthLowpass } from '../filters/butterworth.js';
import { assertAudio } from './assert-audio.js';

/** Options of {@link lowpass} and {@link highpass}. */
export interface PassFilterOptions {
  /** Butterworth order (default 4, i.e. 24 dB/octave). */
  readonly order?: number;
}

/**
 * Butterworth low-pass of every channel at `cutoffHz`.
 * @throws ConfigError `E_INVALID_ARGUMENT` for a cutoff outside (0, Nyquist) or a bad order.
 */
export function lowpass(
  audio: AudioBuffer,
  cutoffHz: number,
  options: PassFilterOptions = {},
): AudioBuffer {
  assertAudio(audio);
  return new BiquadFilter(
    butterworthLowpass(options.order ?? 4, cutoffHz, audio.sampleRate),
    audio.channels,
  ).processBuffer(audio);
}

/**
 * Butterworth high-pass of every channel at `cutoffHz`.
 * @throws ConfigError `E_INVALID_ARGUMENT` for a cutoff outside (0, Nyquist) or a bad order.
 */
export function highpass(
  audio: AudioBuffer,
  cutoffHz: number,
  options: PassFilterOptions = {},
): AudioBuffer {
  assertAudio(audio);
  return new BiquadFilter(
    butterworthHighpass(options.order ?? 4, cutoffHz, audio.sampleRate),
    audio.channels,
  ).processBuffer(audio);
}
