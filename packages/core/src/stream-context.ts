/**
 * Receptive-field-aware chunked vocoding: the default `vocodeStream()` of every vocoder.
 *
 * Mel frames arrive in chunks of any size. Frames `[emitted, received - right)` are final as soon as
 * `right` frames of lookahead have arrived; they are vocoded in a window that also holds up to
 * `left` frames of past context and all the lookahead, and the window's audio is cropped to the
 * final frames. For vocoders whose receptive field is declared `exact` (convolutional ones such as
 * HiFi-GAN) the concatenated output equals offline vocoding. For the others (Griffin-Lim, diffusion,
 * flows) the audio the previous window produced for its lookahead frames is crossfaded into the
 * start of the next chunk, so seams are inaudible.
 */
import { InputError, throwIfAborted } from './errors.js';
import { assertConvention, concatMelFrames, sliceMelFrames, type MelSpectrogram } from './mel.js';
import type { ReceptiveField } from './vocoder.js';
import type { StreamingConfig } from './config.js';

/** The callback that vocodes one window; it returns `window.frames * hop` samples. */
export type WindowVocoder = (window: MelSpectrogram) => Promise<Float32Array>;

/** Inputs of {@link streamWithContext}. */
export interface StreamContextOptions {
  readonly hop: number;
  readonly receptiveField: ReceptiveField;
  readonly streaming?: StreamingConfig;
  readonly signal?: AbortSignal;
  /** Vocoder name for error messages. */
  readonly consumer: string;
}

/**
 * Yields final audio (mono samples) for each mel chunk as soon as it can; see the module comment.
 * The total length is exactly `totalFrames * hop`.
 */
export async function* streamWithContext(
  chunks: AsyncIterable<MelSpectrogram>,
  vocodeWindow: WindowVocoder,
  options: StreamContextOptions,
): AsyncGenerator<Float32Array> {
  const { hop, receptiveField: field, signal, consumer } = options;
  const left = field.leftFrames;
  const right = options.streaming?.lookaheadFrames ?? field.rightFrames;
  const minChunk = options.streaming?.chunkFrames ?? 1;
  const crossfadeFrames = field.exact ? 0 : Math.min(options.streaming?.crossfadeFrames ?? right, right);

  let buffer: MelSpectrogram | undefined; // frames [bufferStart, received)
  let bufferStart = 0;
  let received = 0;
  let emitted = 0;
  let tail: Float32Array | undefined; // previous window's audio for frames [emitted, ...)

  const render = async (end: number, windowEnd: number): Promise<Float32Array> => {
    const windowStart = Math.max(0, emitted - left, bufferStart);
    const window = sliceMelFrames(buffer!, windowStart - bufferStart, windowEnd - bufferStart);
    const audio = await vocodeWindow(window);
    throwIfAborted(signal);
    if (audio.length !== window.frames * hop) {
      throw new InputError('E_STREAM', `${consumer} returned ${audio.length} samples for ${window.frames} frames.`);
    }
    const from = (emitted - windowStart) * hop;
    const to = (end - windowStart) * hop;
    const out = audio.slice(from, to);
    if (tail !== undefined && crossfadeFrames > 0) {
      const n = Math.min(tail.length, out.length, crossfadeFrames * hop);
      for (let i = 0; i < n; i++) {
        const w = (i + 0.5) / n; // raised linear ramp; equal-gain for correlated audio
        out[i] = tail[i]! * (1 - w) + out[i]! * w;
      }
    }
    tail = crossfadeFrames > 0 ? audio.slice(to, Math.min(audio.length, to + crossfadeFrames * hop)) : undefined;
    emitted = end;
    // keep only the context the next window needs
    const keepFrom = Math.max(0, emitted - left);
    if (keepFrom > bufferStart) {
      buffer = sliceMelFrames(buffer!, keepFrom - bufferStart, received - bufferStart);
      bufferStart = keepFrom;
    }
    return out;
  };

  for await (const chunk of chunks) {
    throwIfAborted(signal);
    if (buffer !== undefined) assertConvention(chunk, buffer.convention, consumer);
    buffer = buffer === undefined ? chunk : concatMelFrames([buffer, chunk]);
    received += chunk.frames;
    const end = received - right;
    if (end - emitted >= minChunk) yield await render(end, received);
  }
  if (buffer === undefined) return;
  if (received > emitted) yield await render(received, received);
}
