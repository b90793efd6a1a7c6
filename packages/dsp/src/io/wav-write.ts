/**
 * In-memory WAV writer.
 */
import { InputError, MAX_CHANNELS, assertSampleRate, type AudioBuffer } from '@voirs/core';
import type { QuantizeOptions } from '../ops/quantizer.js';
import { WavSampleEncoder } from './wav-encoder.js';
import { WAV_SAMPLE_FORMAT_INFO, type WavSampleFormat } from './wav-format.js';
import { buildWavHeader } from './wav-header.js';

/** Options of {@link writeWav} and {@link WavStreamWriter}. */
export interface WriteWavOptions extends QuantizeOptions {
  /** Sample format (default `s16`). Integer formats round, clip to full scale and may dither. */
  readonly format?: WavSampleFormat;
}

/** Checks the format option, throwing `E_INVALID_ARGUMENT` with the valid names. */
export function resolveWavFormat(format: unknown): WavSampleFormat {
  const resolved = format ?? 's16';
  if (typeof resolved !== 'string')
    throw new TypeError('WAV format must be a string such as "s16"');
  if (!Object.hasOwn(WAV_SAMPLE_FORMAT_INFO, resolved)) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Unknown WAV sample format "${resolved}"; use one of ${Object.keys(WAV_SAMPLE_FORMAT_INFO).join(', ')}.`,
    );
  }
  return resolved as WavSampleFormat;
}

/** Checks a channel count for writing. */
export function assertWavChannels(channels: number): void {
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `Cannot write ${channels} channels: WAV output takes 1 to ${MAX_CHANNELS}.`,
    );
  }
}

/**
 * Serialises audio as a WAV file (see `wav-header.ts` for the exact layout).
 *
 * ```ts
 * const bytes = writeWav(audio, { format: 's24', dither: true });
 * ```
 * @throws InputError `E_AUDIO_INVALID` for non-finite samples or bad layouts, `E_INVALID_ARGUMENT`
 * for an unknown format; FormatError `E_WAV_UNSUPPORTED` beyond the 4 GiB WAV limit.
 */
export function writeWav(audio: AudioBuffer, options: WriteWavOptions = {}): Uint8Array {
  if (audio === null || typeof audio !== 'object' || !(audio.samples instanceof Float32Array)) {
    throw new TypeError('writeWav expects an AudioBuffer with Float32Array samples');
  }
  const format = resolveWavFormat(options.format);
  assertSampleRate(audio.sampleRate);
  assertWavChannels(audio.channels);
  if (audio.samples.length % audio.channels !== 0) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `${audio.samples.length} samples do not split into ${audio.channels} channels.`,
    );
  }
  const frames = audio.samples.length / audio.channels;
  const header = buildWavHeader(format, audio.channels, audio.sampleRate, frames);
  const encoder = new WavSampleEncoder(format, options);
  const dataBytes = audio.samples.length * encoder.bytesPerSample;
  const out = new Uint8Array(header.bytes.length + dataBytes + (dataBytes % 2));
  out.set(header.bytes);
  encoder.encode(audio.samples, out.subarray(header.bytes.length, header.bytes.length + dataBytes));
  return out;
}
