/**
 * WAV header construction for the writers.
 *
 * Layout: `RIFF` + `fmt ` + (`fact` for float) + `data`. The `fmt ` chunk is plain WAVEFORMATEX
 * (PCM: 16 bytes, float: 18 bytes with cbSize 0) for mono/stereo up to 16-bit PCM and for
 * mono/stereo float, and WAVE_FORMAT_EXTENSIBLE otherwise (more than 2 channels or more than 16
 * PCM bits), as Microsoft's WAVE guidelines ask. Extensible files carry channel mask 0x4 (mono),
 * 0x3 (stereo) or 0 ("no speaker positions") for other counts.
 */
import { FormatError } from '@voirs/core';
import {
  SUBFORMAT_GUID_TAIL,
  UNKNOWN_SIZE,
  WAVE_FORMAT,
  WAV_SAMPLE_FORMAT_INFO,
  type WavSampleFormat,
} from './wav-format.js';

/** A header under construction and where its size fields sit, for patching at close. */
export interface WavHeader {
  readonly bytes: Uint8Array;
  /** Offset of the `fact` sample-count field, when there is a fact chunk. */
  readonly factOffset: number | undefined;
  /** Offset of the `data` size field. */
  readonly dataSizeOffset: number;
}

/** Largest data chunk a RIFF (32-bit) file can describe with this header (leaving room for a pad byte). */
export const maxRiffDataBytes = (headerBytes: number) => UNKNOWN_SIZE - 1 - (headerBytes - 8);

const writeAscii = (out: Uint8Array, at: number, text: string) => {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
};

/**
 * Builds a header for `frames` frames, or with the 0xFFFFFFFF "unknown length" sizes when
 * `frames` is undefined (streams to non-seekable sinks). The RIFF size counts the pad byte that
 * must follow an odd-sized data chunk; the caller writes that byte.
 * @throws FormatError `E_WAV_UNSUPPORTED` when the data would exceed the 4 GiB RIFF limit.
 */
export function buildWavHeader(
  format: WavSampleFormat,
  channels: number,
  sampleRate: number,
  frames: number | undefined,
): WavHeader {
  const { encoding, bitDepth } = WAV_SAMPLE_FORMAT_INFO[format];
  const extensible = channels > 2 || (encoding === 'pcm' && bitDepth > 16);
  const fmtSize = extensible ? 40 : encoding === 'float' ? 18 : 16;
  const hasFact = encoding === 'float';
  const size = 12 + 8 + fmtSize + (hasFact ? 12 : 0) + 8;
  const blockAlign = (channels * bitDepth) / 8;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let dataBytes = UNKNOWN_SIZE;
  if (frames !== undefined) {
    dataBytes = frames * blockAlign;
    if (dataBytes > maxRiffDataBytes(size)) {
      throw new FormatError(
        'E_WAV_UNSUPPORTED',
        `${dataBytes} bytes of audio exceed the 4 GiB limit of a WAV file; split the output into several files.`,
      );
    }
  }
  writeAscii(out, 0, 'RIFF');
  view.setUint32(
    4,
    frames === undefined ? UNKNOWN_SIZE : size - 8 + dataBytes + (dataBytes % 2),
    true,
  );
  writeAscii(out, 8, 'WAVE');
  writeAscii(out, 12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  const tag = encoding === 'pcm' ? WAVE_FORMAT.PCM : WAVE_FORMAT.IEEE_FLOAT;
  view.setUint16(20, extensible ? WAVE_FORMAT.EXTENSIBLE : tag, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bitDepth, true);
  let at = 36;
  if (fmtSize > 16) {
    view.setUint16(36, fmtSize - 18, true);
    at = 38;
  }
  if (extensible) {
    view.setUint16(38, bitDepth, true);
    view.setUint32(40, channels === 1 ? 0x4 : channels === 2 ? 0x3 : 0, true);
    view.setUint16(44, tag, true);
    out.set(SUBFORMAT_GUID_TAIL, 46);
    at = 60;
  }
  let factOffset: number | undefined;
  if (hasFact) {
    writeAscii(out, at, 'fact');
    view.setUint32(at + 4, 4, true);
    factOffset = at + 8;
    view.setUint32(factOffset, frames === undefined ? UNKNOWN_SIZE : frames, true);
    at += 12;
  }
  writeAscii(out, at, 'data');
  view.setUint32(at + 4, dataBytes, true);
  return { bytes: out, factOffset, dataSizeOffset: at + 4 };
}
