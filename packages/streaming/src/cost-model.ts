/**
 * A vocoder's compute cost per window, measured: `ms = fixedMs + perFrameMs * windowFrames`,
 * fitted by least squares to the median times of a few window sizes.
 */
import {
  ConfigError,
  createMel,
  throwIfAborted,
  type MelConvention,
  type MelSpectrogram,
  type Vocoder,
} from '@voirs/core';
import { assertVocoder, type WindowSynthesisConfig } from './stream-options.js';

/** A measured linear cost model. */
export interface CostModel {
  /** Per-call overhead in milliseconds. */
  readonly fixedMs: number;
  /** Milliseconds per mel frame of window. */
  readonly perFrameMs: number;
  /** The measurements it was fitted to: window size and median time. */
  readonly samples: readonly { readonly frames: number; readonly ms: number }[];
}

/** Options of {@link calibrateCost}. */
export interface CalibrateOptions {
  /** Window sizes to time (at least two distinct ones); default three sizes from the receptive field. */
  readonly frames?: readonly number[];
  /** Timed runs per size after one untimed warm-up run (default 3). */
  readonly repeats?: number;
  /** Settings passed to `vocode()` (quality, seed…), as the stream will use them. */
  readonly synthesis?: WindowSynthesisConfig;
  readonly signal?: AbortSignal;
}

/** Predicted milliseconds to vocode a window of `frames` frames. */
export function predictMs(cost: CostModel, frames: number): number {
  return cost.fixedMs + cost.perFrameMs * frames;
}

/** A neutral mel of `convention` (quiet, slowly varying), for timing runs. */
export function calibrationMel(convention: MelConvention, frames: number): MelSpectrogram {
  const data = new Float32Array(convention.nMels * frames);
  const { log, normalization } = convention;
  const level = (x: number) =>
    normalization === 'none'
      ? log.scale * (log.base === 'e' ? Math.log(x) : Math.log10(x))
      : Math.min(1, Math.max(0, 0.4 + x));
  for (let m = 0; m < convention.nMels; m++) {
    for (let t = 0; t < frames; t++)
      data[m * frames + t] = level(0.01 + 0.005 * Math.sin(0.3 * t + m));
  }
  return createMel(data, convention.nMels, convention);
}

/** Least-squares line through `(frames, ms)` points, with both coefficients kept non-negative. */
export function fitCost(
  samples: readonly { readonly frames: number; readonly ms: number }[],
): CostModel {
  const n = samples.length;
  const mx = samples.reduce((s, p) => s + p.frames, 0) / n;
  const my = samples.reduce((s, p) => s + p.ms, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of samples) {
    sxy += (p.frames - mx) * (p.ms - my);
    sxx += (p.frames - mx) ** 2;
  }
  if (n < 2 || sxx === 0) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      'A cost model needs timings of at least two different window sizes.',
    );
  }
  let perFrameMs = Math.max(0, sxy / sxx);
  let fixedMs = my - perFrameMs * mx;
  if (fixedMs < 0) {
    // a line through the origin fits better than a negative overhead
    fixedMs = 0;
    perFrameMs =
      samples.reduce((s, p) => s + p.frames * p.ms, 0) /
      samples.reduce((s, p) => s + p.frames ** 2, 0);
  }
  return { fixedMs, perFrameMs, samples: samples.map((p) => ({ ...p })) };
}

/**
 * Times `vocoder.vocode()` on windows of a few sizes and fits a {@link CostModel}. Each size runs
 * once untimed first (runtimes such as onnxruntime prepare per input shape), then `repeats` times;
 * the median counts.
 */
export async function calibrateCost(
  vocoder: Vocoder,
  options: CalibrateOptions = {},
): Promise<CostModel> {
  assertVocoder(vocoder);
  const { leftFrames, rightFrames } = vocoder.metadata.receptiveField;
  const base = leftFrames + rightFrames + 16;
  const sizes = options.frames ?? [base, 2 * base, 4 * base];
  const repeats = options.repeats ?? 3;
  if (!Array.isArray(sizes) || sizes.some((f) => !Number.isInteger(f) || f < 1)) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      'Calibration window sizes must be positive integers.',
    );
  }
  if (!Number.isInteger(repeats) || repeats < 1)
    throw new ConfigError('E_INVALID_ARGUMENT', 'repeats must be a positive integer.');
  const samples: { frames: number; ms: number }[] = [];
  for (const frames of sizes) {
    const mel = calibrationMel(vocoder.metadata.convention, frames);
    const config = { ...options.synthesis, signal: options.signal };
    await vocoder.vocode(mel, config);
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      throwIfAborted(options.signal);
      const started = performance.now();
      await vocoder.vocode(mel, config);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    samples.push({ frames, ms: times[Math.floor(times.length / 2)]! });
  }
  return fitCost(samples);
}
