/**
 * The checks every effect applies to an incoming block.
 */
import { InputError, type AudioBuffer } from '@voirs/core';

/**
 * Checks that `block` is an {@link AudioBuffer} of the given rate and channel count, with whole
 * frames of finite samples. TypeError for a wrong type; `E_AUDIO_INVALID` otherwise.
 */
export function assertBlock(
  block: AudioBuffer,
  effect: string,
  sampleRate: number,
  channels: number,
): void {
  if (block === null || typeof block !== 'object' || !(block.samples instanceof Float32Array)) {
    throw new TypeError(`${effect}.process expects an AudioBuffer with Float32Array samples`);
  }
  if (block.channels !== channels || block.sampleRate !== sampleRate) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `The ${effect} effect was created for ${channels} channel(s) at ${sampleRate} Hz but got ` +
        `${block.channels} channel(s) at ${block.sampleRate} Hz; create one effect per stream format.`,
    );
  }
  const s = block.samples;
  if (s.length % channels !== 0) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `${s.length} samples are not whole frames of ${channels} channels.`,
    );
  }
  for (let i = 0; i < s.length; i++) {
    const x = s[i]!;
    // x - x is NaN exactly for NaN and ±Infinity; cheaper than Number.isFinite in this loop
    if (x - x !== 0) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `Sample ${i} of the block is ${x}; effects need finite audio.`,
        {
          details: { index: i },
        },
      );
    }
  }
}
