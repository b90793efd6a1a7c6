/**
 * Time constants, decibel helpers and the denormal guard shared by the effects.
 */

/** Coefficient of a one-pole smoother reaching 1 - 1/e of a step in `ms` milliseconds (0 for ms = 0). */
export function onePoleCoefficient(ms: number, sampleRate: number): number {
  return ms <= 0 ? 0 : Math.exp(-1000 / (ms * sampleRate));
}

/** ln(10) / 20: `Math.exp(db * DB_TO_LN)` is `10^(db / 20)`. */
export const DB_TO_LN = Math.LN10 / 20;

/** Linear amplitude from decibels. */
export const fromDb = (db: number): number => Math.exp(db * DB_TO_LN);

/** Decibels from a linear amplitude, floored at -200 dB for silence. */
export const toDb = (gain: number): number => (gain > 1e-10 ? 20 * Math.log10(gain) : -200);

/**
 * State values below this magnitude (-500 dB) are flushed to zero, so decaying recursions end in
 * exact zeros instead of crawling through the slow subnormal range.
 */
export const FLUSH = 1e-25;
