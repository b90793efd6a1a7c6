/**
 * Joining audio end to end.
 */
import { InputError, type AudioBuffer } from '@voirs/core';
import { assertAudio } from './assert-audio.js';

/**
 * Concatenates buffers of the same rate and channel count into new audio.
 * @throws InputError `E_AUDIO_INVALID` for an empty list or mismatched channels, `E_SAMPLE_RATE`
 * for mismatched rates.
 */
export function concatAudio(buffers: readonly AudioBuffer[]): AudioBuffer {
  if (!Array.isArray(buffers)) throw new TypeError('concatAudio expects an array of AudioBuffers');
  const first = buffers[0];
  if (first === undefined)
    throw new InputError('E_AUDIO_INVALID', 'Cannot concatenate zero audio buffers.');
  let length = 0;
  buffers.forEach((b, i) => {
    assertAudio(b, `audio ${i}`);
    if (b.sampleRate !== first.sampleRate) {
      throw new InputError(
        'E_SAMPLE_RATE',
        `Audio ${i} is ${b.sampleRate} Hz but audio 0 is ${first.sampleRate} Hz; resample before joining.`,
      );
    }
    if (b.channels !== first.channels) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `Audio ${i} has ${b.channels} channels but audio 0 has ${first.channels}.`,
      );
    }
    length += b.samples.length;
  });
  const samples = new Float32Array(length);
  let at = 0;
  for (const b of buffers) {
    samples.set(b.samples, at);
    at += b.samples.length;
  }
  return { samples, sampleRate: first.sampleRate, channels: first.channels };
}
