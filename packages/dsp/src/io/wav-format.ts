/**
 * WAV format descriptions shared by the reader and the writers.
 */

/** Sample encoding of a WAV file: integer PCM (8-bit is unsigned) or IEEE float. */
export type WavEncoding = 'pcm' | 'float';

/** What {@link readWav} found in the `fmt ` chunk. */
export interface WavFormat {
  readonly encoding: WavEncoding;
  /** Container bits per sample: 8, 16, 24 or 32 (pcm), 32 or 64 (float). */
  readonly bitDepth: number;
  readonly channels: number;
  readonly sampleRate: number;
  /** `wValidBitsPerSample` of WAVE_FORMAT_EXTENSIBLE files (e.g. 20 in a 24-bit container), else `bitDepth`. */
  readonly validBits: number;
  /** Speaker mask of WAVE_FORMAT_EXTENSIBLE files (0 when absent or unspecified). */
  readonly channelMask: number;
  /** True when the `fmt ` chunk was WAVE_FORMAT_EXTENSIBLE. */
  readonly extensible: boolean;
  /** `RIFF`, or `RF64` for 64-bit sized files (EBU Tech 3306; `BW64` is read the same way). */
  readonly container: 'RIFF' | 'RF64';
}

/**
 * Sample formats the writers produce: the core {@link SampleFormat}s (`s16`, `s24`, `s32`, `f32`)
 * plus unsigned 8-bit and 64-bit float.
 */
export type WavSampleFormat = 's16' | 's24' | 's32' | 'f32' | 'u8' | 'f64';

/** Every {@link WavSampleFormat}. */
export const WAV_SAMPLE_FORMATS: readonly WavSampleFormat[] = Object.freeze([
  'u8',
  's16',
  's24',
  's32',
  'f32',
  'f64',
]);

/** Encoding and container size of each {@link WavSampleFormat}. */
export const WAV_SAMPLE_FORMAT_INFO: Readonly<
  Record<WavSampleFormat, { encoding: WavEncoding; bitDepth: number }>
> = Object.freeze({
  u8: { encoding: 'pcm', bitDepth: 8 },
  s16: { encoding: 'pcm', bitDepth: 16 },
  s24: { encoding: 'pcm', bitDepth: 24 },
  s32: { encoding: 'pcm', bitDepth: 32 },
  f32: { encoding: 'float', bitDepth: 32 },
  f64: { encoding: 'float', bitDepth: 64 },
});

/** `wFormatTag` values. */
export const WAVE_FORMAT = Object.freeze({ PCM: 0x0001, IEEE_FLOAT: 0x0003, EXTENSIBLE: 0xfffe });

/**
 * Bytes 2..15 of the KSDATAFORMAT_SUBTYPE GUIDs (`XXXX0000-0000-0010-8000-00aa00389b71`, stored
 * little-endian): the first two bytes carry the format tag (1 = PCM, 3 = float).
 */
export const SUBFORMAT_GUID_TAIL = Uint8Array.of(
  0x00,
  0x00,
  0x00,
  0x00,
  0x10,
  0x00,
  0x80,
  0x00,
  0x00,
  0xaa,
  0x00,
  0x38,
  0x9b,
  0x71,
);

/** The size field value meaning "unknown length" in streamed WAV headers. */
export const UNKNOWN_SIZE = 0xffffffff;
