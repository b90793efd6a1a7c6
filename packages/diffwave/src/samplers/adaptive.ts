/**
 * The adaptive sampler: DDIM (see ddim.ts) that stops as soon as its clean-signal estimates have
 * converged.
 *
 * Criterion: after step k >= max(2, minSteps), with x0_k the clipped clean-signal estimate of
 * step k, stop when
 *
 *   ||x0_k - x0_{k-1}||_2 / max(||x0_k||_2, 1e-8) < tolerance
 *
 * (relative RMS change of the whole estimate; the default tolerance 0.01 is a change 40 dB below
 * the signal) and return x0_k. Otherwise it runs every planned step, like DDIM.
 */
import type { NoiseLevel } from '../schedule/noise-levels.js';
import { sampleDdim, type EarlyStop } from './ddim.js';
import type { SampleResult, SamplerRun } from './sampler-run.js';

/** Default relative change below which the adaptive sampler stops. */
export const DEFAULT_TOLERANCE = 0.01;
/** Default minimum number of steps before the adaptive sampler may stop. */
export const DEFAULT_MIN_STEPS = 2;

/** Options of {@link sampleAdaptive}. */
export interface AdaptiveOptions {
  readonly eta: number;
  /** Stop when the relative change falls below this (> 0). */
  readonly tolerance: number;
  /** Never stop before this many steps. */
  readonly minSteps: number;
}

/** `||a - b|| / max(||a||, 1e-8)`, accumulated in float64. */
export function relativeChange(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    diff += d * d;
    norm += a[i]! * a[i]!;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-8);
}

/** The documented convergence test as an {@link EarlyStop}. */
export function convergence(tolerance: number, minSteps: number): EarlyStop {
  return {
    shouldStop: (x0, previous, k) => k >= minSteps && relativeChange(x0, previous) < tolerance,
  };
}

/** Runs DDIM over `levels`, stopping early on convergence; see the module comment. */
export function sampleAdaptive(
  levels: readonly NoiseLevel[],
  options: AdaptiveOptions,
  run: SamplerRun,
): Promise<SampleResult> {
  return sampleDdim(
    levels,
    { eta: options.eta, earlyStop: convergence(options.tolerance, options.minSteps) },
    run,
  );
}
