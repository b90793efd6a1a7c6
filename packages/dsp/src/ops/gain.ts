/**
 * Gain changes. Every op in `ops/` returns new audio and leaves its input untouched.
 */
import type { AudioBuffer } from '@voirs/core';
import { dbToGain } from '../analysis/levels.js';
import { assertAudio, assertFinite } from './assert-audio.js';

/** Multiplies every sample by `gain` (linear). No clipping: samples may leave [-1, 1]. */
export function applyGain(audio: AudioBuffer, gain: number): AudioBuffer {
  assertAudio(audio);
  assertFinite(gain, 'gain');
  const samples = new Float32Array(audio.samples.length);
  for (let i = 0; i < samples.length; i++) samples[i] = audio.samples[i]! * gain;
  return { samples, sampleRate: audio.sampleRate, channels: audio.channels };
}

/** {@link applyGain} by `db` decibels. */
export function applyGainDb(audio: AudioBuffer, db: number): AudioBuffer {
  assertFinite(db, 'gain (dB)');
  return applyGain(audio, dbToGain(db));
}
