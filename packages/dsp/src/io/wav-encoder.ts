/**
 * Stateful float -> WAV sample bytes encoder. Integer formats go through a {@link Quantizer}
 * (rounding, optional seeded TPDF dither, clipping); float formats are written as is. Because the
 * dither sequence continues across calls, encoding a signal in blocks of any size gives the same
 * bytes as encoding it at once.
 */
import { InputError } from '@voirs/core';
import { Quantizer, type IntBitDepth, type QuantizeOptions } from '../ops/quantizer.js';
import { WAV_SAMPLE_FORMAT_INFO, type WavSampleFormat } from './wav-format.js';

/** Encodes interleaved float samples into the byte layout of a WAV `data` chunk. */
export class WavSampleEncoder {
  readonly bytesPerSample: number;
  readonly #format: WavSampleFormat;
  readonly #quantizer: Quantizer | undefined;
  #index = 0;

  constructor(format: WavSampleFormat, options: QuantizeOptions = {}) {
    const info = WAV_SAMPLE_FORMAT_INFO[format];
    if (info === undefined) throw new TypeError(`Unknown WAV sample format ${String(format)}`);
    this.#format = format;
    this.bytesPerSample = info.bitDepth / 8;
    this.#quantizer =
      info.encoding === 'pcm' ? new Quantizer(info.bitDepth as IntBitDepth, options) : undefined;
  }

  /** Samples clipped so far (integer formats only). */
  get clipped(): number {
    return this.#quantizer?.clipped ?? 0;
  }

  /**
   * Encodes `samples` into `out` (a new array by default; its length must be exactly
   * `samples.length * bytesPerSample`) and returns it.
   * @throws InputError `E_AUDIO_INVALID` for NaN or infinite samples.
   */
  encode(
    samples: Float32Array,
    out = new Uint8Array(samples.length * this.bytesPerSample),
  ): Uint8Array {
    if (out.length !== samples.length * this.bytesPerSample) {
      throw new RangeError(
        `encode needs ${samples.length * this.bytesPerSample} output bytes, got ${out.length}`,
      );
    }
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    const q = this.#quantizer;
    const n = samples.length;
    switch (this.#format) {
      case 'u8':
        for (let i = 0; i < n; i++) out[i] = q!.quantize(samples[i]!);
        break;
      case 's16':
        for (let i = 0; i < n; i++) view.setInt16(2 * i, q!.quantize(samples[i]!), true);
        break;
      case 's24':
        for (let i = 0, p = 0; i < n; i++, p += 3) {
          const v = q!.quantize(samples[i]!);
          out[p] = v & 0xff;
          out[p + 1] = (v >> 8) & 0xff;
          out[p + 2] = (v >> 16) & 0xff;
        }
        break;
      case 's32':
        for (let i = 0; i < n; i++) view.setInt32(4 * i, q!.quantize(samples[i]!), true);
        break;
      case 'f32':
        this.#checkFinite(samples);
        for (let i = 0; i < n; i++) view.setFloat32(4 * i, samples[i]!, true);
        break;
      case 'f64':
        this.#checkFinite(samples);
        for (let i = 0; i < n; i++) view.setFloat64(8 * i, samples[i]!, true);
        break;
    }
    this.#index += n;
    return out;
  }

  #checkFinite(samples: Float32Array): void {
    for (let i = 0; i < samples.length; i++) {
      if (!Number.isFinite(samples[i]!)) {
        const index = this.#index + i;
        throw new InputError(
          'E_AUDIO_INVALID',
          `Sample ${index} is ${samples[i]}; only finite samples can be written. Check the producer of this audio.`,
          { details: { index } },
        );
      }
    }
  }
}
