/**
 * From whatever the user has (NVIDIA's whole-module checkpoint, a state dict with or without its
 * config.json, safetensors, or an ONNX model this package converted) to checked weights, the
 * configuration and the mel convention.
 */
import {
  ModelError,
  withModelLabel,
  type MelConvention,
  type ModelSource,
  type ReceptiveField,
} from '@voirs/core';
import {
  detectFormat,
  isModuleRecord,
  loadTorchCheckpoint,
  loadWeights,
  moduleRecords,
  stateDict,
  weightsRoot,
  type TensorData,
} from '@voirs/checkpoint';
import { readOnnxModel } from '@voirs/onnx';
import {
  WAVEGLOW_CONFIG,
  describeConfig,
  sameConfig,
  validateConfig,
  type WaveglowConfig,
} from './config.js';
import { parseWaveglowJson, type WaveglowJson } from './config-json.js';
import { conventionFor } from './convention.js';
import { buildWaveglowGraph } from './graph.js';
import { weightsFromGraph } from './graph-weights.js';
import { WAVEGLOW_GLOBALS, configFromModule } from './module-config.js';
import { receptiveField } from './receptive-field.js';
import {
  countParameters,
  extractWeights,
  inferConfig,
  normalizeStateDict,
  type WaveglowWeights,
} from './weights.js';

/** A WaveGlow ready to be turned into sessions. */
export interface WaveglowModel {
  /** `nvidia` (NVIDIA's published configuration) or `custom`. */
  readonly arch: string;
  readonly config: WaveglowConfig;
  readonly convention: MelConvention;
  /** Audio samples per mel frame (the upsampler's stride). */
  readonly hop: number;
  readonly receptiveField: ReceptiveField;
  readonly parameters: number;
  readonly weights: WaveglowWeights;
  /** The whole inverse pass as one self-contained ONNX model (built on demand; large). */
  readonly graph: () => Uint8Array;
}

/** Options of {@link prepareWaveglowModel}. */
export interface PrepareOptions {
  /** `nvidia`: require NVIDIA's published configuration (the weights are checked against it). */
  readonly arch?: string;
}

/** The built-in architecture names. */
export const WAVEGLOW_ARCHS: Readonly<Record<string, WaveglowConfig>> = Object.freeze({
  nvidia: WAVEGLOW_CONFIG,
});

/** `nvidia` for NVIDIA's published configuration, else `custom`. */
export function archName(config: WaveglowConfig): string {
  return Object.entries(WAVEGLOW_ARCHS).find(([, c]) => sameConfig(c, config))?.[0] ?? 'custom';
}

interface Loaded {
  readonly stateDict: Map<string, TensorData>;
  /** The configuration of a whole pickled module. */
  readonly module?: WaveglowConfig;
}

function load(bytes: Uint8Array): Loaded {
  const format = detectFormat(bytes);
  if (format !== 'torch-zip' && format !== 'torch-legacy')
    return { stateDict: normalizeStateDict(loadWeights(bytes)) };
  const { object } = loadTorchCheckpoint(bytes, { allowGlobals: WAVEGLOW_GLOBALS });
  const module = isModuleRecord(weightsRoot(object))
    ? configFromModule(moduleRecords(object))
    : undefined;
  return { stateDict: normalizeStateDict(stateDict(object)), module };
}

/**
 * The configuration to check the weights against: the module attributes, else config.json, else
 * the shapes; `arch`, when given, must name that configuration.
 */
function chooseConfig(
  loaded: Loaded,
  json: WaveglowJson | undefined,
  arch: string | undefined,
): WaveglowConfig {
  const stride =
    loaded.module?.upsampleStride ?? json?.frontend.hop_length ?? WAVEGLOW_CONFIG.upsampleStride;
  const inferred = inferConfig(loaded.stateDict, stride);
  const fromJson =
    json?.flows === undefined
      ? undefined
      : validateConfig({
          ...json.flows,
          nMelChannels: json.flows.nMelChannels ?? inferred.nMelChannels,
          upsampleKernel: inferred.upsampleKernel,
          upsampleStride: stride,
        });
  if (
    loaded.module !== undefined &&
    fromJson !== undefined &&
    !sameConfig(loaded.module, fromJson)
  ) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      `config.json (${describeConfig(fromJson)}) disagrees with the pickled module (${describeConfig(loaded.module)}).`,
    );
  }
  const config = loaded.module ?? fromJson ?? inferred;
  if (arch !== undefined) {
    const key = arch.toLowerCase();
    // own keys only: "constructor" or "__proto__" must not reach Object.prototype
    const wanted = Object.hasOwn(WAVEGLOW_ARCHS, key) ? WAVEGLOW_ARCHS[key] : undefined;
    if (wanted === undefined) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `Unknown WaveGlow architecture "${arch}". Built-in: ${Object.keys(WAVEGLOW_ARCHS).join(', ')}.`,
      );
    }
    if (!sameConfig(config, wanted)) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `The checkpoint is not the "${arch}" architecture (${describeConfig(wanted)}): it has ${describeConfig(config)}.`,
      );
    }
  }
  return config;
}

