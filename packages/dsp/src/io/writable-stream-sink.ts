/**
 * A {@link WavSink} over a WHATWG `WritableStream` (browsers, Deno, Node's web streams). Such a
 * stream cannot seek, so a {@link WavStreamWriter} on it writes the "unknown length" header.
 */
import type { WavSink } from './wav-stream-writer.js';

/**
 * Wraps `stream` as a non-seekable sink. Each write waits for the stream to accept the chunk
 * (backpressure); `close` closes the stream and `abort` aborts it with the failure.
 *
 * ```ts
 * const file = await fileHandle.createWritable(); // File System Access API
 * const writer = new WavStreamWriter(writableStreamSink(file), { sampleRate: 22050 });
 * ```
 */
export function writableStreamSink(stream: WritableStream<Uint8Array>): WavSink {
  if (typeof WritableStream === 'undefined' || !(stream instanceof WritableStream)) {
    throw new TypeError('writableStreamSink expects a WHATWG WritableStream');
  }
  const writer = stream.getWriter();
  return {
    write: (chunk) => writer.write(chunk),
    close: () => writer.close(),
    abort: (reason) => writer.abort(reason),
  };
}
