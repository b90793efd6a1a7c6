/**
 * Argument checks shared by the audio ops and analysis functions.
 */
import {
  ConfigError,
  InputError,
  MAX_CHANNELS,
  assertSampleRate,
  type AudioBuffer,
} from '@voirs/core';

/**
 * Checks that `audio` is a well-formed {@link AudioBuffer}: TypeError for a wrong type,
 * `E_AUDIO_INVALID` / `E_SAMPLE_RATE` for bad values.
 */
export function assertAudio(audio: AudioBuffer, what = 'audio'): void {
  if (audio === null || typeof audio !== 'object' || !(audio.samples instanceof Float32Array)) {
    throw new TypeError(`${what} must be an AudioBuffer with Float32Array samples`);
  }
  assertSampleRate(audio.sampleRate);
  const { channels } = audio;
  if (
    !Number.isInteger(channels) ||
    channels < 1 ||
    channels > MAX_CHANNELS ||
    audio.samples.length % channels !== 0
  ) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `${what} has ${audio.samples.length} samples for ${channels} channels; that is not a valid layout.`,
    );
  }
}

/** Checks a finite number argument, throwing `E_INVALID_ARGUMENT` naming it otherwise. */
export function assertFinite(value: number, name: string): void {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number`);
  if (!Number.isFinite(value))
    throw new ConfigError('E_INVALID_ARGUMENT', `${name} must be a finite number, got ${value}.`);
}

/** Converts a duration in seconds to frames, checking it is finite and >= 0. */
export function secondsToFrames(seconds: number, sampleRate: number, name: string): number {
  assertFinite(seconds, name);
  if (seconds < 0)
    throw new ConfigError('E_INVALID_ARGUMENT', `${name} must not be negative, got ${seconds} s.`);
  return Math.round(seconds * sampleRate);
}
