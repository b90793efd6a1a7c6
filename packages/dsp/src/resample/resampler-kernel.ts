/**
 * Tables of the resampling filter for one rate pair. Output sample n sits at input position
 * `t = n * inputRate / outputRate`; it is the sum over input samples j of `x[j] * h(t - j)`, where
 * `h` is the Kaiser-windowed sinc stretched to the lower of the two rates.
 *
 * - `polyphase` (integer rates whose reduced ratio L/M gives a table of at most 2^20 taps): t has
 *   only L distinct fractional parts, so one row of K taps per phase is tabulated exactly, each row
 *   normalised to sum 1 (unit DC gain, no DC ripple).
 * - `interpolated` (any other ratio, real ratios included): h is tabulated at 1024 points per
 *   lower-rate sample and linearly interpolated (error below -100 dB); each output is divided by
 *   the sum of its weights, again for unit DC gain.
 */
import { InputError } from '@voirs/core';
import { designKaiserSinc, type ResampleQuality } from './kaiser-design.js';

const MAX_TABLE = 1 << 20;
/** Table points per lower-rate sample in interpolated mode. */
const OVERSAMPLE = 1024;
/** Most extreme ratio accepted either way. */
export const MAX_RESAMPLE_RATIO = 256;

const gcd = (a: number, b: number): number => {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
};

/** A resampling filter for one rate pair; see the module comment. */
export interface ResamplerKernel {
  readonly mode: 'polyphase' | 'interpolated';
  /** Taps per output (even). Output n uses inputs `floor(t) - half + 1 ... floor(t) + half`. */
  readonly taps: number;
  readonly half: number;
  /** Polyphase: upsampling factor L and decimation factor M of the reduced ratio L/M. */
  readonly up: number;
  readonly down: number;
  /** Interpolated: input samples per output sample. */
  readonly step: number;
  /** Interpolated: lower-rate samples per input sample (min(1, outputRate / inputRate)) times the table density. */
  readonly tableScale: number;
  /** Polyphase: L rows of `taps` weights. Interpolated: h at `OVERSAMPLE` points per lower-rate sample. */
  readonly table: Float64Array;
}

/**
 * Builds the kernel for `inputRate -> outputRate` (positive finite numbers, not necessarily integers).
 * @throws InputError `E_SAMPLE_RATE` for invalid rates, `E_RESAMPLE` for a ratio beyond 1:256.
 */
export function createResamplerKernel(
  inputRate: number,
  outputRate: number,
  quality: ResampleQuality,
): ResamplerKernel {
  for (const [name, rate] of [
    ['input', inputRate],
    ['output', outputRate],
  ] as const) {
    if (typeof rate !== 'number') throw new TypeError(`${name} rate must be a number`);
    if (!Number.isFinite(rate) || rate <= 0) {
      throw new InputError(
        'E_SAMPLE_RATE',
        `The ${name} rate must be a positive finite number, got ${rate}.`,
      );
    }
  }
  const ratio = outputRate / inputRate;
  if (ratio > MAX_RESAMPLE_RATIO || ratio < 1 / MAX_RESAMPLE_RATIO) {
    throw new InputError(
      'E_RESAMPLE',
      `Cannot resample ${inputRate} Hz to ${outputRate} Hz: ratios beyond 1:${MAX_RESAMPLE_RATIO} are not supported; resample in two steps.`,
    );
  }
  const proto = designKaiserSinc(quality);
  const s = Math.min(1, ratio);
  const half = Math.ceil(proto.halfWidth / s);
  const taps = 2 * half;
  if (Number.isInteger(inputRate) && Number.isInteger(outputRate)) {
    const g = gcd(inputRate, outputRate);
    const up = outputRate / g;
    const down = inputRate / g;
    if (up * taps <= MAX_TABLE) {
      const table = new Float64Array(up * taps);
      for (let p = 0; p < up; p++) {
        let sum = 0;
        for (let q = 0; q < taps; q++) {
          const w = s * proto.value((p / up - (q - half + 1)) * s);
          table[p * taps + q] = w;
          sum += w;
        }
        for (let q = 0; q < taps; q++) table[p * taps + q] = table[p * taps + q]! / sum;
      }
      return { mode: 'polyphase', taps, half, up, down, step: down / up, tableScale: 0, table };
    }
  }
  const size = proto.halfWidth * OVERSAMPLE + 2;
  const table = new Float64Array(size);
  for (let i = 0; i < size; i++) table[i] = proto.value(i / OVERSAMPLE);
  return {
    mode: 'interpolated',
    taps,
    half,
    up: 0,
    down: 0,
    step: inputRate / outputRate,
    tableScale: s * OVERSAMPLE,
    table,
  };
}
