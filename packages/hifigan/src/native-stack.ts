/**
 * The generator after conv_pre on native kernels. Where the backend offers them
 * (`Backend.nativeKernels`, e.g. @voirs/native's AVX-512 ones in Node), the vocoder runs the graph
 * up to the first native stage (`stages` in graph.ts) and the rest as a native conv stack
 * (conv-stack.ts in @voirs/core): same layers, same weights, same zero padding; only the order of
 * float additions differs (and, in Winograd form, the rounding of the products).
 *
 * Why: onnxruntime runs the wide stages' convolutions near the CPU's peak (about 165 GFLOPS per
 * thread here) and the narrow ones (8 to 16 channels) at about 60 % of it; that is its limit with
 * direct convolutions. The native kernels run narrow stages directly near the peak, and stages
 * whose channels are a multiple of 32 channels last in Winograd form, with about half the
 * multiplications (k = 11: 5.25 per output and channel pair instead of 11): 180-230 GFLOPS of
 * direct-convolution work per thread on 32 to 256 channels.
 */
import type { ConvStackConv, ConvStackSpec } from '@voirs/core';
import { stageChannels, type HifiganConfig } from './config.js';
import { FINAL_LRELU_SLOPE, LRELU_SLOPE, scaled } from './graph.js';
import { hasPolyphaseForm, polyphaseConv } from './polyphase.js';
import { convReach, reachFromStage } from './receptive-field.js';
import type { ConvWeights, HifiganWeights } from './weights.js';

/** Stages of at most this many channels run natively with the direct kernels. */
export const NATIVE_MAX_CHANNELS = 32;
/**
 * Stages whose channels are a multiple of this run natively in Winograd form, when every residual
 * kernel has NATIVE_WINOGRAD_KERNELS taps (@voirs/native's winogradSuits).
 */
export const NATIVE_WINOGRAD_CHANNELS = 32;
/** See {@link NATIVE_WINOGRAD_CHANNELS}. */
export const NATIVE_WINOGRAD_KERNELS = { min: 3, max: 16 } as const;

/** Whether stage `stage` runs at least as fast natively (see the file comment). */
function nativeSuits(config: HifiganConfig, stage: number): boolean {
  const channels = stageChannels(config, stage);
  const u = config.upsampleRates[stage]!;
  const k = config.upsampleKernelSizes[stage]!;
  if (!hasPolyphaseForm(k, u, Math.floor((k - u) / 2))) return false;
  const { min, max } = NATIVE_WINOGRAD_KERNELS;
  const winograd =
    channels % NATIVE_WINOGRAD_CHANNELS === 0 &&
    config.resblockKernelSizes.every((size) => size >= min && size <= max);
  return channels <= NATIVE_MAX_CHANNELS || winograd;
}

/**
 * The first stage may run natively only from this one on (when the generator has more stages):
 * onnxruntime's intra-op threads split the first stage well at any length, while the conv stack's
 * time windows each need the rest of the receptive field as context, which short inputs
 * (streaming chunks) cannot spare. Measured (V2, 2 threads, `voirs-vocoder bench`): 0.37 s of mel
 * 0.0235 with stage 0 in onnxruntime against 0.0298 with it native, 0.74 s 0.0162 against 0.0221;
 * 10 s 0.0124-0.0128 against 0.0116-0.0118; V1 (3 s) 0.143 against 0.146.
 */
export const NATIVE_FIRST_STAGE = 1;

/**
 * The first stage of the native conv stack: every stage from it on suits the native kernels (an
 * upsampler with an exact polyphase form; at most NATIVE_MAX_CHANNELS channels or a Winograd
 * form), and it is at least NATIVE_FIRST_STAGE; undefined when the last stage does not suit them.
 * Measured (2 threads, AVX-512, `voirs-vocoder bench`; V1 and V3 random weights): V1 (3 s) 0.181
 * in onnxruntime -> 0.143 with stages 1-3 native (0.175 with 2-3); V2 (10 s) 0.0141 with stages
 * 1-3 on the direct kernels -> 0.0124-0.0128 with stage 1 in Winograd form; V3 (10 s)
 * 0.0232-0.0236 -> 0.0192-0.0202 with stages 0-2 (in 3 s runs stages 1-2 were as fast).
 */
export function nativeStageFrom(config: HifiganConfig): number | undefined {
  const stages = config.upsampleRates.length;
  let from = stages;
  while (from > 0 && nativeSuits(config, from - 1)) from--;
  if (from >= stages) return undefined;
  return Math.max(from, Math.min(NATIVE_FIRST_STAGE, stages - 1));
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
