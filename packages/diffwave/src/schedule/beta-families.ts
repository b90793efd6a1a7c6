/**
 * Named families of noise schedules (beta arrays). Each returns `steps` non-decreasing betas in
 * (0, 1), computed in float64:
 *
 * - `linear`: `linspace(betaStart, betaEnd, steps)` exactly as numpy computes it (DiffWave's
 *   training schedule is `linear(50, 1e-4, 0.05)`).
 * - `quadratic`: `linspace(sqrt(betaStart), sqrt(betaEnd), steps) ** 2` (Ho et al.'s "quad").
 * - `sigmoid`: `sigmoid(linspace(-6, 6, steps)) * (betaEnd - betaStart) + betaStart`.
 * - `cosine`: Nichol & Dhariwal (2021): `alpha_bar(i) = f(i) / f(0)` with
 *   `f(i) = cos(((i / steps) + s) / (1 + s) * pi / 2) ** 2`, `beta_i = min(1 - alpha_bar(i + 1) / alpha_bar(i), maxBeta)`.
 *   It drives the signal almost to pure noise, so a model trained on DiffWave's linear schedule
 *   cannot follow its last steps (samplers refuse noise levels outside the trained range).
 */
import { ConfigError } from '@voirs/core';
import { MAX_SCHEDULE_STEPS, validateBetas } from './validate-betas.js';

/** The official DiffWave training range. */
export const DEFAULT_BETA_START = 1e-4;
export const DEFAULT_BETA_END = 0.05;

/** numpy's `linspace(start, stop, num)` (endpoint included, last value exactly `stop`). */
export function linspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  out[num - 1] = stop;
  return out;
}

function checkRange(kind: string, steps: number, betaStart: number, betaEnd: number): void {
  if (!Number.isSafeInteger(steps) || steps < 1 || steps > MAX_SCHEDULE_STEPS) {
    throw new ConfigError(
      'E_SCHEDULE_INVALID',
      `A ${kind} schedule needs 1..${MAX_SCHEDULE_STEPS} steps, got ${steps}.`,
    );
  }
  if (!(betaStart > 0 && betaEnd < 1 && betaStart <= betaEnd)) {
    throw new ConfigError(
      'E_SCHEDULE_INVALID',
      `A ${kind} schedule needs 0 < betaStart <= betaEnd < 1, got betaStart ${betaStart} and betaEnd ${betaEnd}.`,
    );
  }
}

/** `linspace(betaStart, betaEnd, steps)`. */
export function linearBetas(
  steps: number,
  betaStart = DEFAULT_BETA_START,
  betaEnd = DEFAULT_BETA_END,
): readonly number[] {
  checkRange('linear', steps, betaStart, betaEnd);
  return validateBetas(linspace(betaStart, betaEnd, steps), 'linear schedule');
}

/** `linspace(sqrt(betaStart), sqrt(betaEnd), steps) ** 2`. */
export function quadraticBetas(
  steps: number,
  betaStart = DEFAULT_BETA_START,
  betaEnd = DEFAULT_BETA_END,
): readonly number[] {
  checkRange('quadratic', steps, betaStart, betaEnd);
  return validateBetas(
    linspace(Math.sqrt(betaStart), Math.sqrt(betaEnd), steps).map((x) => x * x),
    'quadratic schedule',
  );
}

/** `sigmoid(linspace(-6, 6, steps)) * (betaEnd - betaStart) + betaStart`. */
export function sigmoidBetas(
  steps: number,
  betaStart = DEFAULT_BETA_START,
  betaEnd = DEFAULT_BETA_END,
): readonly number[] {
  checkRange('sigmoid', steps, betaStart, betaEnd);
  return validateBetas(
    linspace(-6, 6, steps).map((x) => (1 / (1 + Math.exp(-x))) * (betaEnd - betaStart) + betaStart),
    'sigmoid schedule',
  );
}

/** The cosine schedule of Nichol & Dhariwal with offset `s` (0.008) and betas capped at `maxBeta` (0.999). */
export function cosineBetas(steps: number, s = 0.008, maxBeta = 0.999): readonly number[] {
  checkRange('cosine', steps, 0.5, 0.5);
  if (!(s >= 0 && s < 1) || !(maxBeta > 0 && maxBeta < 1)) {
    throw new ConfigError(
      'E_SCHEDULE_INVALID',
      `A cosine schedule needs 0 <= s < 1 and 0 < maxBeta < 1, got s ${s}, maxBeta ${maxBeta}.`,
    );
  }
  const f = (i: number) => Math.cos(((i / steps + s) / (1 + s)) * (Math.PI / 2)) ** 2;
  const betas = Array.from({ length: steps }, (_, i) => Math.min(1 - f(i + 1) / f(i), maxBeta));
  return validateBetas(betas, 'cosine schedule');
}
