/**
 * DDIM (Song, Meng & Ermon 2021) on DiffWave's noise levels, with the clean-signal estimate
 * clipped to the audio range:
 *
 *   x = x_T (noise row 0)
 *   for n = S-1 .. 0 (the k-th step taken is n = S-k), a = alpha_bar_n, a' = alpha_bar_{n-1} (1 for n = 0):
 *     eps = eps(x, step_n)
 *     x0  = clamp((x - sqrt(1 - a) * eps) / sqrt(a), -1, 1)
 *     if n = 0: return x0
 *     sigma = eta * sqrt((1 - a') / (1 - a)) * sqrt(1 - a / a')
 *     x = sqrt(a') * x0 + sqrt(max(1 - a' - sigma^2, 0)) * eps + sigma * z   (z = noise row k, only when sigma > 0)
 *
 * eta = 0 is deterministic given x_T (one noise row); eta = 1 has DDPM's posterior variance. The
 * model's eps is used as predicted (it is not recomputed from the clipped x0). Arithmetic rounds
 * to float32 per operation, as PyTorch on float32 tensors.
 */
import { throwIfAborted } from '@voirs/core';
import type { NoiseLevel } from '../schedule/noise-levels.js';
import { f32, type SampleResult, type SamplerRun } from './sampler-run.js';

/** Early stopping of {@link sampleDdim} (the adaptive sampler). */
export interface EarlyStop {
  /**
   * Decides after step `k` whether to stop with the clean-signal estimate `x0`, given the previous
   * step's estimate.
   */
  shouldStop(x0: Float32Array, previous: Float32Array, k: number): boolean;
}

/** Options of {@link sampleDdim}. */
export interface DdimOptions {
  /** Stochasticity in [0, 1]: 0 deterministic DDIM, 1 DDPM-like. */
  readonly eta: number;
  readonly earlyStop?: EarlyStop;
}

/** Noise rows DDIM uses: x_T, plus one per step but the last when eta > 0. */
export const ddimNoiseRows = (levels: readonly NoiseLevel[], eta: number): number =>
  eta > 0 ? levels.length : 1;

/** Runs DDIM over `levels` (index 0 least noisy); see the module comment. */
export async function sampleDdim(
  levels: readonly NoiseLevel[],
  options: DdimOptions,
  run: SamplerRun,
): Promise<SampleResult> {
  const total = levels.length;
  if (total < 1) throw new RangeError('sampleDdim needs at least one noise level');
  const x = run.noise.row(0);
  let x0 = new Float32Array(x.length);
  let previous = new Float32Array(x.length);
  for (let k = 1; ; k++) {
    throwIfAborted(run.signal);
    const n = total - k;
    const { alphaCum: a, step } = levels[n]!;
    const eps = await run.denoise(x, step);
    [previous, x0] = [x0, previous];
    const noiseScale = f32(Math.sqrt(1 - a));
    const signalScale = f32(Math.sqrt(a));
    for (let i = 0; i < x.length; i++) {
      x0[i] = Math.min(1, Math.max(-1, f32(f32(x[i]! - f32(noiseScale * eps[i]!)) / signalScale)));
    }
    run.onStep?.(k, total);
    if (n === 0 || (k > 1 && options.earlyStop?.shouldStop(x0, previous, k)))
      return { audio: x0, steps: k };
    const aPrev = levels[n - 1]!.alphaCum;
    const sigma = options.eta * Math.sqrt((1 - aPrev) / (1 - a)) * Math.sqrt(1 - a / aPrev);
    const keep = f32(Math.sqrt(aPrev));
    const direction = f32(Math.sqrt(Math.max(1 - aPrev - sigma * sigma, 0)));
    for (let i = 0; i < x.length; i++) x[i] = f32(f32(keep * x0[i]!) + f32(direction * eps[i]!));
    if (sigma > 0) {
      const z = run.noise.row(k);
      const s = f32(sigma);
      for (let i = 0; i < x.length; i++) x[i] = f32(x[i]! + f32(s * z[i]!));
    }
  }
}
