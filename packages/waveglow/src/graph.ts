/**
 * WaveGlow's inverse (inference) pass as ONNX graphs, built from folded weights (REFERENCE.md):
 *
 * - upsampler: `ConvTranspose1d(m, m, K, stride S)`, the last `K - S` samples dropped, then the
 *   samples grouped by `n_group` into `m * n_group` conditioning channels (channel `c * g + j` is
 *   mel channel c at position j of the group, as NVIDIA's unfold/permute/view gives);
 * - flow k (from the last to the first): `a0, a1 = halves`; `b, s = WN_k(a0, cond)`;
 *   `a1 = (a1 - b) / exp(s)`; `audio = W_k^-1 [a0; a1]`;
 * - after each early flow, `sigma * z` (n_early_size rows) is prepended; at the end the channels
 *   are interleaved back into time (sample `t * g + j` is channel j at step t).
 *
 * The whole pass is one graph ({@link buildWaveglowGraph}, what `convert` returns); the vocoder
 * runs the same layers as one graph per stage ({@link buildUpsampleGraph}, {@link buildFlowGraph})
 * so that it can report progress and honour cancellation between flows. `cond_layer` is stored as
 * one `1x1` convolution per WN layer (its row slices), which computes the same numbers.
 */
import type { MelConvention, ReceptiveField } from '@voirs/core';
import { GraphBuilder, type Value } from '@voirs/onnx';
import {
  earlyFlows,
  flowChannels,
  isEarlyFlow,
  remainingChannels,
  type WaveglowConfig,
} from './config.js';
import type { ConvWeights, FlowWeights, WaveglowWeights } from './weights.js';

/** Input and output names of the graphs. */
export const MEL_INPUT = 'mel';
export const NOISE_INPUT = 'noise';
export const SIGMA_INPUT = 'sigma';
export const AUDIO_OUTPUT = 'audio';
export const COND_OUTPUT = 'cond';
/** The audio a flow graph inverts (`[batch, channels, steps]`). */
export const FLOW_INPUT = 'z';

const OPSET = 17;

/** Metadata stored in the full graph so that a converted model is self-describing. */
export interface WaveglowGraphMetadata {
  readonly arch: string;
  readonly config: WaveglowConfig;
  readonly convention: MelConvention;
  readonly receptiveField: ReceptiveField;
  readonly source?: string;
}

/** Initializer names, shared with the reader of converted models. */
export const layerNames = {
  upsample: 'upsample',
  start: (k: number) => `WN.${k}.start`,
  inLayer: (k: number, i: number) => `WN.${k}.in_layers.${i}`,
  cond: (k: number, i: number) => `WN.${k}.cond_layer.${i}`,
  resSkip: (k: number, i: number) => `WN.${k}.res_skip_layers.${i}`,
  end: (k: number) => `WN.${k}.end`,
  inverse: (k: number) => `convinv.${k}.inverse`,
};

function conv1d(g: GraphBuilder, x: Value, name: string, w: ConvWeights, dilation = 1): Value {
  const weight = g.initializer(`${name}.weight`, w.weight, w.dims);
  const bias = g.initializer(`${name}.bias`, w.bias, [w.dims[0]]);
  return g.conv(x, weight, bias, { pads: ((w.dims[2] - 1) / 2) * dilation, dilations: dilation });
}

/** mel `[B, m, F]` -> conditioning `[B, m * g, F * S / g]`. */
function addUpsample(g: GraphBuilder, mel: Value, config: WaveglowConfig, w: ConvWeights): Value {
  return g.scope('upsample', () => {
    const weight = g.initializer(`${layerNames.upsample}.weight`, w.weight, w.dims);
    const bias = g.initializer(`${layerNames.upsample}.bias`, w.bias, [w.dims[1]]);
    let x = g.convTranspose(mel, weight, bias, { strides: config.upsampleStride });
    const cutoff = config.upsampleKernel - config.upsampleStride;
    if (cutoff > 0) x = g.slice(x, { starts: [0], ends: [-cutoff], axes: [2] });
    const { nGroup, nMelChannels } = config;
    x = g.transpose(g.reshape(x, [0, 0, -1, nGroup]), [0, 1, 3, 2]);
    return g.reshape(x, [0, nMelChannels * nGroup, -1]);
  });
}

