/**
 * The engine as a WHATWG `ReadableStream` of audio chunks.
 */
import { AbortError, type MelSpectrogram, type Vocoder } from '@voirs/core';
import type { ChunkSource } from './abortable-source.js';
import type { AudioChunk } from './chunk-stats.js';
import type { StreamOptions } from './stream-options.js';
import { vocodeChunks } from './vocode-chunks.js';

/** Options of {@link vocodeReadableStream}. */
export interface ReadableOptions extends StreamOptions {
  /** Audio chunks the stream may compute ahead of its reader (default 1). */
  readonly highWaterMark?: number;
  /** Called once the engine has stopped (ended, failed or cancelled), with the error if any. */
  readonly onSettled?: (error: unknown) => void;
}

/** One signal that aborts when any of `signals` does; `unlink()` removes the listeners. */
function linkSignals(signals: readonly (AbortSignal | undefined)[]): {
  signal: AbortSignal;
  unlink(): void;
} {
  const combined = new AbortController();
  const listeners = new AbortController();
  for (const signal of signals) {
    if (signal === undefined) continue;
    if (signal.aborted) {
      combined.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => combined.abort(signal.reason), {
      once: true,
      signal: listeners.signal,
    });
  }
  return { signal: combined.signal, unlink: () => listeners.abort() };
}

/**
 * A pull-based `ReadableStream` over {@link vocodeChunks}: the source is read and windows are
 * vocoded only when the stream's queue (`highWaterMark` chunks) has room, so a slow reader holds the
 * producer back. `cancel()` aborts the running window and closes the source at once; an error of the
 * source or the vocoder errors the stream.
 *
 * ```ts
 * const audio = vocodeReadableStream(vocoder, melReadable, { chunkFrames: 32 });
 * await audio.pipeTo(playerOrFileWritable);
 * ```
 */
export function vocodeReadableStream(
  vocoder: Vocoder,
  source: ChunkSource<MelSpectrogram>,
  options: ReadableOptions = {},
): ReadableStream<AudioChunk> {
  const cancel = new AbortController();
  const linked = linkSignals([options.signal, cancel.signal]);
  const signal = linked.signal;
  const chunks = vocodeChunks(vocoder, source, { ...options, signal });
  let started = false;
  let settled = false;
  const settle = (error: unknown) => {
    if (settled) return;
    settled = true;
    linked.unlink();
    options.onSettled?.(error);
  };
  return new ReadableStream<AudioChunk>(
    {
      async pull(controller) {
        started = true;
        try {
          const next = await chunks.next();
          if (next.done === true) {
            controller.close();
            settle(undefined);
          } else controller.enqueue(next.value);
        } catch (error) {
          settle(error);
          throw error;
        }
      },
      async cancel(reason) {
        cancel.abort(reason ?? new AbortError('The audio stream was cancelled.'));
        // a running pull() ends with the abort first; then the engine's finally blocks have run
        await chunks.return(undefined).catch(() => undefined);
        if (!started && options.disposeVocoder === true) await vocoder.dispose();
        settle(signal.reason);
      },
    },
    { highWaterMark: options.highWaterMark ?? 1 },
  );
}
