/**
 * A stateful cascade of biquad sections over interleaved multi-channel audio, in transposed
 * direct form II. Each sample runs through every section in float64; only the final output is
 * rounded to float32.
 *
 * - Block-size independent: processing a signal in blocks of any size gives bit-identical output.
 * - Denormal-safe: when both state values of a section fall below 1e-30 in magnitude (-600 dB)
 *   they are flushed to zero (checked on every sample), so decaying tails end in exact zeros
 *   instead of crawling through the slow subnormal range.
 */
import { ConfigError, InputError, type AudioBuffer } from '@voirs/core';
import type { BiquadCoefficients } from './biquad-coefficients.js';

const DENORMAL_FLOOR = 1e-30;

function checkSections(
  sections: BiquadCoefficients | readonly BiquadCoefficients[],
): BiquadCoefficients[] {
  const list = Array.isArray(sections)
    ? [...(sections as readonly BiquadCoefficients[])]
    : [sections as BiquadCoefficients];
  if (list.length === 0)
    throw new ConfigError('E_INVALID_ARGUMENT', 'A biquad filter needs at least one section.');
  for (const s of list) {
    if (s === null || typeof s !== 'object')
      throw new TypeError('biquad sections must be coefficient objects');
    const values = [s.b0, s.b1, s.b2, s.a1, s.a2];
    if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `Biquad coefficients must be finite numbers, got [${values.join(', ')}].`,
      );
    }
  }
  return list;
}

const flatten = (sections: readonly BiquadCoefficients[]) =>
  Float64Array.from(sections.flatMap((s) => [s.b0, s.b1, s.b2, s.a1, s.a2]));

/** A multi-channel biquad cascade; see the module comment. */
export class BiquadFilter {
  readonly channels: number;
  #sections: BiquadCoefficients[];
  /** b0, b1, b2, a1, a2 of each section, flat. */
  #coef: Float64Array;
  /** z1, z2 per (section, channel). */
  #state: Float64Array;

  /**
   * @param sections one section or a cascade (applied in order).
   * @param channels interleaved channels to filter independently (default 1).
   */
  constructor(sections: BiquadCoefficients | readonly BiquadCoefficients[], channels = 1) {
    if (!Number.isInteger(channels) || channels < 1) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `A biquad filter needs a positive channel count, got ${channels}.`,
      );
    }
    this.channels = channels;
    this.#sections = checkSections(sections);
    this.#coef = flatten(this.#sections);
    this.#state = new Float64Array(this.#sections.length * channels * 2);
  }

  /** The sections in use. */
  get sections(): readonly BiquadCoefficients[] {
    return this.#sections;
  }

  /**
   * Replaces the coefficients. With the same number of sections the state is kept (a parameter
   * change mid-stream); otherwise it is cleared.
   */
  setSections(sections: BiquadCoefficients | readonly BiquadCoefficients[]): void {
    const next = checkSections(sections);
    if (next.length !== this.#sections.length)
      this.#state = new Float64Array(next.length * this.channels * 2);
    this.#sections = next;
    this.#coef = flatten(next);
  }

  /** Clears the state, as if newly created. */
  reset(): void {
    this.#state.fill(0);
  }

  /**
   * Filters interleaved samples. Writes into `output` (which may be `input` for in-place
   * processing) or a new array, and returns it.
   * @throws InputError `E_AUDIO_INVALID` when the lengths do not fit the channel count.
   */
  process(
    input: Float32Array,
    output: Float32Array = new Float32Array(input.length),
  ): Float32Array {
    if (!(input instanceof Float32Array) || !(output instanceof Float32Array)) {
      throw new TypeError('BiquadFilter.process expects Float32Array input and output');
    }
    const ch = this.channels;
    if (input.length % ch !== 0 || output.length !== input.length) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `BiquadFilter.process got ${input.length} input and ${output.length} output samples for ${ch} channels.`,
      );
    }
    const frames = input.length / ch;
    const state = this.#state;
    const coef = this.#coef;
    const n = this.#sections.length;
    for (let c = 0; c < ch; c++) {
      for (let i = 0, p = c; i < frames; i++, p += ch) {
        let x = input[p]!;
        for (let k = 0, q = 0, at = c * 2; k < n; k++, q += 5, at += ch * 2) {
          const y = coef[q]! * x + state[at]!;
          const z1 = coef[q + 1]! * x - coef[q + 3]! * y + state[at + 1]!;
          const z2 = coef[q + 2]! * x - coef[q + 4]! * y;
          // flush both together: zeroing one alone would disturb the recursion of the other
          const tiny =
            z1 < DENORMAL_FLOOR &&
            z1 > -DENORMAL_FLOOR &&
            z2 < DENORMAL_FLOOR &&
            z2 > -DENORMAL_FLOOR;
          state[at] = tiny ? 0 : z1;
          state[at + 1] = tiny ? 0 : z2;
          x = y;
        }
        output[p] = x;
      }
    }
    return output;
  }

  /** Filters an {@link AudioBuffer} (of this filter's channel count) into a new buffer. */
  processBuffer(audio: AudioBuffer): AudioBuffer {
    if (audio.channels !== this.channels) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `A ${this.channels}-channel filter got ${audio.channels}-channel audio.`,
      );
    }
    return {
      samples: this.process(audio.samples),
      sampleRate: audio.sampleRate,
      channels: audio.channels,
    };
  }
}
