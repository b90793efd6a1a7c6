/**
 * The engine as a WHATWG transform stream (`{ writable, readable }`, like `TextDecoderStream`):
 * mel chunks are written in, audio chunks are read out, and it fits `pipeThrough()`.
 */
import { VocoderError, type MelSpectrogram, type Vocoder } from '@voirs/core';
import type { AudioChunk } from './chunk-stats.js';
import { HandoffChannel } from './handoff-channel.js';
import { vocodeReadableStream, type ReadableOptions } from './vocode-readable.js';

/**
 * Mel in, audio out, with backpressure end to end: a write resolves only when the engine has taken
 * the chunk, and the engine takes chunks only while the readable side has room, so a slow reader
 * stalls the writer instead of letting audio or mel pile up. An error of the vocoder errors the
 * readable side and makes later writes reject; aborting the writable side errors the readable one;
 * cancelling the readable side cancels the running window (and, with `disposeVocoder`, releases the
 * vocoder).
 *
 * ```ts
 * await melReadable.pipeThrough(new VocodeTransformStream(vocoder, { chunkFrames: 32 })).pipeTo(sink);
 * ```
 */
export class VocodeTransformStream implements ReadableWritablePair<AudioChunk, MelSpectrogram> {
  readonly readable: ReadableStream<AudioChunk>;
  readonly writable: WritableStream<MelSpectrogram>;

  constructor(vocoder: Vocoder, options: Omit<ReadableOptions, 'onSettled'> = {}) {
    const channel = new HandoffChannel<MelSpectrogram>();
    this.readable = vocodeReadableStream(vocoder, channel, {
      ...options,
      onSettled: (error) =>
        channel.cancel(
          error ??
            new VocoderError(
              'E_STREAM',
              'The audio side of the stream has finished; it accepts no more mel chunks.',
            ),
        ),
    });
    this.writable = new WritableStream<MelSpectrogram>({
      write: (chunk) => channel.put(chunk),
      close: () => channel.close(),
      abort: (reason) => channel.fail(reason),
    });
  }
}