/** The inverse of flow `k`: `[B, c_k, N]` -> `[B, c_k, N]`. */
function addFlow(
  g: GraphBuilder,
  audio: Value,
  cond: Value,
  config: WaveglowConfig,
  flow: FlowWeights,
  k: number,
): Value {
  return g.scope(`flow.${k}`, () => {
    const half = flowChannels(config, k) / 2;
    const { nLayers, nChannels: c } = config.wn;
    const [a0, a1] = g.split(audio, [half, half], 1) as [Value, Value];
    let h = conv1d(g, a0, layerNames.start(k), flow.start);
    let skip: Value | undefined;
    flow.layers.forEach((layer, i) => {
      const dilation = 2 ** i;
      const x = g.add(
        conv1d(g, h, layerNames.inLayer(k, i), layer.in, dilation),
        conv1d(g, cond, layerNames.cond(k, i), layer.cond),
      );
      const [t, s] = g.split(x, [c, c], 1) as [Value, Value];
      const resSkip = conv1d(
        g,
        g.mul(g.tanh(t), g.sigmoid(s)),
        layerNames.resSkip(k, i),
        layer.resSkip,
      );
      if (i < nLayers - 1) {
        const [res, sk] = g.split(resSkip, [c, c], 1) as [Value, Value];
        h = g.add(h, res);
        skip = skip === undefined ? sk : g.add(skip, sk);
      } else {
        skip = skip === undefined ? resSkip : g.add(skip, resSkip);
      }
    });
    const [b, s] = g.split(conv1d(g, skip!, layerNames.end(k), flow.end), [half, half], 1) as [
      Value,
      Value,
    ];
    const coupled = g.concat([a0, g.div(g.sub(a1, b), g.exp(s))], 1);
    const channels = 2 * half;
    const inverse = g.initializer(layerNames.inverse(k), flow.inverse, [channels, channels, 1]);
    return g.conv(coupled, inverse);
  });
}

const builder = (name: string) =>
  new GraphBuilder({ name, opset: OPSET, producerName: 'voirs-vocoder' });

/**
 * The whole inverse pass. Inputs `mel` [B, m, frames], `noise` [B, n_group, frames * hop / n_group]
 * (standard normal, in the documented layout: see `noise.ts`) and `sigma` [1]; output `audio`
 * [B, frames * hop] (not clipped). Returns the serialised ONNX model.
 */
export function buildWaveglowGraph(
  config: WaveglowConfig,
  weights: WaveglowWeights,
  meta: WaveglowGraphMetadata,
): Uint8Array {
  const g = builder(`waveglow-${meta.arch}`);
  const mel = g.input(MEL_INPUT, 'float32', ['batch', config.nMelChannels, 'frames']);
  const noise = g.input(NOISE_INPUT, 'float32', ['batch', config.nGroup, 'steps']);
  const sigma = g.input(SIGMA_INPUT, 'float32', [1]);
  const cond = addUpsample(g, mel, config, weights.upsample);
  const early = earlyFlows(config);
  const z = g.mul(noise, sigma);
  const rows =
    early.length === 0
      ? [z]
      : g.split(z, [remainingChannels(config), ...early.map(() => config.nEarlySize)], 1);
  let audio = rows[0]!;
  let next = 1;
  for (let k = config.nFlows - 1; k >= 0; k--) {
    audio = addFlow(g, audio, cond, config, weights.flows[k]!, k);
    if (isEarlyFlow(config, k)) audio = g.concat([rows[next++]!, audio], 1);
  }
  g.output(g.reshape(g.transpose(audio, [0, 2, 1]), [0, -1]), AUDIO_OUTPUT, ['batch', 'samples']);
  g.setMetadata({
    voirs_vocoder: 'waveglow',
    arch: meta.arch,
    sample_rate: meta.convention.sampleRate,
    hop: config.upsampleStride,
    mel_preset: meta.convention.name,
    mel_convention: JSON.stringify(meta.convention),
    waveglow_config: JSON.stringify(config),
    receptive_field: JSON.stringify(meta.receptiveField),
    noise_layout:
      `float32 [n_group=${config.nGroup}, steps]: rows 0..${remainingChannels(config) - 1} start the inverse pass, ` +
      `then ${config.nEarlySize} rows per early output after flows ${early.join(', ') || '(none)'}`,
    ...(meta.source === undefined ? {} : { source: meta.source }),
  });
  return g.toBytes();
}

/** The upsampler alone: `mel` [B, m, frames] -> `cond` [B, m * n_group, steps]. */
export function buildUpsampleGraph(config: WaveglowConfig, weights: WaveglowWeights): Uint8Array {
  const g = builder('waveglow-upsample');
  const mel = g.input(MEL_INPUT, 'float32', ['batch', config.nMelChannels, 'frames']);
  g.output(addUpsample(g, mel, config, weights.upsample), COND_OUTPUT, [
    'batch',
    config.nMelChannels * config.nGroup,
    'steps',
  ]);
  return g.toBytes();
}

/** The inverse of flow `k` alone: `z` [B, c_k, steps] and `cond` -> `audio` [B, c_k, steps]. */
export function buildFlowGraph(
  config: WaveglowConfig,
  weights: WaveglowWeights,
  k: number,
): Uint8Array {
  const g = builder(`waveglow-flow-${k}`);
  const channels = flowChannels(config, k);
  const z = g.input(FLOW_INPUT, 'float32', ['batch', channels, 'steps']);
  const cond = g.input(COND_OUTPUT, 'float32', [
    'batch',
    config.nMelChannels * config.nGroup,
    'steps',
  ]);
  g.output(addFlow(g, z, cond, config, weights.flows[k]!, k), AUDIO_OUTPUT, [
    'batch',
    channels,
    'steps',
  ]);
  return g.toBytes();
}
