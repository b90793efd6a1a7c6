/**
 * The per-call options of the WaveGlow vocoder (`config.options`), validated with valibot.
 */
import * as v from 'valibot';
import { parseWith } from '@voirs/core';
import type { NoiseArray } from './noise.js';

/** Default sigma: the value NVIDIA's inference examples use (their code's default is 1.0). */
export const DEFAULT_SIGMA = 0.6;

const isNoiseArray = (x: unknown): x is NoiseArray =>
  x !== null &&
  typeof x === 'object' &&
  (x as NoiseArray).data instanceof Float32Array &&
  Array.isArray((x as NoiseArray).shape) &&
  (x as NoiseArray).shape.every((d) => Number.isSafeInteger(d) && d >= 0);

const strength = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(10));

/** `config.options` of the WaveGlow vocoder. */
export const WaveglowOptionsSchema = v.strictObject({
  /** Standard deviation of z (0: deterministic). Default 0.6. */
  sigma: v.optional(strength, DEFAULT_SIGMA),
  /** Denoiser strength (NVIDIA's bias-spectrum removal; 0.1 is typical). Default 0: off. */
  denoise: v.optional(strength, 0),
  /** Explicit standard normal noise in the documented layout, instead of seeded noise. */
  noise: v.optional(
    v.custom<NoiseArray>(
      isNoiseArray,
      'expected { data: Float32Array, shape: number[] } (float32 [n_group, steps])',
    ),
  ),
});

/** `config.options` as callers write them. */
export type WaveglowSynthesisOptions = v.InferInput<typeof WaveglowOptionsSchema>;
/** Validated options with defaults. */
export type ResolvedWaveglowOptions = v.InferOutput<typeof WaveglowOptionsSchema>;

/**
 * Validates `config.options`.
 * @throws ConfigError `E_CONFIG_INVALID` naming every bad or unknown key.
 */
export function parseWaveglowOptions(options: unknown): ResolvedWaveglowOptions {
  return parseWith(WaveglowOptionsSchema, options, 'waveglow options');
}
