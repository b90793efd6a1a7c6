/**
 * From a checkpoint's state dict to the denoiser's float32 layers, checked against a configuration
 * that is inferred from the tensor shapes (channels, layers, mel bands, conditional or not).
 */
import { ModelError } from '@voirs/core';
import { toFloat32, type TensorData } from '@voirs/checkpoint';
import {
  EMBEDDING_HIDDEN,
  EMBEDDING_WIDTH,
  describeConfig,
  validateConfig,
  type DiffwaveConfig,
} from './config.js';

/** One layer: weight in PyTorch layout and its bias. */
export interface Layer {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  /** The weight's PyTorch shape ([out, in] for Linear, [out, in, k] for Conv1d, [in, out, kh, kw] for ConvTranspose2d). */
  readonly dims: readonly number[];
}

/** One residual layer. */
export interface ResidualLayer {
  readonly dilatedConv: Layer;
  readonly diffusionProjection: Layer;
  /** Absent in unconditional models. */
  readonly conditionerProjection?: Layer;
  readonly outputProjection: Layer;
}

/** Every layer of the denoiser. */
export interface DiffwaveWeights {
  readonly inputProjection: Layer;
  readonly projection1: Layer;
  readonly projection2: Layer;
  /** The step table when the checkpoint stores it ([steps, 128]); otherwise it is recomputed. */
  readonly embeddingTable?: { readonly data: Float32Array; readonly steps: number };
  /** The two ConvTranspose2d of the spectrogram upsampler; absent in unconditional models. */
  readonly upsampler?: readonly [Layer, Layer];
  readonly layers: readonly ResidualLayer[];
  readonly skipProjection: Layer;
  readonly outputProjection: Layer;
}

/** Hyper-parameters that cannot be read from shapes, or that must agree with them. */
export interface ConfigHints {
  readonly dilationCycle?: number;
  readonly residualLayers?: number;
  readonly residualChannels?: number;
  readonly nMels?: number;
  readonly unconditional?: boolean;
}

const EMBEDDING_KEY = 'diffusion_embedding.embedding';
const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

/** The state dict without a DataParallel `module.` prefix (when every key has it). */
export function stripModulePrefix(
  stateDict: ReadonlyMap<string, TensorData>,
): ReadonlyMap<string, TensorData> {
  const keys = [...stateDict.keys()];
  if (keys.length === 0 || !keys.every((k) => k.startsWith('module.'))) return stateDict;
  return new Map([...stateDict].map(([k, t]) => [k.slice('module.'.length), t]));
}

/**
 * Infers the configuration from tensor shapes: channels from `input_projection`, layers from the
 * `residual_layers.<i>` count, mel bands from `conditioner_projection`, unconditional when there is
 * no spectrogram upsampler. The dilation cycle cannot be seen in the weights: `hints.dilationCycle`,
 * else the official 10.
 * @throws ModelError `E_MODEL_ARCH` when the tensors are not a DiffWave denoiser, `E_MODEL_CONFIG`
 * when a hint contradicts the shapes.
 */
export function inferConfig(
  stateDict: ReadonlyMap<string, TensorData>,
  hints: ConfigHints = {},
): DiffwaveConfig {
  const shape = (key: string) => stateDict.get(`${key}.weight`)?.shape;
  const input = shape('input_projection');
  if (input === undefined || input.length !== 3 || input[1] !== 1) {
    throw new ModelError(
      'E_MODEL_ARCH',
      'The weights have no input_projection Conv1d(1, C, 1): they are not a DiffWave denoiser ' +
        '(an official checkpoint stores it under "model").',
    );
  }
  let layers = 0;
  while (shape(`residual_layers.${layers}.dilated_conv`) !== undefined) layers++;
  const conditioner = shape('residual_layers.0.conditioner_projection');
  const upsampler = shape('spectrogram_upsampler.conv1');
  if ((conditioner === undefined) !== (upsampler === undefined)) {
    throw new ModelError(
      'E_MODEL_ARCH',
      'The weights have ' +
        (upsampler
          ? 'a spectrogram upsampler but no conditioner projections'
          : 'conditioner projections but no spectrogram upsampler') +
        ': they are neither a conditional nor an unconditional DiffWave denoiser.',
    );
  }
  const inferred: DiffwaveConfig = {
    residualLayers: layers,
    residualChannels: input[0]!,
    dilationCycle: hints.dilationCycle ?? 10,
    nMels: conditioner?.[1] ?? hints.nMels ?? 80,
    unconditional: conditioner === undefined,
  };
  for (const key of ['residualLayers', 'residualChannels', 'nMels', 'unconditional'] as const) {
    const hint = hints[key];
    if (
      hint !== undefined &&
      hint !== inferred[key] &&
      !(key === 'nMels' && inferred.unconditional)
    ) {
      throw new ModelError(
        'E_MODEL_CONFIG',
        `The params say ${key} = ${String(hint)} but the weights have ${String(inferred[key])}; the params do not belong to these weights.`,
      );
    }
  }
  if (layers === 0)
    throw new ModelError(
      'E_MODEL_ARCH',
      'The weights have no residual_layers.0: not a DiffWave denoiser.',
    );
  return validateConfig(inferred);
}

