/**
 * Receptive-field-aware chunked vocoding: the default `vocodeStream()` of every vocoder.
 *
 * Mel frames arrive in chunks of any size. Frames `[emitted, received - right)` are final as soon as
 * `right` frames of lookahead have arrived; they are vocoded in a window that also holds up to
 * `left` frames of past context and `right` frames of lookahead, and the window's audio is cropped
 * to the final frames. When `chunkFrames` is set, final frames are vocoded `chunkFrames` at a time
 * (a large input chunk becomes several windows, so the first audio does not wait for the whole
 * chunk and every window has a bounded size); otherwise everything final is vocoded at once.
 *
 * For vocoders whose receptive field is declared `exact` (convolutional ones such as HiFi-GAN) the
 * concatenated output equals offline vocoding. For the others (Griffin-Lim, diffusion, flows) the
 * audio the previous window produced for its first `crossfadeFrames` lookahead frames is crossfaded
 * into the start of the next piece, so seams are inaudible. The default curve is `adaptive`: linear
 * gains rescaled for the correlation of the two windows' audio at that seam, so the level holds
 * whether they agree (a linear fade) or not (an equal-power fade). Griffin-Lim's windows estimate
 * phase independently and correlate anywhere between -0.7 and 0.8 at a seam; the measurements
 * behind the choice are in the @voirs/streaming README.
 */
import { InputError, throwIfAborted } from './errors.js';
import { assertConvention, concatMelFrames, sliceMelFrames, type MelSpectrogram } from './mel.js';
import type { ReceptiveField } from './vocoder.js';
import type { StreamingConfig } from './config.js';

/** The callback that vocodes one window; it returns `window.frames * hop` samples. */
export type WindowVocoder = (window: MelSpectrogram) => Promise<Float32Array>;

/**
 * Crossfade curve at the seams of non-exact vocoders: gains that sum to 1 (`linear`, level-true for
 * identical audio), whose squares sum to 1 (`equal-power`, level-true for uncorrelated audio), or
 * linear gains rescaled for the correlation measured between the two windows' audio at that seam
 * (`adaptive`, level-true for any non-negative correlation).
 */
export type CrossfadeShape = (typeof CROSSFADE_SHAPES)[number];

/** The crossfade curves, see {@link CrossfadeShape}. */
export const CROSSFADE_SHAPES = ['linear', 'equal-power', 'adaptive'] as const;

/** Inputs of {@link streamWithContext}. */
export interface StreamContextOptions {
  readonly hop: number;
  readonly receptiveField: ReceptiveField;
  readonly streaming?: StreamingConfig;
  readonly signal?: AbortSignal;
  /** Vocoder name for error messages. */
  readonly consumer: string;
  /** Crossfade curve for non-exact vocoders (default `adaptive`). */
  readonly crossfadeShape?: CrossfadeShape;
}

/** One piece of final audio and where it came from, as yielded by {@link streamWindows}. */
export interface StreamedWindow {
  /** Final samples of mel frames `[start, end)`: `(end - start) * hop` samples. */
  readonly audio: Float32Array;
  readonly start: number;
  readonly end: number;
  /** The vocoded window was frames `[windowStart, windowEnd)` (context included). */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** Mel frames received when the window was vocoded. */
  readonly received: number;
  /** True for the pieces vocoded after the input ended (no full lookahead needed). */
  readonly flushed: boolean;
}

/** Correlation coefficient of two equally long signals (0 when either is silent). */
function correlation(a: Float32Array, b: Float32Array, n: number): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** Crossfades `outgoing` into the first samples of `incoming`, in place. */
function crossfade(outgoing: Float32Array, incoming: Float32Array, shape: CrossfadeShape): void {
  const n = Math.min(outgoing.length, incoming.length);
  // adaptive: the mix's expected power is w^2 + (1-w)^2 + 2 rho w (1-w); negative correlations
  // are treated as none (a larger gain would only amplify what the two windows disagree on)
  const rho = shape === 'adaptive' ? Math.max(0, correlation(outgoing, incoming, n)) : 0;
  for (let i = 0; i < n; i++) {
    const w = (i + 0.5) / n;
    let gainIn = w;
    let gainOut = 1 - w;
    if (shape === 'equal-power') {
      gainIn = Math.sin((w * Math.PI) / 2);
      gainOut = Math.cos((w * Math.PI) / 2);
    } else if (shape === 'adaptive') {
      const norm = 1 / Math.sqrt(w * w + (1 - w) * (1 - w) + 2 * rho * w * (1 - w));
      gainIn *= norm;
      gainOut *= norm;
    }
    incoming[i] = outgoing[i]! * gainOut + incoming[i]! * gainIn;
  }
}

