/**
 * Walks the chunks of a RIFF/RF64 WAVE file without trusting any size: every chunk is bounded by
 * the bytes actually present, odd sizes are followed by their pad byte, and the walk always moves
 * forward, so no input can make it allocate, loop or read out of bounds.
 */
import { FormatError } from '@voirs/core';
import { UNKNOWN_SIZE } from './wav-format.js';

/** A chunk found by {@link findWavChunks}. */
export interface RiffChunk {
  /** Offset of the chunk body. */
  readonly offset: number;
  /** Size the chunk header claims (for `data`: after RF64 `ds64` substitution). */
  readonly declared: number;
  /** Body bytes present in the file: `min(declared, bytes left)`. */
  readonly available: number;
}

/** The chunks a WAV reader needs. */
export interface WavChunks {
  readonly container: 'RIFF' | 'RF64';
  readonly fmt: RiffChunk | undefined;
  readonly data: RiffChunk | undefined;
  /** True when the `data` chunk's size was the "unknown length" marker of a streamed header. */
  readonly streamed: boolean;
  /** The id of a chunk the file ends inside of, when the walk stopped there. */
  readonly cutInside: string | undefined;
}

const fourCC = (b: Uint8Array, at: number) =>
  String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

const truncated = (message: string) =>
  new FormatError(
    'E_WAV_TRUNCATED',
    `${message} The file is cut off; re-export or re-download it.`,
  );

/**
 * Finds the `fmt ` and first `data` chunks, skipping every other chunk (LIST, fact, cue, JUNK…).
 * @throws FormatError `E_WAV_INVALID` when the file is not RIFF/WAVE, `E_WAV_UNSUPPORTED` for
 * big-endian RIFX, `E_WAV_TRUNCATED` when the header itself is cut off.
 */
export function findWavChunks(bytes: Uint8Array): WavChunks {
  const magic = bytes.length >= 4 ? fourCC(bytes, 0) : '';
  if (magic === 'RIFX' || magic === 'FFIR') {
    throw new FormatError(
      'E_WAV_UNSUPPORTED',
      'Big-endian (RIFX) WAV files are not supported; convert to a little-endian WAV, e.g. with sox or ffmpeg.',
    );
  }
  if (magic !== 'RIFF' && magic !== 'RF64' && magic !== 'BW64') {
    throw new FormatError(
      'E_WAV_INVALID',
      'Not a WAV file: it does not start with "RIFF" (or "RF64"). Check the file type.',
    );
  }
  if (bytes.length < 12) throw truncated(`The WAV header is only ${bytes.length} bytes.`);
  if (fourCC(bytes, 8) !== 'WAVE') {
    throw new FormatError(
      'E_WAV_INVALID',
      `Not a WAV file: a RIFF file of type "${fourCC(bytes, 8)}", not "WAVE".`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const container = magic === 'RIFF' ? 'RIFF' : 'RF64';
  let rf64DataSize: number | undefined;
  let fmt: RiffChunk | undefined;
  let data: RiffChunk | undefined;
  let streamed = false;
  let cutInside: string | undefined;
  let pos = 12;
  while (pos + 8 <= bytes.length && (fmt === undefined || data === undefined)) {
    const id = fourCC(bytes, pos);
    let declared = view.getUint32(pos + 4, true);
    const offset = pos + 8;
    const left = bytes.length - offset;
    if (container === 'RF64' && pos === 12) {
      if (id !== 'ds64' || declared < 24 || left < 24) {
        throw new FormatError(
          'E_WAV_INVALID',
          'RF64 WAV file without a valid "ds64" chunk first; the file is damaged.',
        );
      }
      // data size is a 64-bit little-endian value; anything past 2^53 is clamped (the file cannot hold it anyway)
      rf64DataSize = view.getUint32(offset + 8, true) + view.getUint32(offset + 12, true) * 2 ** 32;
    }
    if (id === 'data' && data === undefined && declared === UNKNOWN_SIZE) {
      if (rf64DataSize !== undefined) declared = Math.min(rf64DataSize, Number.MAX_SAFE_INTEGER);
      else {
        streamed = true; // a streamed header: the data runs to the end of the file
        declared = left;
      }
    }
    const chunk: RiffChunk = { offset, declared, available: Math.min(declared, left) };
    if (id === 'fmt ' && fmt === undefined) fmt = chunk;
    else if (id === 'data' && data === undefined) data = chunk;
    if (declared > left) {
      if (fmt === undefined || data === undefined) cutInside = id;
      break;
    }
    pos = offset + declared + (declared & 1);
  }
  if (fmt === undefined || data === undefined) {
    const missing = fmt === undefined ? '"fmt "' : '"data"';
    if (cutInside !== undefined)
      throw truncated(
        `The WAV file ends inside its "${cutInside}" chunk, before the ${missing} chunk.`,
      );
    throw new FormatError(
      'E_WAV_INVALID',
      `The WAV file has no ${missing} chunk; it is damaged or not a WAV file.`,
    );
  }
  if (fmt.available < fmt.declared) throw truncated('The WAV "fmt " chunk is cut off.');
  return { container, fmt, data, streamed, cutInside };
}
