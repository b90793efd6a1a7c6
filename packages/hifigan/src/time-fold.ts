/**
 * Time folding: the last stage of a generator with fewer channels than a block of the CPU's NCHWc
 * kernels (V2: 8 channels, AVX-512: blocks of 16) runs on `count` time segments stacked as
 * channels, so its convolutions fill whole blocks.
 *
 * A layer with 8 channels on AVX-512 either runs as a plain 1-D convolution (im2col + a GEMM with 8
 * rows, about 36 GFLOPS on the 2-core machine of apps/bench) or is padded to 16 channels (4x the
 * multiply-adds). Cutting the signal [B, C, 1, T] into
 * `count` overlapping windows and stacking them as channels gives [B, count * C, 1, W]; every
 * convolution then uses the block-diagonal weight diag(W, …, W), which treats each window
 * independently at `count`x the multiply-adds (instead of 4x) in the fast kernels. Each window
 * carries `halo` samples of context beyond the part it keeps (the reach of the stage's residual
 * blocks and conv_post), so the zero padding at a window's inner edge never reaches a kept sample
 * and the unfolded result equals the unfolded graph's exactly (up to float rounding order).
 *
 * The windows are those of windows.ts (stacked along the channel axis); {@link planTimeFold} keeps
 * the fold to generators whose shortest input (one frame) is long enough for them, where folding
 * pays.
 */
import type { HifiganConfig } from './config.js';
import { convReach, resblockReach } from './receptive-field.js';
import type { ConvWeights } from './weights.js';
import type { Windowing } from './windows.js';

/** How the last stage is folded: `count` windows (the fold factor) stacked as channels. */
export type TimeFold = Windowing;

/**
 * The fold of the last stage, or undefined when it does not apply: the last stage already has a
 * whole block of channels, the channel count does not divide a block, or a one-frame input is too
 * short for the windows.
 */
export function planTimeFold(config: HifiganConfig, block: number): TimeFold | undefined {
  const stages = config.upsampleRates.length;
  const channels = config.upsampleInitialChannel >> stages;
  if (channels < 1 || channels >= block || block % channels !== 0) return undefined;
  const count = block / channels;
  const halo = Math.ceil(resblockReach(config) + convReach(7)); // the stage's blocks, then conv_post
  const samplesPerFrame = config.upsampleRates.reduce((a, b) => a * b, 1);
  // one frame's samples must hold whole windows (W < T), or every window is the whole signal
  const shortest = samplesPerFrame;
  const width = Math.ceil(shortest / count) + (count === 2 ? halo : 2 * halo);
  return width < shortest ? { count, halo } : undefined;
}

/** A convolution's weights for `factor` stacked windows: block-diagonal, bias repeated. */
export function blockDiagonal(w: ConvWeights, factor: number): ConvWeights {
  const [out, inp, k] = w.dims;
  const weight = new Float32Array(factor * out * factor * inp * k);
  for (let f = 0; f < factor; f++)
    for (let o = 0; o < out; o++)
      for (let i = 0; i < inp; i++) {
        const from = (o * inp + i) * k;
        const to = ((f * out + o) * factor * inp + f * inp + i) * k;
        weight.set(w.weight.subarray(from, from + k), to);
      }
  const bias = new Float32Array(factor * out);
  for (let f = 0; f < factor; f++) bias.set(w.bias, f * out);
  return { weight, bias, dims: [factor * out, factor * inp, k] };
}
