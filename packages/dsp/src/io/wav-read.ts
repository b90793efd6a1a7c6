/**
 * Strict WAV reader: RIFF or RF64 WAVE files holding 8/16/24/32-bit PCM or 32/64-bit IEEE float,
 * plain or WAVE_FORMAT_EXTENSIBLE, 1 to 64 channels. Sizes in the file are never trusted for
 * allocation: the output holds at most what the file's bytes can decode to.
 */
import { FormatError, createAudioBuffer, type AudioBuffer } from '@voirs/core';
import { findWavChunks } from './riff-chunks.js';
import { decodeWavSamples } from './wav-decode.js';
import { parseFmtChunk } from './wav-fmt-chunk.js';
import type { WavFormat } from './wav-format.js';

/** Options of {@link readWav}. */
export interface ReadWavOptions {
  /**
   * Read a file whose data ends early (a cut download, a recording interrupted mid-frame): the
   * complete frames present are returned with `truncated: true`. Default false: such files throw
   * `E_WAV_TRUNCATED`.
   */
  readonly allowTruncated?: boolean;
  /** A label (file name) prefixed to error messages. */
  readonly name?: string;
}

/** Result of {@link readWav}. */
export interface ReadWavResult {
  /** The samples as interleaved float32 at the file's rate and channel count. */
  readonly audio: AudioBuffer;
  readonly format: WavFormat;
  /** True when `allowTruncated` let a short data chunk through (frames are missing at the end). */
  readonly truncated: boolean;
  /**
   * True when the header used the 0xFFFFFFFF "unknown length" sizes of a streamed WAV (as
   * {@link WavStreamWriter} writes to pipes); the data was read to the end of the file.
   */
  readonly streamed: boolean;
}

/**
 * Parses a WAV file.
 *
 * ```ts
 * const { audio, format } = readWav(bytes);
 * console.log(format.sampleRate, format.bitDepth, audio.samples.length / audio.channels);
 * ```
 * @throws FormatError `E_WAV_INVALID` (malformed), `E_WAV_TRUNCATED` (data or header cut off),
 * `E_WAV_UNSUPPORTED` (compressed, big-endian, other bit depths, > 64 channels), `E_SAMPLE_RATE`.
 */
export function readWav(bytes: Uint8Array, options: ReadWavOptions = {}): ReadWavResult {
  if (!(bytes instanceof Uint8Array))
    throw new TypeError('readWav expects a Uint8Array (e.g. from fs.readFile or fetch)');
  try {
    return parse(bytes, options.allowTruncated === true);
  } catch (error) {
    if (options.name !== undefined && error instanceof FormatError) {
      throw new FormatError(error.code, `${options.name}: ${error.message}`, {
        cause: error,
        details: error.details,
      });
    }
    throw error;
  }
}

function parse(bytes: Uint8Array, allowTruncated: boolean): ReadWavResult {
  const chunks = findWavChunks(bytes);
  const format = parseFmtChunk(bytes, chunks.fmt!, chunks.container);
  const data = chunks.data!;
  const frameBytes = (format.channels * format.bitDepth) / 8;
  const frames = Math.floor(data.available / frameBytes);
  const partial = data.available % frameBytes;
  let truncated = false;
  if (data.available < data.declared || (chunks.streamed && partial !== 0)) {
    if (!allowTruncated) {
      throw new FormatError(
        'E_WAV_TRUNCATED',
        `The WAV data ends early: ${chunks.streamed ? 'the stream stops inside a frame' : `the header claims ${data.declared} bytes but only ${data.available} are present`}. ` +
          `Re-export or re-download the file, or read the ${frames} complete frames with { allowTruncated: true }.`,
        { details: { declared: data.declared, available: data.available, frames } },
      );
    }
    truncated = true;
  } else if (partial !== 0) {
    if (!allowTruncated) {
      throw new FormatError(
        'E_WAV_INVALID',
        `The WAV data chunk holds ${data.available} bytes, not a whole number of ${frameBytes}-byte frames. ` +
          `Re-export the file, or read the ${frames} complete frames with { allowTruncated: true }.`,
        { details: { dataBytes: data.available, frameBytes } },
      );
    }
    truncated = true;
  }
  const samples = decodeWavSamples(bytes, data.offset, frames, format);
  return {
    audio: createAudioBuffer(samples, format.sampleRate, format.channels),
    format,
    truncated,
    streamed: chunks.streamed,
  };
}
