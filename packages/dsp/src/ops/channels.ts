/**
 * Channel layout changes: mix down, upmix, and planar <-> interleaved.
 */
import { ConfigError, InputError, deinterleave, interleave, type AudioBuffer } from '@voirs/core';
import { assertAudio } from './assert-audio.js';

/** Averages all channels into one (a copy for mono input). */
export function mixToMono(audio: AudioBuffer): AudioBuffer {
  assertAudio(audio);
  const { samples, channels } = audio;
  if (channels === 1)
    return { samples: samples.slice(), sampleRate: audio.sampleRate, channels: 1 };
  const frames = samples.length / channels;
  const out = new Float32Array(frames);
  for (let i = 0, p = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += samples[p++]!;
    out[i] = sum / channels;
  }
  return { samples: out, sampleRate: audio.sampleRate, channels: 1 };
}

/**
 * Copies mono audio to `channels` identical channels (a copy when the count already matches).
 * @throws ConfigError `E_INVALID_ARGUMENT` for multi-channel input with another count: there is no
 * single right upmix of N channels to M; mix to mono first or map channels explicitly.
 */
export function upmix(audio: AudioBuffer, channels: number): AudioBuffer {
  assertAudio(audio);
  if (!Number.isInteger(channels) || channels < 1) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Cannot upmix to ${channels} channels; give a positive integer.`,
    );
  }
  if (audio.channels === channels)
    return { samples: audio.samples.slice(), sampleRate: audio.sampleRate, channels };
  if (audio.channels !== 1) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Cannot upmix ${audio.channels} channels to ${channels}; only mono input can be upmixed. Use mixToMono() first, or joinPlanar() to map channels yourself.`,
    );
  }
  return joinPlanar(
    Array.from({ length: channels }, () => audio.samples),
    audio.sampleRate,
  );
}

/** Splits interleaved audio into one new array per channel. */
export function splitPlanar(audio: AudioBuffer): Float32Array[] {
  assertAudio(audio);
  return audio.channels === 1 ? [audio.samples.slice()] : deinterleave(audio);
}

/**
 * Interleaves per-channel arrays of equal length into new audio.
 * @throws InputError `E_AUDIO_INVALID` for no channels, more than 64, or unequal lengths.
 */
export function joinPlanar(planar: readonly Float32Array[], sampleRate: number): AudioBuffer {
  if (!Array.isArray(planar) || !planar.every((p) => p instanceof Float32Array)) {
    throw new TypeError('joinPlanar expects an array of Float32Array channels');
  }
  if (planar.length === 1) return interleave([planar[0]!.slice()], sampleRate);
  if (planar.length > 64)
    throw new InputError(
      'E_AUDIO_INVALID',
      `Cannot join ${planar.length} channels; the limit is 64.`,
    );
  return interleave(planar, sampleRate);
}
