/**
 * The HiFi-GAN generator as an ONNX graph, built from folded weights.
 *
 * Forward pass (REFERENCE.md): conv_pre -> per stage [leaky_relu(0.1) -> ConvTranspose -> mean of
 * the stage's residual blocks] -> leaky_relu(0.01) -> conv_post -> tanh. Two exact rewrites keep the
 * graph small: the `leaky_relu(x)` that opens every residual block of a stage is computed once and
 * shared, and the mean's `1 / n_blocks` is folded into the next convolution's weights (leaky ReLU
 * is positively homogeneous, so `conv(lrelu(x / n)) = conv_{W/n}(lrelu(x))`).
 *
 * Layout: the 1-D convolutions run as 2-D convolutions over [batch, channels, 1, time] (weights
 * [out, in, 1, k]). The result is identical, and onnxruntime's CPU provider then moves the
 * convolutions to its blocked NCHWc layout with fused activations; layers with very few channels
 * stay 1-D (see BLOCKED_MIN_CHANNELS). This portable form is what converted models store.
 *
 * Blocked form (`channelBlock`, for a backend whose convolutions run in NCHWc blocks of that many
 * channels, see `Backend.convolutionLayout`): four more exact rewrites keep the whole network in
 * the blocked layout. (1) onnxruntime keeps Relu/Sigmoid/Tanh in NCHWc but not LeakyRelu, so every
 * residual stream's leaky ReLU used to leave the layout and re-enter it (two reorders and an
 * addition in the plain layout per convolution pair); it is written as a depthwise 1x1 convolution
 * with unit weights followed by the LeakyRelu, which onnxruntime fuses into one blocked
 * convolution. (2) Each stage's residual stream enters the blocked layout once, through the same
 * unit convolution after the upsampler, so the residual additions stay blocked (those after an
 * undilated pair fuse into the convolution; onnxruntime cannot prove the shapes equal after a
 * dilated one). (3) The upsamplers run as polyphase convolutions (polyphase.ts), blocked and well
 * split over threads, where onnxruntime's ConvTranspose is neither. (4) A last stage with fewer
 * channels than a block (V2: 8) is time-folded (time-fold.ts). For V2 on a 2-core AVX-512 machine
 * this took the kernel time per 10 s of audio from 435 to about 385 ms on one thread and the wall
 * time from about 240 to 200 ms on two (onnxruntime profile, `pnpm --filter @voirs/bench-app
 * profile:hifigan`).
 *
 * int8 graphs (`precision: 'int8'`) mark every activation as a quantisation point (`point`): uint8
 * with a calibrated range between the int8 convolutions, which onnxruntime runs as QLinearConv,
 * QLinearLeakyRelu and QLinearAdd with no float work in between (quantization.ts calibrates them).
 * Stages narrower than INT8_MIN_CHANNELS stay fp32.
 *
 * The `masked` variant serves batches of mels of different lengths: it takes each item's frame
 * count (`lengths`, int64 [batch]) and zeroes every convolution's output past that item's end, so
 * the zero-padded tail of a shorter mel acts exactly like the convolutions' own zero padding and
 * every item equals what it gives alone.
 */
import { ModelError, type MelConvention } from '@voirs/core';
import { GraphBuilder, quantizeTensorPerChannel, type Value } from '@voirs/onnx';
import { hopOf, type HifiganConfig } from './config.js';
import type { ConvWeights, HifiganWeights } from './weights.js';
import type { ReceptiveField } from '@voirs/core';
import { polyphaseConv } from './polyphase.js';
import { planGraphWindows } from './parallel-windows.js';
import { blockDiagonal, planTimeFold } from './time-fold.js';
import { cutWindows, joinWindows, type CutWindows } from './windows.js';

/** Slope of the leaky ReLUs inside the generator. */
export const LRELU_SLOPE = 0.1;
/** Slope of the final leaky ReLU: PyTorch's default, as in the official code. */
export const FINAL_LRELU_SLOPE = 0.01;

