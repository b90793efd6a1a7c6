/**
 * How many mel frames of context a HiFi-GAN generator's output depends on, derived from its
 * configuration. Streaming feeds each chunk this much left and right context, so chunked output
 * equals offline output (the zero padding at a window's edge never reaches the kept samples).
 */
import type { ReceptiveField } from '@voirs/core';
import { type HifiganConfig } from './config.js';

/** Reach of a stride-1 conv of kernel k and dilation d, in samples on each side. */
export const convReach = (k: number, d = 1) => ((k - 1) / 2) * d;

/** Reach of one residual block (the largest over the stage's kernels), in samples at its rate. */
export function resblockReach(config: HifiganConfig): number {
  return Math.max(
    ...config.resblockKernelSizes.map((k, j) =>
      config.resblockDilationSizes[j]!.reduce(
        (sum, d) => sum + convReach(k, d) + (config.resblock === '1' ? convReach(k) : 0),
        0,
      ),
    ),
  );
}

/**
 * How far the generator reaches from its first upsampler on (everything after conv_pre, through
 * conv_post), in frames on each side, not rounded; `before` is the reach of the layers ahead of it
 * (added first, so the sums round the same way).
 */
export function reachAfterConvPre(
  config: HifiganConfig,
  before = 0,
): { left: number; right: number } {
  return reachFromStage(config, 0, before);
}

/**
 * How far the generator reaches from upsampling stage `stage` on (its upsampler through
 * conv_post), in samples of that stage's input on each side, not rounded; `before` as for
 * {@link reachAfterConvPre}.
 */
export function reachFromStage(
  config: HifiganConfig,
  stage: number,
  before = 0,
): { left: number; right: number } {
  const block = resblockReach(config);
  let left = before;
  let right = before;
  let rate = 1; // samples per input sample of `stage` at the current layer's input
  config.upsampleRates.slice(stage).forEach((u, n) => {
    const k = config.upsampleKernelSizes[stage + n]!;
    const p = Math.floor((k - u) / 2);
    // transposed conv: output t reads inputs in [(t + p - k + 1) / u, (t + p) / u], +1 input sample of rounding
    left += (k - 1 - p) / (u * rate) + 1 / rate;
    right += p / (u * rate) + 1 / rate;
    rate *= u;
    left += block / rate;
    right += block / rate;
  });
  return { left: left + convReach(7) / rate, right: right + convReach(7) / rate }; // conv_post
}

/** The receptive field in frames, rounded up, plus one frame of margin on each side. */
export function receptiveField(config: HifiganConfig): ReceptiveField {
  const { left, right } = reachAfterConvPre(config, convReach(7)); // conv_pre at the frame rate
  return { leftFrames: Math.ceil(left) + 1, rightFrames: Math.ceil(right) + 1, exact: true };
}
