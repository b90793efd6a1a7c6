/**
 * Streaming WAV writer: audio blocks in, WAV bytes out to a sink, without holding the whole signal.
 *
 * - Seekable sinks (with `writeAt`, e.g. a file; see `createWavFileWriter` in `@voirs/dsp/node`):
 *   the header is written with zero sizes first and patched with the real sizes at {@link close}.
 * - Non-seekable sinks (stdout, a pipe, a WHATWG `WritableStream`): the header carries the
 *   0xFFFFFFFF "unknown length" RIFF and data sizes (and fact count), the usual convention for
 *   streamed WAV: the data runs to the end of the stream. {@link readWav} reads it so; SoX 14.4
 *   reads every sample with a "Premature EOF" warning.
 *   No pad byte is written after odd-sized data in this mode (there is no size to pad for).
 */
import {
  FormatError,
  InputError,
  VocoderError,
  assertSampleRate,
  type AudioBuffer,
} from '@voirs/core';
import { WavSampleEncoder } from './wav-encoder.js';
import type { WavSampleFormat } from './wav-format.js';
import { buildWavHeader, maxRiffDataBytes, type WavHeader } from './wav-header.js';
import { assertWavChannels, resolveWavFormat, type WriteWavOptions } from './wav-write.js';

/**
 * Where a {@link WavStreamWriter} puts its bytes. Every chunk passed to `write` is freshly
 * allocated and never touched again by the writer, so a sink may keep it.
 */
export interface WavSink {
  /** Appends bytes; may return a promise to apply backpressure. */
  write(chunk: Uint8Array): void | Promise<void>;
  /** Overwrites bytes at an absolute position. Its presence makes the sink seekable. */
  writeAt?(chunk: Uint8Array, position: number): void | Promise<void>;
  /** Finishes the output (flush, close, rename…). */
  close(): void | Promise<void>;
  /** Discards the output after a failure or an explicit abort (delete a temp file…). */
  abort?(reason: unknown): void | Promise<void>;
}

/** Options of {@link WavStreamWriter}. */
export interface WavStreamWriterOptions extends WriteWavOptions {
  readonly sampleRate: number;
  /** Interleaved channels per frame (default 1). */
  readonly channels?: number;
}

/** What {@link WavStreamWriter.close} reports. */
export interface WavStreamSummary {
  readonly frames: number;
  readonly dataBytes: number;
  /** Samples clipped by integer quantisation. */
  readonly clipped: number;
  /** True when the header holds the real sizes (seekable sink). */
  readonly sized: boolean;
}

type State = 'open' | 'closed' | 'failed';

/** Writes WAV audio block by block to a {@link WavSink}; see the module comment for the header rules. */
export class WavStreamWriter {
  readonly sampleRate: number;
  readonly channels: number;
  readonly format: WavSampleFormat;
  readonly #sink: WavSink;
  readonly #encoder: WavSampleEncoder;
  readonly #header: WavHeader;
  readonly #maxData: number;
  #queue: Promise<unknown> = Promise.resolve();
  #state: State = 'open';
  #failure: unknown;
  #headerWritten = false;
  #closing: Promise<WavStreamSummary> | undefined;
  #dataBytes = 0;

