/**
 * One-shot resampling of whole signals (a {@link StreamingResampler} fed everything at once).
 */
import { assertSampleRate, createAudioBuffer, type AudioBuffer } from '@voirs/core';
import type { ResampleQuality } from './kaiser-design.js';
import { StreamingResampler } from './streaming-resampler.js';

export type { ResampleQuality } from './kaiser-design.js';

/** Options of {@link resample} and {@link resampleSamples}. */
export interface ResampleOptions {
  /** Filter quality (default `high`: flat to 0.9 of the lower Nyquist, > 90 dB stopband). */
  readonly quality?: ResampleQuality;
}

/**
 * Resamples interleaved samples from `inputRate` to `outputRate` (any positive numbers, so real
 * ratios work too). The result has `round(frames * outputRate / inputRate)` frames.
 * @throws InputError `E_SAMPLE_RATE` / `E_RESAMPLE` for unusable rates.
 */
export function resampleSamples(
  samples: Float32Array,
  inputRate: number,
  outputRate: number,
  options: ResampleOptions & { readonly channels?: number } = {},
): Float32Array {
  const resampler = new StreamingResampler(inputRate, outputRate, options);
  const head = resampler.process(samples);
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/**
 * Resamples audio (any channel count) to `targetRate` Hz with a Kaiser-windowed sinc polyphase
 * filter. Audio already at that rate is returned as a copy.
 * @throws InputError `E_SAMPLE_RATE` for an invalid target rate, `E_RESAMPLE` for a ratio beyond 1:256.
 */
export function resample(
  audio: AudioBuffer,
  targetRate: number,
  options: ResampleOptions = {},
): AudioBuffer {
  if (audio === null || typeof audio !== 'object' || !(audio.samples instanceof Float32Array)) {
    throw new TypeError('audio must be an AudioBuffer');
  }
  assertSampleRate(targetRate, 'target sample rate');
  const source = createAudioBuffer(audio.samples, audio.sampleRate, audio.channels);
  if (source.sampleRate === targetRate)
    return createAudioBuffer(source.samples.slice(), targetRate, source.channels);
  const out = resampleSamples(source.samples, source.sampleRate, targetRate, {
    ...options,
    channels: source.channels,
  });
  return createAudioBuffer(out, targetRate, source.channels);
}
