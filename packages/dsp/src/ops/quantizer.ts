/**
 * Float -> integer sample quantisation with optional seeded TPDF dither and clipping, shared by the
 * sample-format conversions and the WAV writers.
 *
 * Scaling is the usual `x * 2^(bits-1)` (so integer -> float -> integer is exact), rounded to the
 * nearest integer after dither, then clipped to `[-2^(bits-1), 2^(bits-1) - 1]`; 8-bit output is
 * offset to unsigned. A stateful {@link Quantizer} continues its dither sequence across calls, so
 * quantising a signal in blocks of any size gives the same result.
 */
import { InputError } from '@voirs/core';
import { TpdfDither } from './tpdf-dither.js';

/** Integer bit depths the quantiser produces. */
export type IntBitDepth = 8 | 16 | 24 | 32;

/** Options of {@link Quantizer} and the `floatToInt*` conversions. */
export interface QuantizeOptions {
  /** Add TPDF dither of +-1 LSB before rounding (default false). */
  readonly dither?: boolean;
  /** Dither seed (default 0); equal seeds give identical output. */
  readonly seed?: number;
}

/** A stateful float -> integer quantiser. */
export class Quantizer {
  readonly bits: IntBitDepth;
  readonly #scale: number;
  readonly #min: number;
  readonly #max: number;
  readonly #offset: number;
  readonly #dither: TpdfDither | undefined;
  #clipped = 0;
  #index = 0;

  constructor(bits: IntBitDepth, options: QuantizeOptions = {}) {
    if (bits !== 8 && bits !== 16 && bits !== 24 && bits !== 32) {
      throw new TypeError(`Quantizer bits must be 8, 16, 24 or 32, got ${String(bits)}`);
    }
    this.bits = bits;
    this.#scale = 2 ** (bits - 1);
    this.#min = -this.#scale;
    this.#max = this.#scale - 1;
    this.#offset = bits === 8 ? 128 : 0;
    this.#dither = options.dither === true ? new TpdfDither(options.seed ?? 0) : undefined;
  }

  /** Samples clipped so far (values beyond the integer range after scaling and dither). */
  get clipped(): number {
    return this.#clipped;
  }

  /**
   * Quantises one sample to its integer code (unsigned for 8 bits).
   * @throws InputError `E_AUDIO_INVALID` for NaN or infinite samples (never written as garbage).
   */
  quantize(x: number): number {
    const index = this.#index++;
    if (!Number.isFinite(x)) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `Sample ${index} is ${x}; only finite samples can be written. Check the producer of this audio.`,
        { details: { index } },
      );
    }
    let v = x * this.#scale;
    if (this.#dither !== undefined) v += this.#dither.next();
    v = Math.round(v);
    if (v > this.#max) {
      v = this.#max;
      this.#clipped++;
    } else if (v < this.#min) {
      v = this.#min;
      this.#clipped++;
    }
    return v + this.#offset;
  }
}
