/**
 * The DiffWave denoiser as an ONNX graph: eps(x, t, mel), one network evaluation per sampling step.
 *
 * Forward pass (REFERENCE.md, lmnt-com/diffwave `model.py`):
 * - step embedding: rows floor(t) and ceil(t) of the sinusoidal table, interpolated linearly
 *   (`low + (high - low) * (t - floor(t))`), then Linear(128, 512) -> SiLU -> Linear(512, 512) -> SiLU;
 * - spectrogram upsampler: two ConvTranspose2d(1, 1, [3, 32], stride [1, 16], padding [1, 8]),
 *   each followed by leaky_relu(0.4) (x256 in time);
 * - input_projection Conv1d(1, C, 1) -> ReLU; per layer: y = x + Linear(512, C)(emb);
 *   y = dilated Conv1d(C, 2C, 3) (y) + Conv1d(n_mels, 2C, 1)(cond); sigmoid(gate) * tanh(filter);
 *   Conv1d(C, 2C, 1) -> residual, skip; x = (x + residual) / sqrt(2);
 * - sum of skips / sqrt(layers) -> skip_projection -> ReLU -> output_projection.
 *
 * Exact rewrites that keep the graph lean: the layers' Linear(512, C) projections run as one Gemm
 * whose output is split; each layer's Conv1d(C, 2C, 1) output projection runs as two convolutions
 * (residual half, skip half), so the last layer computes only its skip half.
 */
import type { MelConvention, ReceptiveField } from '@voirs/core';
import { GraphBuilder, type Value } from '@voirs/onnx';
import {
  DIFFWAVE_HOP,
  EMBEDDING_HIDDEN,
  EMBEDDING_WIDTH,
  dilationOf,
  type DiffwaveConfig,
} from './config.js';
import { stepEmbeddingTable } from './step-embedding.js';
import type { DiffwaveWeights, Layer } from './weights.js';

/** Graph input: the noisy signal, float32 [batch, samples]. */
export const AUDIO_INPUT = 'audio';
/** Graph input: the (fractional) training step per item, float32 [batch]. */
export const STEP_INPUT = 'diffusion_step';
/** Graph input of conditional models: the mel, float32 [batch, n_mels, frames] with samples = 256 frames. */
export const MEL_INPUT = 'spectrogram';
/** Graph output: the predicted noise, float32 [batch, samples]. */
export const NOISE_OUTPUT = 'noise';

/** What the model's metadata props record, so that a converted model describes itself. */
export interface DiffwaveGraphMetadata {
  readonly arch: string;
  readonly config: DiffwaveConfig;
  readonly convention: MelConvention;
  readonly trainingBetas: readonly number[];
  readonly fastBetas: readonly number[];
  readonly receptiveField: ReceptiveField;
  /** Parameters of the checkpoint's network (weights and biases). */
  readonly parameters: number;
  readonly source?: string;
}

const LEAKY_SLOPE = 0.4;

/** Rows [from, to) of a PyTorch weight/bias pair (output channels). */
function outputRows(layer: Layer, from: number, to: number): Layer {
  const per = layer.weight.length / layer.dims[0]!;
  return {
    weight: layer.weight.slice(from * per, to * per),
    bias: layer.bias.slice(from, to),
    dims: [to - from, ...layer.dims.slice(1)],
  };
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((offset, p) => (out.set(p, offset), offset + p.length), 0);
  return out;
}

