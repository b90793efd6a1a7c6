/**
 * A {@link WavSink} over a Node writable stream (stdout, a socket, a pipe): non-seekable, so a
 * {@link WavStreamWriter} on it writes the "unknown length" header.
 */
import { VocoderError } from '@voirs/core';
import type { Writable } from 'node:stream';
import type { WavSink } from '../wav-stream-writer.js';

/** Options of {@link nodeStreamSink}. */
export interface NodeStreamSinkOptions {
  /** Call `stream.end()` at close (default true). Pass false for `process.stdout`. */
  readonly end?: boolean;
}

const streamError = (cause: unknown) =>
  new VocoderError(
    'E_IO',
    `The output stream failed: ${cause instanceof Error ? cause.message : String(cause)}.`,
    { cause },
  );

/**
 * Wraps a Node `Writable`. Writes honour backpressure (they wait for `drain`); a stream error
 * rejects the pending and later writes with `E_IO`.
 *
 * ```ts
 * const writer = new WavStreamWriter(nodeStreamSink(process.stdout, { end: false }), { sampleRate: 22050 });
 * ```
 */
export function nodeStreamSink(stream: Writable, options: NodeStreamSinkOptions = {}): WavSink {
  if (stream === null || typeof stream !== 'object' || typeof stream.write !== 'function') {
    throw new TypeError('nodeStreamSink expects a Node writable stream');
  }
  let failure: unknown;
  stream.on('error', (error) => {
    failure ??= error;
  });
  const settle = (event: 'drain' | 'finish') =>
    new Promise<void>((resolve, reject) => {
      const onError = (error: unknown) => {
        stream.off(event, onEvent);
        reject(streamError(error));
      };
      const onEvent = () => {
        stream.off('error', onError);
        resolve();
      };
      stream.once(event, onEvent);
      stream.once('error', onError);
    });
  return {
    async write(chunk) {
      if (failure !== undefined) throw streamError(failure);
      if (!stream.write(chunk)) await settle('drain');
    },
    async close() {
      if (failure !== undefined) throw streamError(failure);
      if (options.end === false) return;
      const finished = settle('finish');
      stream.end();
      await finished;
    },
    abort(reason) {
      if (options.end !== false) stream.destroy(reason instanceof Error ? reason : undefined);
    },
  };
}
