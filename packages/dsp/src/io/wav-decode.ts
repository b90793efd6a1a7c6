/**
 * Decoding of WAV sample bytes to 32-bit floats.
 *
 * Integers are scaled by `1 / 2^(bits-1)` (8-bit after removing the 128 offset), so every integer
 * code maps to an exact float and back. 32-bit PCM and 64-bit float lose precision beyond float32's
 * 24-bit mantissa. Float samples are kept as stored (they may exceed [-1, 1]) but must be finite.
 */
import { FormatError } from '@voirs/core';
import type { WavFormat } from './wav-format.js';

/** Decodes `frames * channels` interleaved samples starting at `bytes[offset]`. */
export function decodeWavSamples(
  bytes: Uint8Array,
  offset: number,
  frames: number,
  format: WavFormat,
): Float32Array {
  const count = frames * format.channels;
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * (format.bitDepth / 8));
  const kind = `${format.encoding}${format.bitDepth}`;
  switch (kind) {
    case 'pcm8':
      for (let i = 0; i < count; i++) out[i] = (view.getUint8(i) - 128) / 128;
      break;
    case 'pcm16':
      for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i, true) / 32768;
      break;
    case 'pcm24':
      for (let i = 0, p = 0; i < count; i++, p += 3) {
        const v = view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16);
        out[i] = v / 8388608;
      }
      break;
    case 'pcm32':
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, true) / 2147483648;
      break;
    case 'float32':
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
      break;
    case 'float64':
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, true);
      break;
    default:
      throw new FormatError(
        'E_WAV_UNSUPPORTED',
        `Cannot decode ${format.bitDepth}-bit ${format.encoding} samples.`,
      );
  }
  if (format.encoding === 'float') {
    for (let i = 0; i < count; i++) {
      if (!Number.isFinite(out[i]!)) {
        throw new FormatError(
          'E_WAV_INVALID',
          `Float sample ${i} of the WAV file is ${out[i]} (after conversion to float32); the file holds damaged audio.`,
          { details: { index: i } },
        );
      }
    }
  }
  return out;
}
