/**
 * HiFi-GAN's vocoder-specific synthesis options (`SynthesisConfig.options`).
 */
import * as v from 'valibot';
import { parseWith } from '@voirs/core';

export const HifiganOptionsSchema = v.strictObject({
  /**
   * Long mels are cut into this many chunks (with receptive-field context) run as one batch, so
   * each session thread works on whole chunks; the result equals the unchunked output. Default: the
   * session's intra-op thread count; 1 disables it.
   */
  parallelChunks: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64))),
});
export type HifiganOptions = v.InferOutput<typeof HifiganOptionsSchema>;

/** Validates `options`, naming unknown or bad keys (`E_CONFIG_INVALID`). */
export const parseHifiganOptions = (options: unknown): HifiganOptions =>
  parseWith(HifiganOptionsSchema, options, 'hifigan options');
