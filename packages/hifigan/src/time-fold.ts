/**
 * Time folding: the last stage of a generator with fewer channels than a block of the CPU's NCHWc
 * kernels (V2: 8 channels, AVX-512: blocks of 16) runs on `factor` time segments stacked as
 * channels, so its convolutions fill whole blocks.
 *
 * A layer with 8 channels on AVX-512 either runs as a plain 1-D convolution (im2col + a GEMM with 8
 * rows, about 36 GFLOPS on the 2-core machine of apps/bench) or is padded to 16 channels (4x the
 * multiply-adds). Cutting the signal [B, C, 1, T] into
 * `factor` overlapping windows and stacking them as channels gives [B, factor * C, 1, W]; every
 * convolution then uses the block-diagonal weight diag(W, …, W), which treats each window
 * independently at `factor`x the multiply-adds (instead of 4x) in the fast kernels. Each window
 * carries `halo` samples of context beyond the part it keeps (the reach of the stage's residual
 * blocks and conv_post), so the zero padding at a window's inner edge never reaches a kept sample
 * and the unfolded result equals the unfolded graph's exactly (up to float rounding order).
 *
 * Windows: W = L + 2 * halo with L = ceil(T / factor); window i starts at 0 (i = 0), T - W (the
 * last) or i * L - halo clamped to [0, T - W] (between; a clamped window meets the signal's own
 * edge on that side) and keeps samples [i * L, min((i + 1) * L, T)). That needs T >= W for every
 * input; T - ceil(T / factor) grows with T, so {@link planTimeFold} checks the shortest input (one
 * frame).
 */
import type { GraphBuilder, Value } from '@voirs/onnx';
import type { HifiganConfig } from './config.js';
import { convReach, resblockReach } from './receptive-field.js';
import type { ConvWeights } from './weights.js';

/** How the last stage is folded. */
export interface TimeFold {
  /** Number of windows stacked as channels. */
  readonly factor: number;
  /** Context samples each window carries beyond what it keeps, on each inner side. */
  readonly halo: number;
}

/**
 * The fold of the last stage, or undefined when it does not apply: the last stage already has a
 * whole block of channels, the channel count does not divide a block, or a one-frame input is too
 * short for the windows.
 */
export function planTimeFold(config: HifiganConfig, block: number): TimeFold | undefined {
  const stages = config.upsampleRates.length;
  const channels = config.upsampleInitialChannel >> stages;
  if (channels < 1 || channels >= block || block % channels !== 0) return undefined;
  const factor = block / channels;
  const halo = Math.ceil(resblockReach(config) + convReach(7)); // the stage's blocks, then conv_post
  const samplesPerFrame = config.upsampleRates.reduce((a, b) => a * b, 1);
  // one frame's samples must hold a window: T >= W, i.e. T - ceil(T / factor) >= 2 * halo
  const shortest = samplesPerFrame;
  const fits = shortest - Math.ceil(shortest / factor) >= 2 * halo;
  return fits ? { factor, halo } : undefined;
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

/** The windows of one input: its length T, L, W and each window's start (int64 [1] values). */
export interface FoldedWindows {
  readonly total: Value;
  readonly part: Value;
  readonly width: Value;
  readonly starts: readonly Value[];
}

/**
 * [B, C, 1, T] -> [B, factor * C, 1, W]: the overlapping windows stacked as channels, and the
 * windows for {@link unfoldTime}.
 */
export function foldTime(
  g: GraphBuilder,
  x: Value,
  fold: TimeFold,
): { folded: Value; windows: FoldedWindows } {
  const total = g.shape(x, { start: 3, end: 4 }); // [T], int64
  const part = g.div(g.add(total, fold.factor - 1), fold.factor); // L = ceil(T / factor)
  const width = g.add(part, 2 * fold.halo); // W
  const last = g.sub(total, width); // the last window's start, T - W
  const starts: Value[] = [];
  for (let i = 0; i < fold.factor; i++) {
    if (i === 0) starts.push(g.mul(part, 0));
    else if (i === fold.factor - 1) starts.push(last);
    else {
      // i * L - halo, kept inside [0, T - W] (a window that keeps fewer samples than its halo)
      const start = g.op(
        'Max',
        [g.sub(g.mul(part, i), fold.halo), g.mul(part, 0)],
        {},
        {
          dtypes: ['int64'],
        },
      )[0]!;
      starts.push(g.op('Min', [start, last], {}, { dtypes: ['int64'] })[0]!);
    }
  }
  const parts = starts.map((start) =>
    g.slice(x, { starts: start, ends: g.add(start, width), axes: [3] }),
  );
  return { folded: g.concat(parts, 1), windows: { total, part, width, starts } };
}

/** [B, factor * C, 1, W] -> [B, C, 1, T]: each window's kept samples, back in time order. */
export function unfoldTime(
  g: GraphBuilder,
  y: Value,
  { total, part, starts }: FoldedWindows,
  fold: TimeFold,
): Value {
  const channels = g.split(y, fold.factor, 1);
  const kept = channels.map((c, i) => {
    const keepFrom = g.mul(part, i); // in the signal
    const keepTo = i === fold.factor - 1 ? total : g.mul(part, i + 1);
    const from = g.sub(keepFrom, starts[i]!); // in the window
    return g.slice(c, { starts: from, ends: g.add(from, g.sub(keepTo, keepFrom)), axes: [3] });
  });
  return g.concat(kept, 3);
}