  /** @throws InputError for an invalid rate, channel count or format. */
  constructor(sink: WavSink, options: WavStreamWriterOptions) {
    if (
      sink === null ||
      typeof sink !== 'object' ||
      typeof sink.write !== 'function' ||
      typeof sink.close !== 'function'
    ) {
      throw new TypeError('WavStreamWriter needs a sink with write() and close()');
    }
    const format = resolveWavFormat(options.format);
    this.format = format;
    assertSampleRate(options.sampleRate);
    this.channels = options.channels ?? 1;
    assertWavChannels(this.channels);
    this.sampleRate = options.sampleRate;
    this.#sink = sink;
    this.#encoder = new WavSampleEncoder(format, options);
    this.#header = buildWavHeader(
      format,
      this.channels,
      this.sampleRate,
      this.#seekable ? 0 : undefined,
    );
    this.#maxData = maxRiffDataBytes(this.#header.bytes.length);
  }

  get #seekable(): boolean {
    return typeof this.#sink.writeAt === 'function';
  }

  /** Frames accepted so far. */
  get framesWritten(): number {
    return this.#dataBytes / (this.#encoder.bytesPerSample * this.channels);
  }

  /**
   * Appends a block: an {@link AudioBuffer} of the writer's rate and channel count, or interleaved
   * samples. Calls are queued in order even when not awaited. Any failure (a bad block, a sink
   * error) fails the whole stream and aborts the sink: a half-written file is never left behind.
   * @throws InputError `E_AUDIO_INVALID`/`E_SAMPLE_RATE` for a mismatched block or non-finite
   * samples; FormatError `E_WAV_UNSUPPORTED` past 4 GiB on a seekable sink; VocoderError
   * `E_STREAM` after close or a failure.
   */
  write(block: AudioBuffer | Float32Array): Promise<void> {
    return this.#enqueue(async () => {
      const samples = this.#samplesOf(block);
      const bytes = this.#encoder.encode(samples);
      if (this.#seekable && this.#dataBytes + bytes.length > this.#maxData) {
        throw new FormatError(
          'E_WAV_UNSUPPORTED',
          'The audio exceeds the 4 GiB limit of a WAV file; split the output into several files.',
        );
      }
      await this.#writeHeaderOnce();
      if (bytes.length > 0) await this.#sink.write(bytes);
      this.#dataBytes += bytes.length;
    });
  }

  /**
   * Writes the final sizes (seekable sinks) and closes the sink, after every queued write.
   * Idempotent: later calls return the same promise.
   */
  close(): Promise<WavStreamSummary> {
    this.#closing ??= this.#enqueue(async () => {
      await this.#writeHeaderOnce();
      if (this.#seekable) {
        if (this.#dataBytes % 2 === 1) await this.#sink.write(new Uint8Array(1));
        const header = buildWavHeader(
          this.format,
          this.channels,
          this.sampleRate,
          this.framesWritten,
        );
        await this.#sink.writeAt!(header.bytes, 0);
      }
      await this.#sink.close();
      this.#state = 'closed';
      return this.#summary();
    });
    return this.#closing;
  }

  /** Abandons the output: the sink's `abort` runs (a file sink deletes its temp file). */
  abort(
    reason: unknown = new VocoderError('E_ABORTED', 'The WAV stream was aborted.'),
  ): Promise<void> {
    if (this.#state !== 'open')
      return this.#queue.then(
        () => undefined,
        () => undefined,
      );
    this.#state = 'failed';
    this.#failure = reason;
    const done = this.#queue.then(
      () => this.#sink.abort?.(reason),
      () => undefined,
    );
    this.#queue = done;
    return done.then(() => undefined);
  }

  #summary(): WavStreamSummary {
    return {
      frames: this.framesWritten,
      dataBytes: this.#dataBytes,
      clipped: this.#encoder.clipped,
      sized: this.#seekable,
    };
  }

  #samplesOf(block: AudioBuffer | Float32Array): Float32Array {
    if (block instanceof Float32Array) {
      if (block.length % this.channels !== 0) {
        throw new InputError(
          'E_AUDIO_INVALID',
          `A block of ${block.length} samples does not split into ${this.channels} channels.`,
        );
      }
      return block;
    }
    if (block === null || typeof block !== 'object' || !(block.samples instanceof Float32Array)) {
      throw new TypeError('WavStreamWriter.write expects an AudioBuffer or a Float32Array');
    }
    if (block.sampleRate !== this.sampleRate) {
      throw new InputError(
        'E_SAMPLE_RATE',
        `A block at ${block.sampleRate} Hz was written to a ${this.sampleRate} Hz WAV stream; resample it first.`,
      );
    }
    if (block.channels !== this.channels) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `A ${block.channels}-channel block was written to a ${this.channels}-channel WAV stream.`,
      );
    }
    return block.samples;
  }

  async #writeHeaderOnce(): Promise<void> {
    if (this.#headerWritten) return;
    this.#headerWritten = true;
    await this.#sink.write(this.#header.bytes.slice());
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.#state !== 'open') {
        throw new VocoderError(
          'E_STREAM',
          `The WAV stream is ${this.#state === 'closed' ? 'closed' : 'aborted after a failure'}; create a new writer.`,
          {
            cause: this.#failure,
          },
        );
      }
      try {
        return await work();
      } catch (error) {
        this.#state = 'failed';
        this.#failure = error;
        await Promise.resolve(this.#sink.abort?.(error)).catch(() => undefined);
        throw error;
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}