/** Builds the denoiser and returns the serialised ONNX model. */
export function buildDenoiserGraph(
  config: DiffwaveConfig,
  weights: DiffwaveWeights,
  meta: DiffwaveGraphMetadata,
): Uint8Array {
  const g = new GraphBuilder({
    name: `diffwave-${meta.arch}`,
    opset: 17,
    producerName: 'voirs-vocoder',
  });
  const c = config.residualChannels;
  const audio = g.input(AUDIO_INPUT, 'float32', ['batch', 'samples']);
  const t = g.input(STEP_INPUT, 'float32', ['batch']);
  const mel = config.unconditional
    ? undefined
    : g.input(MEL_INPUT, 'float32', ['batch', config.nMels, 'frames']);

  const conv = (
    x: Value,
    name: string,
    layer: Layer,
    options: { dilation?: number; pads?: number } = {},
  ) =>
    g.conv(
      x,
      g.initializer(`${name}.weight`, layer.weight, layer.dims),
      g.initializer(`${name}.bias`, layer.bias, [layer.dims[0]!]),
      {
        pads: options.pads ?? 0,
        dilations: options.dilation ?? 1,
      },
    );
  const linear = (x: Value, name: string, layer: Layer) =>
    g.gemm(
      x,
      g.initializer(`${name}.weight`, layer.weight, layer.dims),
      g.initializer(`${name}.bias`, layer.bias, [layer.dims[0]!]),
      {
        transB: true,
      },
    );
  const silu = (x: Value) => g.mul(x, g.sigmoid(x));

  const step = g.scope('diffusion_embedding', () => {
    const trainingSteps = meta.trainingBetas.length;
    const table = g.initializer(
      'diffusion_embedding.table',
      weights.embeddingTable?.data ?? stepEmbeddingTable(trainingSteps),
      [weights.embeddingTable?.steps ?? trainingSteps, EMBEDDING_WIDTH],
    );
    const low = g.op('Floor', [t], {}, { dtypes: ['float32'] })[0]!;
    const high = g.op('Ceil', [t], {}, { dtypes: ['float32'] })[0]!;
    const lowRow = g.gather(table, g.cast(low, 'int64'));
    const highRow = g.gather(table, g.cast(high, 'int64'));
    const fraction = g.unsqueeze(g.sub(t, low), [1]);
    const embedded = g.add(lowRow, g.mul(g.sub(highRow, lowRow), fraction));
    const hidden = silu(linear(embedded, 'diffusion_embedding.projection1', weights.projection1));
    return silu(linear(hidden, 'diffusion_embedding.projection2', weights.projection2));
  });
  // every layer's Linear(512, C) in one Gemm, split per layer: [batch, C, 1] each
  const projections = g.scope('diffusion_projections', () => {
    const all: Layer = {
      weight: concat(weights.layers.map((l) => l.diffusionProjection.weight)),
      bias: concat(weights.layers.map((l) => l.diffusionProjection.bias)),
      dims: [config.residualLayers * c, EMBEDDING_HIDDEN],
    };
    const projected = linear(step, 'residual_layers.diffusion_projection', all);
    const parts =
      config.residualLayers === 1
        ? [projected]
        : g.split(projected, Array(config.residualLayers).fill(c), 1);
    return parts.map((p) => g.unsqueeze(p, [2]));
  });
  const cond =
    mel === undefined || weights.upsampler === undefined
      ? undefined
      : g.scope('spectrogram_upsampler', () => {
          let y = g.unsqueeze(mel, [1]);
          weights.upsampler!.forEach((layer, i) => {
            const name = `spectrogram_upsampler.conv${i + 1}`;
            const w = g.initializer(`${name}.weight`, layer.weight, layer.dims);
            const b = g.initializer(`${name}.bias`, layer.bias, [1]);
            y = g.leakyRelu(
              g.convTranspose(y, w, b, { strides: [1, 16], pads: [1, 8, 1, 8] }),
              LEAKY_SLOPE,
            );
          });
          return g.squeeze(y, [1]);
        });

  let x = g.scope('input_projection', () =>
    g.relu(conv(g.unsqueeze(audio, [1]), 'input_projection', weights.inputProjection)),
  );
  let skips: Value | undefined;
  weights.layers.forEach((layer, i) => {
    const prefix = `residual_layers.${i}`;
    g.scope(prefix, () => {
      const d = dilationOf(config, i);
      let y = conv(g.add(x, projections[i]!), `${prefix}.dilated_conv`, layer.dilatedConv, {
        dilation: d,
        pads: d,
      });
      if (cond !== undefined && layer.conditionerProjection !== undefined) {
        y = g.add(y, conv(cond, `${prefix}.conditioner_projection`, layer.conditionerProjection));
      }
      const [gate, filter] = g.split(y, [c, c], 1);
      const gated = g.mul(g.sigmoid(gate!), g.tanh(filter!));
      const skip = conv(
        gated,
        `${prefix}.output_projection.skip`,
        outputRows(layer.outputProjection, c, 2 * c),
      );
      skips = skips === undefined ? skip : g.add(skip, skips);
      if (i < config.residualLayers - 1) {
        const residual = conv(
          gated,
          `${prefix}.output_projection.residual`,
          outputRows(layer.outputProjection, 0, c),
        );
        x = g.div(g.add(x, residual), Math.SQRT2);
      }
    });
  });
  const noise = g.scope('output', () => {
    const scaled = g.div(skips!, Math.sqrt(config.residualLayers));
    const hidden = g.relu(conv(scaled, 'skip_projection', weights.skipProjection));
    return g.squeeze(conv(hidden, 'output_projection', weights.outputProjection), [1]);
  });
  g.output(noise, NOISE_OUTPUT, ['batch', 'samples']);
  g.setMetadata({
    voirs_vocoder: 'diffwave',
    arch: meta.arch,
    sample_rate: meta.convention.sampleRate,
    hop: DIFFWAVE_HOP,
    mel_preset: meta.convention.name,
    mel_convention: JSON.stringify(meta.convention),
    diffwave_config: JSON.stringify(config),
    training_schedule: JSON.stringify(meta.trainingBetas),
    fast_schedule: JSON.stringify(meta.fastBetas),
    receptive_field: JSON.stringify(meta.receptiveField),
    parameters: meta.parameters,
    ...(meta.source === undefined ? {} : { source: meta.source }),
  });
  return g.toBytes();
}