/**
 * Prepares a model source. ONNX bytes must carry this package's metadata (a model converted by
 * `convert` / `voirs-vocoder models import`). Torch checkpoints are read through the safe
 * unpickler with `glow.WaveGlow`, `glow.WN` and `glow.Invertible1x1Conv` allowed as inert records;
 * the configuration comes from the pickled module's attributes, else `source.config` (NVIDIA's
 * config.json), else the tensor shapes (with the stride taken as 256); `options.arch` (`nvidia`)
 * requires it to be that architecture. Every tensor is checked against the configuration.
 * @throws ModelError `E_MODEL_ARCH` / `E_MODEL_CONFIG` when weights and configuration disagree,
 * `E_CHECKPOINT_UNSUPPORTED` for older NVIDIA layouts; the checkpoint readers' errors.
 */
export function prepareWaveglowModel(
  source: ModelSource,
  options: PrepareOptions = {},
): WaveglowModel {
  if (!(source?.bytes instanceof Uint8Array))
    throw new TypeError('model.bytes must be a Uint8Array');
  const label = source.name ?? 'the model';
  if (detectFormat(source.bytes) === 'onnx') return describeOnnxModel(source.bytes, label);
  return withModelLabel(label, () => {
    const loaded = load(source.bytes);
    const json =
      source.config === undefined
        ? undefined
        : parseWaveglowJson(source.config, `the config.json of ${label}`);
    const config = chooseConfig(loaded, json, options.arch);
    const weights = extractWeights(loaded.stateDict, config);
    return assemble(config, weights, conventionFor(config, json?.frontend), source.name);
  });
}

function assemble(
  config: WaveglowConfig,
  weights: WaveglowWeights,
  convention: MelConvention,
  source: string | undefined,
  onnx?: Uint8Array,
): WaveglowModel {
  const arch = archName(config);
  const field = receptiveField(config);
  const graph = () =>
    onnx ??
    buildWaveglowGraph(config, weights, {
      arch,
      config,
      convention,
      receptiveField: field,
      source,
    });
  return {
    arch,
    config,
    convention,
    hop: config.upsampleStride,
    receptiveField: field,
    parameters: countParameters(weights),
    weights,
    graph,
  };
}

/**
 * Reads a WaveGlow ONNX model made by this package (its metadata and weights).
 * @throws ModelError `E_MODEL_CONFIG` for ONNX models without it (e.g. a plain torch.onnx.export).
 */
export function describeOnnxModel(onnx: Uint8Array, label = 'the ONNX model'): WaveglowModel {
  const { metadata, graph } = readOnnxModel(onnx);
  if (
    metadata.voirs_vocoder !== 'waveglow' ||
    metadata.waveglow_config === undefined ||
    metadata.mel_convention === undefined
  ) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      `${label} is an ONNX model without voirs-vocoder WaveGlow metadata (config, mel convention). ` +
        'Convert the original checkpoint instead: voirs-vocoder models import <checkpoint>.',
    );
  }
  return withModelLabel(label, () => {
    let config: WaveglowConfig;
    let convention: MelConvention;
    try {
      config = JSON.parse(metadata.waveglow_config!) as WaveglowConfig;
      const parsed = JSON.parse(metadata.mel_convention!) as MelConvention;
      convention = Object.freeze({ ...parsed, log: Object.freeze({ ...parsed.log }) });
    } catch (cause) {
      throw new ModelError('E_MODEL_CONFIG', 'the voirs-vocoder metadata is not valid JSON.', {
        cause,
      });
    }
    validateConfig(config);
    return assemble(
      config,
      weightsFromGraph(graph.initializers, config),
      convention,
      metadata.source,
      onnx,
    );
  });
}
