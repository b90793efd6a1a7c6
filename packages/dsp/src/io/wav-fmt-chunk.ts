/**
 * Parsing and validation of the WAV `fmt ` chunk (WAVEFORMATEX and WAVE_FORMAT_EXTENSIBLE).
 */
import { FormatError, MAX_CHANNELS, MAX_SAMPLE_RATE } from '@voirs/core';
import type { RiffChunk } from './riff-chunks.js';
import {
  SUBFORMAT_GUID_TAIL,
  WAVE_FORMAT,
  type WavEncoding,
  type WavFormat,
} from './wav-format.js';

/** Names of common tags we do not decode, for messages. */
const TAG_NAMES: Readonly<Record<number, string>> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'mu-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG',
  0x0055: 'MP3',
};

const SUPPORTED_BITS: Readonly<Record<WavEncoding, readonly number[]>> = {
  pcm: [8, 16, 24, 32],
  float: [32, 64],
};

const invalid = (message: string) =>
  new FormatError('E_WAV_INVALID', `Invalid WAV "fmt " chunk: ${message}.`);
const unsupported = (what: string) =>
  new FormatError(
    'E_WAV_UNSUPPORTED',
    `${what} WAV files are not supported; convert to 16/24/32-bit PCM or 32/64-bit float WAV (e.g. sox in.wav -b 16 out.wav).`,
  );

/** Reads the `fmt ` chunk at `chunk` and checks every field the decoder relies on. */
export function parseFmtChunk(
  bytes: Uint8Array,
  chunk: RiffChunk,
  container: WavFormat['container'],
): WavFormat {
  if (chunk.declared < 16) throw invalid(`it is ${chunk.declared} bytes, at least 16 are needed`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + chunk.offset, chunk.available);
  let tag = view.getUint16(0, true);
  const channels = view.getUint16(2, true);
  const sampleRate = view.getUint32(4, true);
  const blockAlign = view.getUint16(12, true);
  const bitDepth = view.getUint16(14, true);
  const extensible = tag === WAVE_FORMAT.EXTENSIBLE;
  let validBits = bitDepth;
  let channelMask = 0;
  if (extensible) {
    if (chunk.declared < 40 || view.getUint16(16, true) < 22) {
      throw invalid('WAVE_FORMAT_EXTENSIBLE needs a 40-byte chunk with cbSize >= 22');
    }
    validBits = view.getUint16(18, true);
    channelMask = view.getUint32(20, true);
    tag = view.getUint16(24, true);
    const tail = new Uint8Array(bytes.buffer, bytes.byteOffset + chunk.offset + 26, 14);
    if (tail.some((b, i) => b !== SUBFORMAT_GUID_TAIL[i]))
      throw unsupported('Extensible sub-formats other than PCM and float');
    if (validBits === 0) validBits = bitDepth;
    if (validBits > bitDepth)
      throw invalid(`${validBits} valid bits do not fit in ${bitDepth}-bit samples`);
  }
  let encoding: WavEncoding;
  if (tag === WAVE_FORMAT.PCM) encoding = 'pcm';
  else if (tag === WAVE_FORMAT.IEEE_FLOAT) encoding = 'float';
  else
    throw unsupported(`${TAG_NAMES[tag] ?? `Format tag 0x${tag.toString(16).padStart(4, '0')}`}`);
  if (channels === 0) throw invalid('it declares 0 channels');
  if (channels > MAX_CHANNELS) throw unsupported(`${channels}-channel (more than ${MAX_CHANNELS})`);
  if (sampleRate === 0 || sampleRate > MAX_SAMPLE_RATE) {
    throw new FormatError(
      'E_SAMPLE_RATE',
      `The WAV file declares a sample rate of ${sampleRate} Hz; valid rates are 1 to ${MAX_SAMPLE_RATE} Hz. The header is damaged.`,
      { details: { sampleRate } },
    );
  }
  if (!SUPPORTED_BITS[encoding].includes(bitDepth)) {
    throw unsupported(`${bitDepth}-bit ${encoding === 'pcm' ? 'PCM' : 'float'}`);
  }
  if (blockAlign !== (channels * bitDepth) / 8) {
    throw invalid(
      `block align ${blockAlign} does not match ${channels} channels of ${bitDepth} bits`,
    );
  }
  return {
    encoding,
    bitDepth,
    channels,
    sampleRate,
    validBits,
    channelMask,
    extensible,
    container,
  };
}
