/**
 * Ancestral DDPM sampling exactly as the official DiffWave `inference.py` runs it, on any list of
 * noise levels (the full training schedule, the fast schedule, or a custom one):
 *
 *   x = x_T (noise row 0)
 *   for n = S-1 .. 0 (the k-th step taken is n = S-k):
 *     x = (x - beta_n / sqrt(1 - alpha_bar_n) * eps(x, step_n)) / sqrt(1 - beta_n)
 *     if n > 0: x += sqrt((1 - alpha_bar_{n-1}) / (1 - alpha_bar_n) * beta_n) * z   (z = noise row k)
 *     x = clamp(x, -1, 1)
 *
 * The arithmetic rounds to float32 after each operation, with float32 coefficients, as PyTorch
 * computes it on float32 tensors.
 */
import { throwIfAborted } from '@voirs/core';
import type { NoiseLevel } from '../schedule/noise-levels.js';
import { f32, type SampleResult, type SamplerRun } from './sampler-run.js';

/** Noise rows DDPM uses for `levels`: x_T plus one per step but the last. */
export const ddpmNoiseRows = (levels: readonly NoiseLevel[]): number => levels.length;

/** Runs DDPM over `levels` (index 0 least noisy); see the module comment. */
export async function sampleDdpm(
  levels: readonly NoiseLevel[],
  run: SamplerRun,
): Promise<SampleResult> {
  const total = levels.length;
  const x = run.noise.row(0);
  for (let k = 1; k <= total; k++) {
    throwIfAborted(run.signal);
    const n = total - k;
    const { beta, alphaCum, step } = levels[n]!;
    const eps = await run.denoise(x, step);
    const c1 = f32(1 / Math.sqrt(1 - beta));
    const c2 = f32(beta / Math.sqrt(1 - alphaCum));
    for (let i = 0; i < x.length; i++) x[i] = f32(c1 * f32(x[i]! - f32(c2 * eps[i]!)));
    if (n > 0) {
      const sigma = f32(Math.sqrt(((1 - levels[n - 1]!.alphaCum) / (1 - alphaCum)) * beta));
      const z = run.noise.row(k);
      for (let i = 0; i < x.length; i++) x[i] = f32(x[i]! + f32(sigma * z[i]!));
    }
    for (let i = 0; i < x.length; i++) x[i] = Math.min(1, Math.max(-1, x[i]!));
    run.onStep?.(k, total);
  }
  return { audio: x, steps: total };
}