/**
 * Reads and checks every layer of `config`; a stored step table is kept when its width is 128.
 * @throws ModelError `E_MODEL_ARCH` for missing, misshapen or unexpected tensors.
 */
export function extractWeights(
  stateDict: ReadonlyMap<string, TensorData>,
  config: DiffwaveConfig,
): DiffwaveWeights {
  const used = new Set<string>();
  const c = config.residualChannels;
  const layer = (name: string, dims: readonly number[], biasSize = dims[0]!): Layer => {
    const w = stateDict.get(`${name}.weight`);
    const b = stateDict.get(`${name}.bias`);
    if (w === undefined || b === undefined) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `The weights have no ${name}.weight/bias, which a DiffWave denoiser of ${describeConfig(config)} needs.`,
      );
    }
    if (
      w.shape.length !== dims.length ||
      w.shape.some((d, i) => d !== dims[i]) ||
      b.shape.length !== 1 ||
      b.shape[0] !== biasSize
    ) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `${name}.weight has shape ${shapeText(w.shape)} (bias ${shapeText(b.shape)}) but a DiffWave denoiser of ` +
          `${describeConfig(config)} needs ${shapeText(dims)} (bias [${biasSize}]).`,
      );
    }
    used.add(`${name}.weight`).add(`${name}.bias`);
    return { weight: toFloat32(w), bias: toFloat32(b), dims };
  };
  const inputProjection = layer('input_projection', [c, 1, 1]);
  const projection1 = layer('diffusion_embedding.projection1', [EMBEDDING_HIDDEN, EMBEDDING_WIDTH]);
  const projection2 = layer('diffusion_embedding.projection2', [
    EMBEDDING_HIDDEN,
    EMBEDDING_HIDDEN,
  ]);
  const upsampler = config.unconditional
    ? undefined
    : ([
        layer('spectrogram_upsampler.conv1', [1, 1, 3, 32], 1),
        layer('spectrogram_upsampler.conv2', [1, 1, 3, 32], 1),
      ] as const);
  const layers = Array.from({ length: config.residualLayers }, (_, i): ResidualLayer => {
    const prefix = `residual_layers.${i}`;
    return {
      dilatedConv: layer(`${prefix}.dilated_conv`, [2 * c, c, 3]),
      diffusionProjection: layer(`${prefix}.diffusion_projection`, [c, EMBEDDING_HIDDEN]),
      ...(config.unconditional
        ? {}
        : {
            conditionerProjection: layer(`${prefix}.conditioner_projection`, [
              2 * c,
              config.nMels,
              1,
            ]),
          }),
      outputProjection: layer(`${prefix}.output_projection`, [2 * c, c, 1]),
    };
  });
  const skipProjection = layer('skip_projection', [c, c, 1]);
  const outputProjection = layer('output_projection', [1, c, 1]);
  const table = stateDict.get(EMBEDDING_KEY);
  let embeddingTable: DiffwaveWeights['embeddingTable'];
  if (table !== undefined) {
    if (table.shape.length !== 2 || table.shape[1] !== EMBEDDING_WIDTH || table.shape[0]! < 2) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `${EMBEDDING_KEY} has shape ${shapeText(table.shape)}; expected [training steps, ${EMBEDDING_WIDTH}].`,
      );
    }
    used.add(EMBEDDING_KEY);
    embeddingTable = { data: toFloat32(table), steps: table.shape[0]! };
  }
  const extra = [...stateDict.keys()].filter((k) => !used.has(k));
  if (extra.length > 0) {
    throw new ModelError(
      'E_MODEL_ARCH',
      `The weights have tensors a DiffWave denoiser of ${describeConfig(config)} does not use: ` +
        `${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}.`,
    );
  }
  return {
    inputProjection,
    projection1,
    projection2,
    embeddingTable,
    upsampler,
    layers,
    skipProjection,
    outputProjection,
  };
}

/** Number of parameters (weights and biases; a stored step table is a buffer, not counted). */
export function countParameters(weights: DiffwaveWeights): number {
  const all: Layer[] = [
    weights.inputProjection,
    weights.projection1,
    weights.projection2,
    ...(weights.upsampler ?? []),
    ...weights.layers.flatMap((l) => [
      l.dilatedConv,
      l.diffusionProjection,
      l.outputProjection,
      ...(l.conditionerProjection ? [l.conditionerProjection] : []),
    ]),
    weights.skipProjection,
    weights.outputProjection,
  ];
  return all.reduce((sum, l) => sum + l.weight.length + l.bias.length, 0);
}
