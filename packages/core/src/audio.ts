/**
 * The audio container every package exchanges.
 */
import { InputError } from './errors.js';

/** Highest sample rate accepted anywhere (768 kHz covers every real converter). */
export const MAX_SAMPLE_RATE = 768_000;
/** Highest channel count accepted anywhere. */
export const MAX_CHANNELS = 64;

/**
 * PCM audio as 32-bit floats in [-1, 1].
 *
 * Multi-channel audio is **interleaved**: frame `i` of channel `c` is `samples[i * channels + c]`,
 * the layout of WAV files and Web Audio's `AudioWorklet` ring buffers. Mono audio is therefore just
 * the sample sequence.
 */
export interface AudioBuffer {
  /** Interleaved samples; `samples.length` is a multiple of `channels`. */
  readonly samples: Float32Array;
  /** Frames per second (Hz), an integer in [1, {@link MAX_SAMPLE_RATE}]. */
  readonly sampleRate: number;
  /** Channel count, an integer in [1, {@link MAX_CHANNELS}]. */
  readonly channels: number;
}

/** Checks a sample rate, throwing `E_SAMPLE_RATE` with the offending value otherwise. */
export function assertSampleRate(sampleRate: number, what = 'sample rate'): void {
  if (typeof sampleRate !== 'number') throw new TypeError(`${what} must be a number`);
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
    throw new InputError(
      'E_SAMPLE_RATE',
      `Invalid ${what} ${sampleRate}: expected an integer between 1 and ${MAX_SAMPLE_RATE} Hz.`,
      { details: { sampleRate } },
    );
  }
}

/**
 * Builds a validated {@link AudioBuffer}. `samples` is used as is (not copied).
 * @throws InputError `E_SAMPLE_RATE` or `E_AUDIO_INVALID`.
 */
export function createAudioBuffer(
  samples: Float32Array,
  sampleRate: number,
  channels = 1,
): AudioBuffer {
  if (!(samples instanceof Float32Array)) throw new TypeError('samples must be a Float32Array');
  assertSampleRate(sampleRate);
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `Invalid channel count ${channels}: expected an integer between 1 and ${MAX_CHANNELS}.`,
    );
  }
  if (samples.length % channels !== 0) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `${samples.length} interleaved samples cannot be split into ${channels} channels.`,
    );
  }
  return { samples, sampleRate, channels };
}

/** Number of frames (samples per channel). */
export function audioFrames(audio: AudioBuffer): number {
  return audio.samples.length / audio.channels;
}

/** Duration in seconds. */
export function audioDuration(audio: AudioBuffer): number {
  return audioFrames(audio) / audio.sampleRate;
}

/** Splits interleaved audio into one array per channel. */
export function deinterleave(audio: AudioBuffer): Float32Array[] {
  const { samples, channels } = audio;
  if (channels === 1) return [samples];
  const frames = samples.length / channels;
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) out[c]![i] = samples[i * channels + c]!;
  }
  return out;
}

/** Joins per-channel arrays (all the same length) into interleaved audio. */
export function interleave(planar: readonly Float32Array[], sampleRate: number): AudioBuffer {
  const channels = planar.length;
  if (channels === 0) throw new InputError('E_AUDIO_INVALID', 'Cannot interleave zero channels.');
  if (channels === 1) return createAudioBuffer(planar[0]!, sampleRate, 1);
  const frames = planar[0]!.length;
  if (planar.some((p) => p.length !== frames)) {
    throw new InputError(
      'E_AUDIO_INVALID',
      'All channels must have the same length to interleave.',
    );
  }
  const samples = new Float32Array(frames * channels);
  for (let c = 0; c < channels; c++) {
    const ch = planar[c]!;
    for (let i = 0; i < frames; i++) samples[i * channels + c] = ch[i]!;
  }
  return createAudioBuffer(samples, sampleRate, channels);
}

/** Throws `E_AUDIO_INVALID` if any sample is NaN or infinite. */
export function assertFiniteAudio(audio: AudioBuffer): void {
  const s = audio.samples;
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s[i]!)) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `Audio sample ${i} is ${s[i]}: audio must be finite. Check the producer of this audio.`,
        { details: { index: i } },
      );
    }
  }
}