/** Metadata stored in the model so that a converted model is self-describing. */
export interface HifiganGraphMetadata {
  readonly arch: string;
  readonly config: HifiganConfig;
  readonly convention: MelConvention;
  readonly receptiveField: ReceptiveField;
  readonly source?: string;
}

/**
 * Convolutions with fewer input and output channels than this run in the plain 1-D form: the
 * blocked NCHWc kernels work on 16-channel blocks (AVX-512), and for V2's 8-channel last stage
 * the 1-D form took 26 % less time (onnxruntime profile, 10 s of audio, one thread).
 */
const BLOCKED_MIN_CHANNELS = 16;

/**
 * int8 graphs keep stages with fewer channels than this in fp32 (V2's 8-channel last stage): with
 * so few channels onnxruntime's QLinearConv is slower than the fp32 convolution, and per-tensor
 * uint8 activations there cost the most quality (V2, first 6 LJSpeech clips: P.808 3.21 with the
 * last stage in uint8, 3.79 in fp32; packages/hifigan/README.md).
 */
const INT8_MIN_CHANNELS = 16;

/** Names of the graph's input and output. */
export const MEL_INPUT = 'mel';
export const AUDIO_OUTPUT = 'audio';
export const LENGTHS_INPUT = 'lengths';
/** Output of a graph built with `stages` (a prefix of the generator). */
export const FEATURES_OUTPUT = 'features';

/** Options of {@link buildGeneratorGraph}. */
export interface GeneratorGraphOptions {
  /** Add the `lengths` input and mask every convolution output past each item's length. */
  readonly masked?: boolean;
  /**
   * `int8`: every convolution with more than one output channel (the upsamplers as polyphase
   * convolutions, polyphase.ts) gets int8 weights (symmetric, per output channel), and every
   * activation between them (convolution outputs, leaky ReLUs, the residual streams and the blocks'
   * sums) is stored as uint8 with its static range from `activationRanges`. Written as
   * QuantizeLinear/DequantizeLinear pairs that onnxruntime fuses into QLinearConv, QLinearLeakyRelu
   * and QLinearAdd, so the network runs in uint8 from conv_pre on; stages narrower than 16
   * channels and conv_post stay fp32. Default `fp32`.
   */
  readonly precision?: 'fp32' | 'int8';
  /** Calibrated range of every quantisation point (by its name, see `probe`); required for `int8`. */
  readonly activationRanges?: ReadonlyMap<string, ActivationRange>;
  /** Also output the value of every quantisation point (`probe:<point>`), for calibration. */
  readonly probe?: boolean;
  /**
   * Build the blocked form for convolutions that run in NCHWc blocks of this many channels (the
   * backend's `convolutionLayout().blockChannels`); fp32 graphs only. Default: the portable form.
   */
  readonly channelBlock?: number;
  /**
   * Run the network after conv_pre as this many overlapping time windows stacked as batch items
   * (chunk-parallel inside the graph, for as many threads: onnxruntime splits the narrow
   * convolutions of one item badly over threads, whole items well), cut with the reach of the
   * layers after conv_pre as context and joined back before the output, so the output equals the
   * unsplit graph's. Not for `masked` or probe graphs. Default 1 (no windows).
   */
  readonly parallelWindows?: number;
  /**
   * The stage at whose input the windows are cut (default 0: right after conv_pre). Later cuts
   * carry less context (the reach of the stages before them is left out, and the first stage's
   * residual blocks reach furthest in time) and leave the wide early stages to onnxruntime's own
   * splitting over threads, which suits wide layers.
   */
  readonly windowsFrom?: number;
  /**
   * Build only conv_pre and the first `stages` upsampling stages, with output `features`
   * [batch, channels, frames * their upsampling]: the last stage's sum of residual blocks, its
   * 1 / n_blocks mean not applied (what a native conv stack continues from, native-stack.ts). Not
   * for `masked`, int8 or probe graphs. Default: every stage, output `audio`.
   */
  readonly stages?: number;
}