/**
 * Yields every piece of final audio with its frame range, as soon as it can; see the module
 * comment. Pieces are contiguous and together hold exactly `totalFrames * hop` samples.
 * @throws InputError `E_STREAM` when `vocodeWindow` returns the wrong number of samples,
 * `E_MEL_CONVENTION` when chunks change convention; AbortError when `signal` aborts.
 */
export async function* streamWindows(
  chunks: AsyncIterable<MelSpectrogram>,
  vocodeWindow: WindowVocoder,
  options: StreamContextOptions,
): AsyncGenerator<StreamedWindow> {
  const { hop, receptiveField: field, signal, consumer } = options;
  const left = field.leftFrames;
  const right = options.streaming?.lookaheadFrames ?? field.rightFrames;
  const step = options.streaming?.chunkFrames;
  const minPiece = step ?? 1;
  const maxPiece = step ?? Infinity;
  const crossfadeFrames = field.exact
    ? 0
    : Math.min(options.streaming?.crossfadeFrames ?? right, right);
  const shape = options.crossfadeShape ?? 'adaptive';

  let convention: MelSpectrogram['convention'] | undefined; // of the first chunk
  let buffer: MelSpectrogram | undefined; // frames [bufferStart, received)
  let bufferStart = 0;
  let received = 0;
  let emitted = 0;
  let tail: Float32Array | undefined; // previous window's audio for frames [emitted, ...)

  const render = async (end: number, flushed: boolean): Promise<StreamedWindow> => {
    const start = emitted;
    const windowStart = Math.max(0, start - left, bufferStart);
    const windowEnd = Math.min(received, end + right);
    const window = sliceMelFrames(buffer!, windowStart - bufferStart, windowEnd - bufferStart);
    const audio = await vocodeWindow(window);
    throwIfAborted(signal);
    if (audio.length !== window.frames * hop) {
      throw new InputError(
        'E_STREAM',
        `${consumer} returned ${audio.length} samples for ${window.frames} frames.`,
      );
    }
    const from = (start - windowStart) * hop;
    const to = (end - windowStart) * hop;
    const out = audio.slice(from, to);
    if (tail !== undefined) crossfade(tail, out, shape);
    tail =
      crossfadeFrames > 0 && to < audio.length
        ? audio.slice(to, Math.min(audio.length, to + crossfadeFrames * hop))
        : undefined;
    emitted = end;
    // keep only the context the next window needs
    const keepFrom = Math.max(0, emitted - left);
    if (keepFrom > bufferStart) {
      buffer =
        keepFrom < received
          ? sliceMelFrames(buffer!, keepFrom - bufferStart, received - bufferStart)
          : undefined;
      bufferStart = keepFrom;
    }
    return { audio: out, start, end, windowStart, windowEnd, received, flushed };
  };

  for await (const chunk of chunks) {
    throwIfAborted(signal);
    if (convention === undefined) convention = chunk.convention;
    else assertConvention(chunk, convention, consumer);
    buffer = buffer === undefined ? chunk : concatMelFrames([buffer, chunk]);
    received += chunk.frames;
    while (received - right - emitted >= minPiece) {
      yield await render(Math.min(received - right, emitted + maxPiece), false);
    }
  }
  while (received > emitted) yield await render(Math.min(received, emitted + maxPiece), true);
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
  for await (const piece of streamWindows(chunks, vocodeWindow, options)) yield piece.audio;
}
