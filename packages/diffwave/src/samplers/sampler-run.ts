/**
 * What every sampler needs: the bound denoiser, a noise source, cancellation and progress.
 */
import type { NoiseSource } from '../noise-source.js';

/**
 * Predicts the noise in `x` at (possibly fractional) training step `step`: the DiffWave network
 * with its conditioning mel bound. Must not keep or modify `x`.
 */
export type Denoiser = (x: Float32Array, step: number) => Promise<Float32Array>;

/** One sampling run. */
export interface SamplerRun {
  readonly denoise: Denoiser;
  /** Row 0 is x_T; row k the noise added after step k (see noise-source.ts). */
  readonly noise: NoiseSource;
  /** Checked before every step. */
  readonly signal?: AbortSignal;
  /** Called after each step with the steps done and the steps planned. */
  readonly onStep?: (done: number, planned: number) => void;
}

/** What a sampler returns. */
export interface SampleResult {
  /** The waveform, every sample in [-1, 1]. */
  readonly audio: Float32Array;
  /** Network evaluations made (fewer than planned when the adaptive sampler stopped early). */
  readonly steps: number;
}

/** `Math.fround`, named for what it does here: round as a float32 tensor operation would. */
export const f32 = Math.fround;
