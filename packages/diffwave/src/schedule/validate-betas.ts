/**
 * Validation of noise schedules (beta arrays), with errors that say what is wrong and where.
 */
import { ConfigError } from '@voirs/core';

/** Longest schedule accepted (the DiffWave paper's largest model trains on 200 steps). */
export const MAX_SCHEDULE_STEPS = 10_000;

/**
 * Checks a beta schedule and returns it as a frozen array. Every beta must be a finite number in
 * the open interval (0, 1), and the betas must not decrease: noise grows with the step index in
 * every diffusion schedule, and a decreasing array is almost always one given in reverse order.
 * @throws ConfigError `E_SCHEDULE_INVALID` naming the first offending index.
 */
export function validateBetas(
  betas: readonly number[],
  what = 'noise schedule',
): readonly number[] {
  if (
    !Array.isArray(betas) &&
    !(betas instanceof Float64Array) &&
    !(betas instanceof Float32Array)
  ) {
    throw new TypeError(`${what} must be an array of numbers`);
  }
  const fail = (message: string, index?: number): never => {
    throw new ConfigError('E_SCHEDULE_INVALID', `Invalid ${what}: ${message}`, {
      details: index === undefined ? { length: betas.length } : { index, value: betas[index] },
    });
  };
  if (betas.length < 1) fail('it is empty; give at least one beta.');
  if (betas.length > MAX_SCHEDULE_STEPS)
    fail(`it has ${betas.length} steps, more than ${MAX_SCHEDULE_STEPS}.`);
  for (let i = 0; i < betas.length; i++) {
    const beta = betas[i];
    if (typeof beta !== 'number' || !Number.isFinite(beta) || beta <= 0 || beta >= 1) {
      fail(`beta[${i}] = ${String(beta)} is not in the open interval (0, 1).`, i);
    }
    if (i > 0 && beta! < betas[i - 1]!) {
      fail(
        `beta[${i}] = ${beta} is smaller than beta[${i - 1}] = ${betas[i - 1]}; betas must not decrease ` +
          '(list them from the least noisy step to the noisiest, e.g. [0.0001, 0.001, 0.01, 0.05, 0.2, 0.5]).',
        i,
      );
    }
  }
  return Object.freeze([...betas]);
}

/** The cumulative products of `1 - beta` (alpha-bar), in float64 like numpy's `cumprod`. */
export function alphaCumulative(betas: readonly number[]): Float64Array {
  const out = new Float64Array(betas.length);
  let product = 1;
  for (let i = 0; i < betas.length; i++) {
    product *= 1 - betas[i]!;
    out[i] = product;
  }
  return out;
}