/** Observed [min, max] of the values at a quantisation point. */
export type ActivationRange = readonly [number, number];

/** Name of the probe output of a quantisation point. */
export const probeName = (point: string) => `probe:${point}`;

/** A layer is quantised when it is a stride-1 conv with more than one output channel. */
export const isQuantisable = (w: ConvWeights) => w.dims[0] > 1;

/** uint8 affine parameters covering [min, max] (always including 0, so zero padding is exact). */
function uint8Params([min, max]: readonly [number, number]): { scale: number; zero: number } {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max, lo + 1e-6);
  const scale = (hi - lo) / 255;
  return { scale, zero: Math.min(255, Math.max(0, Math.round(-lo / scale))) };
}

/** `w` with a pending input scale folded in (unless the weights already hold it). */
export const scaled = (w: ConvWeights, scale: number, folded: boolean): ConvWeights =>
  scale === 1 || folded ? w : { ...w, weight: w.weight.map((x) => x * scale) };

/**
 * Builds the generator. Input `mel` [batch, n_mels, frames]; output `audio` [batch, 1, frames * hop].
 * Returns the serialised ONNX model.
 */
export function buildGeneratorGraph(
  config: HifiganConfig,
  weights: HifiganWeights,
  meta: HifiganGraphMetadata,
  options: GeneratorGraphOptions = {},
): Uint8Array {
  const g = new GraphBuilder({
    name: `hifigan-${meta.arch}`,
    opset: 17,
    producerName: 'voirs-vocoder',
  });
  const mel = g.input(MEL_INPUT, 'float32', ['batch', config.nMels, 'frames']);
  const dims = (d: readonly [number, number, number]) => [d[0], d[1], 1, d[2]];
  const lengths = options.masked ? g.input(LENGTHS_INPUT, 'int64', ['batch']) : undefined;
  const masks = new Map<number, Value>();
  /** [batch, 1, frames * rate] float mask: 1 inside each item's length, 0 past it. */
  const maskAt = (rate: number): Value => {
    let mask = masks.get(rate);
    if (mask === undefined) {
      mask = g.scope(`mask.${rate}`, () => {
        const total = g.squeeze(g.mul(g.shape(mel, { start: 2, end: 3 }), rate), [0]);
        const positions = g.unsqueeze(g.range(0, total, 1), [0]); // [1, T]
        const limits = g.unsqueeze(g.mul(lengths!, rate), [1]); // [batch, 1]
        const inside = g.op('Less', [positions, limits], {}, { dtypes: ['bool'] })[0]!;
        return g.unsqueeze(g.cast(inside, 'float32'), [1, 2]);
      });
      masks.set(rate, mask);
    }
    return mask;
  };
  // the blocked form's rewrites (fp32 only; int8 and calibration-probe graphs do without them)
  const block = options.channelBlock;
  const rewrite =
    block !== undefined && block > 1 && options.precision !== 'int8' && !options.probe;
  /** Layers narrower than this run as plain 1-D convolutions. */
  const minBlocked = rewrite ? block : BLOCKED_MIN_CHANNELS;
  let rate = 1; // output samples per frame at the current layer
  const masked = (y: Value) => (lengths === undefined ? y : g.mul(y, maskAt(rate)));
  const int8 = options.precision === 'int8';
  /** int8 graphs: whether the current stage is quantised (see INT8_MIN_CHANNELS). */
  let quantising = int8;
  /**
   * A quantisation point: an int8 graph stores the value as uint8 with its calibrated range
   * (`transform`, a reshuffle such as the upsamplers' interleaving, then runs on the uint8 data); a
   * probe graph outputs it; other graphs pass it through.
   */
  const point = (
    v: Value,
    name: string,
    channels: number,
    transform: (v: Value) => Value = (t) => t,
  ): Value => {
    if (options.probe) {
      g.output(g.identity(v), probeName(name), ['batch', channels, 1, `${name}.time`]);
      return transform(v);
    }
    if (!quantising) return transform(v);
    const range = options.activationRanges?.get(name);
    if (range === undefined)
      throw new ModelError('E_MODEL_CONFIG', `No calibrated activation range for ${name}.`);
    const { scale, zero } = uint8Params(range);
    const s = g.initializer(`${name}.q_scale`, Float32Array.of(scale), []);
    const z = g.initializer(`${name}.q_zero_point`, Uint8Array.of(zero), []);
    return g.dequantizeLinear(transform(g.quantizeLinear(v, s, z)), s, z);
  };
  /** A leaky ReLU whose output is a quantisation point. */
  const activation = (x: Value, name: string, channels: number, slope = LRELU_SLOPE) =>
    point(streamLeakyRelu(x, channels, slope), name, channels);
  /** A stride-1 convolution; its output is a quantisation point when it has several channels. */
  const convLayer = (
    x: Value,
    name: string,
    w: ConvWeights,
    conv: { dilation?: number; pads: number },
  ) => {
    const attrs = { pads: [0, conv.pads, 0, conv.pads], dilations: [1, conv.dilation ?? 1] };
    const quantised = isQuantisable(w);
    if (w.dims[0] < minBlocked && w.dims[1] < minBlocked && !options.probe && !quantising) {
      // too few channels for the blocked kernels: the plain 1-D convolution is faster here
      const weight = g.initializer(`${name}.weight`, w.weight, w.dims);
      const bias = g.initializer(`${name}.bias`, w.bias, [w.dims[0]]);
      const y = g.conv(g.squeeze(x, [2]), weight, bias, {
        pads: [conv.pads, conv.pads],
        dilations: [conv.dilation ?? 1],
      });
      return masked(g.unsqueeze(y, [2]));
    }
    const weight =
      quantising && quantised
        ? int8Weight(name, w)
        : g.initializer(`${name}.weight`, w.weight, dims(w.dims));
    const bias = g.initializer(`${name}.bias`, w.bias, [w.dims[0]]);
    const y = masked(g.conv(x, weight, bias, attrs));
    return quantised ? point(y, name, w.dims[0]) : y;
  };
  /** int8 weights (per output channel), dequantised: onnxruntime folds them into QLinearConv. */
  const int8Weight = (name: string, w: ConvWeights): Value => {
    const q = quantizeTensorPerChannel(w.weight, dims(w.dims), 0);
    return g.dequantizeLinear(
      g.initializer(`${name}.weight_int8`, q.data, dims(w.dims)),
      g.initializer(`${name}.weight_scale`, Float32Array.from(q.scales), [w.dims[0]]),
      undefined,
      { axis: 0 },
    );
  };

  const identities = new Map<number, Value>();
  /** `x` through a depthwise 1x1 convolution with unit weights: x itself, in the blocked layout. */
  const blocked = (x: Value, channels: number): Value => {
    if (!rewrite || channels % block !== 0) return x;
    let w = identities.get(channels);
    if (w === undefined) {
      w = g.initializer(`identity.${channels}`, new Float32Array(channels).fill(1), [
        channels,
        1,
        1,
        1,
      ]);
      identities.set(channels, w);
    }
    return g.conv(x, w, undefined, { group: channels });
  };
  /** leaky ReLU of a residual stream, kept in the blocked layout (see the file comment). */
  const streamLeakyRelu = (x: Value, channels: number, slope = LRELU_SLOPE): Value =>
    g.leakyRelu(blocked(x, channels), slope);

  let x = g.scope('conv_pre', () =>
    convLayer(g.unsqueeze(mel, [2]), 'conv_pre', weights.convPre, { pads: 3 }),
  );
  let cut: CutWindows | undefined;
  let cutRate = 1; // samples per frame where the windows are cut
  const kernels = config.resblockKernelSizes.length;
  const stages = config.upsampleRates.length;
  const built = options.stages ?? stages;
  if (
    !Number.isInteger(built) ||
    built < 0 ||
    built > stages ||
    (built < stages && (lengths !== undefined || int8 || options.probe))
  )
    throw new ModelError(
      'E_MODEL_CONFIG',
      `stages must be an integer in [0, ${stages}] (fewer only for plain fp32 graphs), got ${String(options.stages)}.`,
    );
  const fold =
    rewrite && lengths === undefined && built === stages ? planTimeFold(config, block) : undefined;
  // chunk-parallel windows, cut at the input of stage `windowsFrom` (after conv_pre for 0)
  const windowsFrom = options.windowsFrom ?? 0;
  if (!Number.isInteger(windowsFrom) || windowsFrom < 0 || windowsFrom > stages)
    throw new ModelError(
      'E_MODEL_CONFIG',
      `windowsFrom must be an integer in [0, ${stages}], got ${String(options.windowsFrom)}.`,
    );
  const split =
    lengths === undefined && !options.probe && windowsFrom < built
      ? planGraphWindows(config, options.parallelWindows ?? 1, windowsFrom)
      : undefined;
  let windows: CutWindows | undefined;
  let inputScale = 1; // the pending 1 / n_blocks of the previous stage's mean
  // of the residual stream, as the graph holds it (folded windows included)
  let channels = weights.convPre.dims[0];
  config.upsampleRates.slice(0, built).forEach((u, stage) => {
    if (split !== undefined && stage === windowsFrom) {
      ({ stacked: x, windows: cut } = cutWindows(g, x, split, 0));
      cutRate = rate;
    }
    const k = config.upsampleKernelSizes[stage]!;
    const up = scaled(weights.ups[stage]!, inputScale, weights.meanFolded);
    const folded = fold !== undefined && stage === stages - 1 ? fold : undefined;
    quantising = int8 && up.dims[1] >= INT8_MIN_CHANNELS;
    channels = up.dims[1] * (folded?.count ?? 1);
    x = g.scope(`ups.${stage}`, () => {
      const p = Math.floor((k - u) / 2);
      // the portable fp32 graph keeps the ConvTranspose; the others use its polyphase form
      const poly = rewrite || int8 || options.probe ? polyphaseConv(up, u, p) : undefined;
      const name = `ups.${stage}`;
      let y: Value;
      if (poly !== undefined) {
        // conv_pre fuses its activation; a stage's sum of blocks needs the blocked one
        const act =
          stage === 0 && !int8 && !options.probe
            ? g.leakyRelu(x, LRELU_SLOPE)
            : activation(x, `${name}.act`, up.dims[0]);
        const { conv, pads, channels: cout } = poly;
        const weight = quantising
          ? int8Weight(`${name}.polyphase`, conv)
          : g.initializer(`${name}.polyphase_weight`, conv.weight, dims(conv.dims));
        const bias = g.initializer(`${name}.polyphase_bias`, conv.bias, [conv.dims[0]]);
        const phases = g.conv(act, weight, bias, { pads: [0, pads[0], 0, pads[1]] });
        // [B, u * C, 1, M] -> [B, u, C, M] -> [B, C, M, u] -> [B, C, 1, M * u]
        const interleave = (v: Value) =>
          g.reshape(g.transpose(g.reshape(v, [0, u, cout, -1]), [0, 2, 3, 1]), [0, cout, 1, -1]);
        y = point(phases, name, conv.dims[0], interleave);
      } else {
        const weight = g.initializer(`${name}.weight`, up.weight, dims(up.dims));
        const bias = g.initializer(`${name}.bias`, up.bias, [up.dims[1]]);
        y = g.convTranspose(g.leakyRelu(x, LRELU_SLOPE), weight, bias, {
          strides: [1, u],
          pads: [0, p, 0, p],
        });
      }
      rate *= u;
      y = masked(y);
      if (folded !== undefined) ({ stacked: y, windows } = cutWindows(g, y, folded, 1));
      // the residual stream enters the blocked layout once, so its additions fuse into the convs
      return blocked(y, channels);
    });
    // the first activation of every block of the stage
    const shared = activation(x, `stages.${stage}.act`, channels);
    let sum: Value | undefined;
    for (let j = 0; j < kernels; j++) {
      const index = stage * kernels + j;
      const convs = weights.resblocks[index]!.map((pair) =>
        pair.map((w) => (folded ? blockDiagonal(w, folded.count) : w)),
      );
      const block = g.scope(`resblocks.${index}`, () =>
        residualBlock(
          config,
          x,
          shared,
          convs,
          config.resblockKernelSizes[j]!,
          config.resblockDilationSizes[j]!,
          index,
        ),
      );
      sum =
        sum === undefined ? block : point(g.add(sum, block), `stages.${stage}.sum.${j}`, channels);
    }
    x = sum!;
    inputScale = 1 / kernels;
  });
  if (built < stages) {
    const features = split === undefined ? x : joinWindows(g, x, cut!, split, 0, rate / cutRate);
    g.output(g.squeeze(features, [2]), FEATURES_OUTPUT, ['batch', channels, 'samples']);
  } else {
    const post = scaled(weights.convPost, inputScale, weights.meanFolded);
    const audio = g.scope('conv_post', () => {
      const w = fold === undefined ? post : blockDiagonal(post, fold.count);
      const act = activation(x, 'conv_post.act', channels, FINAL_LRELU_SLOPE);
      const y = convLayer(act, 'conv_post', w, { pads: 3 });
      // tanh, then a clip: onnxruntime's fast tanh can overshoot 1 by an ulp
      const out = g.clip(g.tanh(y), { min: -1, max: 1 });
      const unfolded = fold === undefined ? out : joinWindows(g, out, windows!, fold, 1);
      return split === undefined
        ? unfolded
        : joinWindows(g, unfolded, cut!, split, 0, rate / cutRate);
    });
    g.output(g.squeeze(audio, [2]), AUDIO_OUTPUT, ['batch', 1, 'samples']);
  }
  g.setMetadata({
    voirs_vocoder: 'hifigan',
    arch: meta.arch,
    precision: options.precision ?? 'fp32',
    ...(rewrite ? { channel_block: block } : {}),
    ...(split === undefined
      ? {}
      : {
          parallel_windows: split.count,
          ...(windowsFrom > 0 ? { windows_from: windowsFrom } : {}),
        }),
    ...(built < stages ? { stages: built } : {}),
    sample_rate: meta.convention.sampleRate,
    hop: hopOf(config),
    mel_preset: meta.convention.name,
    mel_convention: JSON.stringify(meta.convention),
    hifigan_config: JSON.stringify(config),
    receptive_field: JSON.stringify(meta.receptiveField),
    ...(meta.source === undefined ? {} : { source: meta.source }),
  });
  return g.toBytes();

  function residualBlock(
    cfg: HifiganConfig,
    input: Value,
    firstActivation: Value,
    convs: readonly (readonly ConvWeights[])[],
    kernel: number,
    dilations: readonly number[],
    index: number,
  ): Value {
    let h = input;
    dilations.forEach((d, n) => {
      const pair = convs[n]!;
      const ch = pair[0]!.dims[1];
      const act = n === 0 ? firstActivation : activation(h, `resblocks.${index}.${n}.act`, ch);
      let y: Value;
      if (cfg.resblock === '1') {
        y = convLayer(act, `resblocks.${index}.convs1.${n}`, pair[0]!, {
          dilation: d,
          pads: ((kernel - 1) / 2) * d,
        });
        const inner = `resblocks.${index}.convs1.${n}.act`;
        y = convLayer(
          point(g.leakyRelu(y, LRELU_SLOPE), inner, ch),
          `resblocks.${index}.convs2.${n}`,
          pair[1]!,
          {
            pads: (kernel - 1) / 2,
          },
        );
      } else {
        y = convLayer(act, `resblocks.${index}.convs.${n}`, pair[0]!, {
          dilation: d,
          pads: ((kernel - 1) / 2) * d,
        });
      }
      h = point(g.add(y, h), `resblocks.${index}.${n}`, ch);
    });
    return h;
  }
}
