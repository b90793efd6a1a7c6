/**
 * The generator's narrow end on native kernels. onnxruntime's convolutions run the wide stages near
 * the CPU's peak but the narrow ones (V2's 16- and 8-channel stages: about half of its time) at
 * roughly 60 % of it, and the 8-channel one only time-folded with half its work wasted. Where the
 * backend offers native kernels (`Backend.nativeKernels`, e.g. @voirs/native's AVX-512 ones in
 * Node), the vocoder runs the graph up to the first narrow stage (`stages` in graph.ts) and the
 * rest as a native conv stack (conv-stack.ts in @voirs/core): same layers, same weights, same
 * zero padding; only the order of float additions differs.
 */
import type { ConvStackConv, ConvStackSpec } from '@voirs/core';
import { stageChannels, type HifiganConfig } from './config.js';
import { FINAL_LRELU_SLOPE, LRELU_SLOPE, scaled } from './graph.js';
import { hasPolyphaseForm, polyphaseConv } from './polyphase.js';
import { convReach, reachFromStage } from './receptive-field.js';
import type { ConvWeights, HifiganWeights } from './weights.js';

/**
 * A generator runs natively from its first stage with at most NATIVE_MAX_CHANNELS channels, when
 * its last stage has at most NATIVE_NARROW_CHANNELS: onnxruntime runs 16- and 8-channel layers at
 * about 60 % of the CPU's peak, the native kernels near it, and on 32 channels they are about
 * even, so V2 (stages of 64, 32, 16, 8 channels) runs stages 1-3 natively while V1 and V3 (narrowest
 * 32 channels) stay in onnxruntime. Measured (V2, 10 s of mel, 2 threads, AVX-512; V1 3 s): V2
 * 0.0188 -> 0.0133 with stages 1-3 native, 0.0164 with 2-3, 0.0144 with all; V1 0.197 -> 0.201
 * with its last stage native, 0.204 with the last two (packages/hifigan/README.md).
 */
export const NATIVE_MAX_CHANNELS = 32;
/** See {@link NATIVE_MAX_CHANNELS}. */
export const NATIVE_NARROW_CHANNELS = 16;

/**
 * The first stage of the native conv stack (see {@link NATIVE_MAX_CHANNELS}; every stage from it
 * on needs an upsampler with an exact polyphase form), or undefined when none runs natively.
 */
export function nativeStageFrom(config: HifiganConfig): number | undefined {
  const stages = config.upsampleRates.length;
  if (stageChannels(config, stages - 1) > NATIVE_NARROW_CHANNELS) return undefined;
  let from = stages;
  while (from > 0 && stageChannels(config, from - 1) <= NATIVE_MAX_CHANNELS) from--;
  for (let s = from; s < stages; s++) {
    const u = config.upsampleRates[s]!;
    const k = config.upsampleKernelSizes[s]!;
    if (!hasPolyphaseForm(k, u, Math.floor((k - u) / 2))) return undefined;
  }
  return from;
}

/** A stride-1 convolution of the stack, centred ("same" padding) with dilation `d`. */
const centred = (w: ConvWeights, dilation = 1): ConvStackConv => ({
  weight: w.weight,
  bias: w.bias,
  outChannels: w.dims[0],
  inChannels: w.dims[1],
  kernel: w.dims[2],
  dilation,
  padLeft: convReach(w.dims[2], dilation),
  padRight: convReach(w.dims[2], dilation),
});

/**
 * The conv stack running stages `from`.. and conv_post. Its input is the graph's `features` output
 * (graph.ts, `stages: from`): the previous stage's sum of blocks, whose 1 / n_blocks mean is
 * folded into the first upsampler here (as graph.ts folds it).
 */
export function convStackSpec(
  config: HifiganConfig,
  weights: HifiganWeights,
  from: number,
): ConvStackSpec {
  const kernels = config.resblockKernelSizes.length;
  const stages = config.upsampleRates.slice(from).map((u, n) => {
    const stage = from + n;
    const k = config.upsampleKernelSizes[stage]!;
    const up = scaled(weights.ups[stage]!, stage === 0 ? 1 : 1 / kernels, weights.meanFolded);
    const poly = polyphaseConv(up, u, Math.floor((k - u) / 2));
    if (poly === undefined) throw new Error(`stage ${stage} has no polyphase form`); // see nativeStageFrom
    const { conv, pads } = poly;
    return {
      slope: LRELU_SLOPE,
      stride: u,
      channels: poly.channels,
      upsample: {
        ...centred(conv),
        padLeft: pads[0],
        padRight: pads[1],
      },
      blockSlope: LRELU_SLOPE,
      blocks: config.resblockKernelSizes.map((_, j) =>
        weights.resblocks[stage * kernels + j]!.map((pair, step) => {
          const d = config.resblockDilationSizes[j]![step]!;
          return config.resblock === '1'
            ? [centred(pair[0]!, d), centred(pair[1]!)]
            : [centred(pair[0]!, d)];
        }),
      ),
    };
  });
  const { left, right } = reachFromStage(config, from);
  return {
    inChannels: weights.ups[from]!.dims[0],
    stages,
    postSlope: FINAL_LRELU_SLOPE,
    post: centred(scaled(weights.convPost, 1 / kernels, weights.meanFolded)),
    // rounded up, plus one sample of margin
    halo: Math.ceil(Math.max(left, right)) + 1,
  };
}
