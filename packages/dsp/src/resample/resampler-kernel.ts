/**
 * Tables of the resampling filter for one rate pair. Output sample n sits at input position
 * `t = n * inputRate / outputRate`; it is the sum over input samples j of `x[j] * h(t - j)`, where
 * `h` is the Kaiser-windowed sinc stretched to the lower of the two rates. The weights depend only
 * on the fractional part of t, so they are tabulated as rows of K taps, one row per fractional
 * position, each row normalised to sum 1 (unit DC gain, no DC ripple):
 *
 * - `polyphase` (integer rates whose reduced ratio L/M gives at most 2^20 taps): t takes only L
 *   fractional values p / L, one exact row each.
 * - `interpolated` (any other ratio, real ratios included): 512 rows for fractions p / 512 (and
 *   one for 1), and an output at fraction f blends the two rows around it linearly (error below
 *   -100 dB; blended rows still sum to 1).
 */
import { InputError } from '@voirs/core';
import { designKaiserSinc, type ResampleQuality } from './kaiser-design.js';

const MAX_TABLE = 1 << 20;
/** Rows per input sample in interpolated mode. */
export const INTERPOLATED_PHASES = 512;
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
  /** Input samples per output sample. */
  readonly step: number;
  /** Rows of `taps` weights: L (polyphase) or INTERPOLATED_PHASES + 1 (interpolated). */
  readonly table: Float64Array;
}

/** Rows for the fractions `phase(p)`, p < rows, each normalised to sum 1. */
function tabulate(
  rows: number,
  phase: (p: number) => number,
  taps: number,
  half: number,
  s: number,
  value: (v: number) => number,
): Float64Array {
  const table = new Float64Array(rows * taps);
  for (let p = 0; p < rows; p++) {
    const frac = phase(p);
    let sum = 0;
    for (let q = 0; q < taps; q++) {
      const w = value((frac - (q - half + 1)) * s);
      table[p * taps + q] = w;
      sum += w;
    }
    for (let q = 0; q < taps; q++) table[p * taps + q] = table[p * taps + q]! / sum;
  }
  return table;
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
  const value = (v: number) => proto.value(v);
  if (Number.isInteger(inputRate) && Number.isInteger(outputRate)) {
    const g = gcd(inputRate, outputRate);
    const up = outputRate / g;
    const down = inputRate / g;
    if (up * taps <= MAX_TABLE) {
      const table = tabulate(up, (p) => p / up, taps, half, s, value);
      return { mode: 'polyphase', taps, half, up, down, step: down / up, table };
    }
  }
  const table = tabulate(
    INTERPOLATED_PHASES + 1,
    (p) => p / INTERPOLATED_PHASES,
    taps,
    half,
    s,
    value,
  );
  return { mode: 'interpolated', taps, half, up: 0, down: 0, step: inputRate / outputRate, table };
}
