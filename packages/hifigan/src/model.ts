/**
 * From whatever the user has (an official checkpoint with or without its config.json, a safetensors
 * file, or an ONNX model this package converted earlier) to a runnable ONNX generator and the
 * facts the vocoder needs about it.
 */
import {
  isVocoderError,
  ModelError,
  withModelLabel,
  type MelConvention,
  type ModelSource,
  type ReceptiveField,
} from '@voirs/core';
import { detectFormat, loadWeights } from '@voirs/checkpoint';
import { readOnnxModel } from '@voirs/onnx';
import {
  HIFIGAN_ARCHS,
  archConfig,
  conventionFor,
  hopOf,
  parseConfigJson,
  validateConfig,
  type HifiganConfig,
} from './config.js';
import { buildGeneratorGraph, type GeneratorGraphOptions } from './graph.js';
import { receptiveField } from './receptive-field.js';
import { extractWeights, inferConfig, weightsFromGraph, type HifiganWeights } from './weights.js';

/** A generator ready to run. */
export interface HifiganModel {
  /** Self-contained ONNX bytes (weights embedded, metadata props set). */
  readonly onnx: Uint8Array;
  /** `v1`, `v2`, `v3` or `custom`. */
  readonly arch: string;
  readonly config: HifiganConfig;
  readonly convention: MelConvention;
  readonly hop: number;
  readonly receptiveField: ReceptiveField;
  /** Number of generator parameters. */
  readonly parameters: number;
  readonly precision: 'fp32' | 'int8';
  /**
   * Builds another graph from the same weights (the masked batch variant, the calibration probe,
   * an int8 variant); undefined for an int8 ONNX model, whose float weights are gone (batches then
   * run item by item).
   */
  readonly build: ((options: GeneratorGraphOptions) => Uint8Array) | undefined;
  /** The folded fp32 weights (for a native conv stack, native-stack.ts); undefined with `build`. */
  readonly weights: (() => HifiganWeights) | undefined;
}

/** Options of {@link prepareHifiganModel}. */
export interface PrepareOptions {
  /** Built-in architecture to assume when there is no config.json (`v1`, `v2`, `v3`). */
  readonly arch?: string;
}

/** The built-in name of a configuration, or `custom`. */
export function archName(config: HifiganConfig): string {
  const key = JSON.stringify(config);
  return Object.entries(HIFIGAN_ARCHS).find(([, c]) => JSON.stringify(c) === key)?.[0] ?? 'custom';
}

/**
 * Prepares a model source. ONNX bytes must carry this package's metadata (a model converted by
 * {@link prepareHifiganModel} or `voirs-vocoder models import`). Checkpoints (torch zip or legacy,
 * safetensors) are converted: config from `source.config` (config.json), else `options.arch`, else
 * inferred from the weights.
 * @throws ModelError `E_MODEL_ARCH` / `E_MODEL_CONFIG` when weights and configuration disagree;
 * FormatError / ModelError from the checkpoint readers (`E_CHECKPOINT_UNSAFE`, …).
 */
export function prepareHifiganModel(
  source: ModelSource,
  options: PrepareOptions = {},
): HifiganModel {
  if (!(source?.bytes instanceof Uint8Array))
    throw new TypeError('model.bytes must be a Uint8Array');
  const label = source.name ?? 'the model';
  if (detectFormat(source.bytes) === 'onnx') return describeOnnxModel(source.bytes, label);
  const stateDict = loadWeights(source.bytes);
  let setup: { config: HifiganConfig; convention: MelConvention };
  if (source.config !== undefined) {
    setup = parseConfigJson(source.config, `the config.json of ${label}`);
  } else {
    const config = options.arch !== undefined ? archConfig(options.arch) : inferConfig(stateDict);
    setup = { config, convention: conventionFor(config) };
  }
  const weights = withModelLabel(label, () => extractWeights(stateDict, setup.config));
  return assemble(weights, { ...setup, arch: archName(setup.config) }, source.name);
}

/** An fp32 model around a set of weights, with a builder for its other graphs. */
function assemble(
  weights: HifiganWeights,
  setup: { config: HifiganConfig; convention: MelConvention; arch: string },
  source: string | undefined,
): HifiganModel {
  const { config, convention, arch } = setup;
  const field = receptiveField(config);
  const meta = { arch, config, convention, receptiveField: field, source };
  const build = (options: GeneratorGraphOptions) =>
    buildGeneratorGraph(config, weights, meta, options);
  let portable: Uint8Array | undefined;
  return {
    // built on first use: a backend with blocked convolutions runs another graph (plugin.ts)
    get onnx() {
      return (portable ??= build({}));
    },
    arch,
    config,
    convention,
    hop: hopOf(config),
    receptiveField: field,
    parameters: countParameters(weights),
    precision: 'fp32',
    build,
    weights: () => weights,
  };
}

/**
 * Reads the metadata of an ONNX generator made by this package.
 * @throws ModelError `E_MODEL_CONFIG` for ONNX models without it (e.g. a plain torch.onnx.export).
 */
export function describeOnnxModel(onnx: Uint8Array, label = 'the ONNX model'): HifiganModel {
  const { metadata, graph } = readOnnxModel(onnx);
  if (
    metadata.voirs_vocoder !== 'hifigan' ||
    metadata.hifigan_config === undefined ||
    metadata.mel_convention === undefined
  ) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      `${label} is an ONNX model without voirs-vocoder HiFi-GAN metadata (arch, mel convention). ` +
        'Convert the original checkpoint instead: voirs-vocoder models import <checkpoint>.',
    );
  }
  try {
    const config = validateConfig(JSON.parse(metadata.hifigan_config) as HifiganConfig);
    const parsed = JSON.parse(metadata.mel_convention) as MelConvention;
    const convention = Object.freeze({ ...parsed, log: Object.freeze({ ...parsed.log }) });
    const arch = metadata.arch ?? archName(config);
    const precision = metadata.precision === 'int8' ? 'int8' : 'fp32';
    const field = receptiveField(config);
    const meta = { arch, config, convention, receptiveField: field, source: metadata.source };
    // a blocked graph (built for one machine's CPU blocks) runs as is: its layers are rearranged
    const rebuildable = precision === 'fp32' && metadata.channel_block === undefined;
    let read: HifiganWeights | undefined;
    const weights = rebuildable
      ? () => (read ??= weightsFromGraph(graph.initializers, config))
      : undefined;
    const build =
      weights === undefined
        ? undefined
        : (options: GeneratorGraphOptions) => buildGeneratorGraph(config, weights(), meta, options);
    const parameters = graph.initializers
      .filter((t) => /\.(weight|bias|weight_int8)$/.test(t.name))
      .reduce((sum, t) => sum + t.elementCount, 0);
    return {
      onnx,
      arch,
      config,
      convention,
      hop: hopOf(config),
      receptiveField: field,
      parameters,
      precision,
      build,
      weights,
    };
  } catch (cause) {
    if (isVocoderError(cause)) throw cause;
    throw new ModelError('E_MODEL_CONFIG', `${label} has malformed voirs-vocoder metadata.`, {
      cause,
    });
  }
}

/** Parameters of the folded generator (weights and biases). */
function countParameters(weights: HifiganWeights): number {
  const layers = [weights.convPre, ...weights.ups, ...weights.resblocks.flat(2), weights.convPost];
  return layers.reduce((sum, l) => sum + l.weight.length + l.bias.length, 0);
}
