/**
 * From whatever the user has (an official DiffWave checkpoint, a bare state dict, safetensors, or
 * an ONNX model this package converted earlier) to a runnable ONNX denoiser and the facts the
 * samplers need about it (configuration, schedules, mel convention).
 */
import {
  deriveConvention,
  DIFFWAVE_PRESET,
  isVocoderError,
  ModelError,
  withModelLabel,
  type MelConvention,
  type ModelSource,
  type ReceptiveField,
} from '@voirs/core';
import {
  detectFormat,
  loadTorchCheckpoint,
  loadWeights,
  stateDict as readStateDict,
  type TensorData,
} from '@voirs/checkpoint';
import { readOnnxModel } from '@voirs/onnx';
import { checkpointParams, parseParams, type DiffwaveParams } from './checkpoint-params.js';
import { DIFFWAVE_HOP, archName, validateConfig, type DiffwaveConfig } from './config.js';
import { buildDenoiserGraph } from './graph.js';
import { receptiveField } from './receptive-field.js';
import { linearBetas } from './schedule/beta-families.js';
import { validateBetas } from './schedule/validate-betas.js';
import { countParameters, extractWeights, inferConfig, stripModulePrefix } from './weights.js';

/** The class official checkpoints pickle their `params` as; allowed as an inert record. */
export const PARAMS_CLASS = 'diffwave.params.AttrDict';
/** The official training schedule: `linspace(1e-4, 0.05, 50)`. */
export const OFFICIAL_TRAINING_BETAS: readonly number[] = linearBetas(50, 1e-4, 0.05);
/** The official fast inference schedule. */
export const OFFICIAL_FAST_BETAS: readonly number[] = Object.freeze([
  1e-4, 1e-3, 1e-2, 0.05, 0.2, 0.5,
]);

/** A denoiser ready to run. */
export interface DiffwaveModel {
  /** Self-contained ONNX bytes (weights embedded, metadata props set). */
  readonly onnx: Uint8Array;
  /** `base`, or `<layers>x<channels>` (`-uncond`). */
  readonly arch: string;
  readonly config: DiffwaveConfig;
  /** The mel convention the model was trained on. */
  readonly convention: MelConvention;
  /** The training schedule (betas); the `full` inference schedule. */
  readonly trainingBetas: readonly number[];
  /** The model's fast inference schedule. */
  readonly fastBetas: readonly number[];
  readonly hop: number;
  readonly receptiveField: ReceptiveField;
  readonly parameters: number;
}

/** Overrides of what the checkpoint (or its params) says. */
export interface PrepareOptions {
  /** Dilation cycle (not visible in the weights; default: the params', else 10). */
  readonly dilationCycle?: number;
  /** Training schedule betas (default: the params' `noise_schedule`, else the official linear 50). */
  readonly trainingSchedule?: readonly number[];
  /** Fast schedule betas (default: the params' `inference_noise_schedule`, else the official six). */
  readonly fastSchedule?: readonly number[];
}

/** The `diffwave` preset adapted to a checkpoint's frontend params (official preprocess.py). */
export function conventionFor(params: DiffwaveParams, nMels: number): MelConvention {
  const sampleRate = params.sampleRate ?? DIFFWAVE_PRESET.sampleRate;
  const nFft = params.nFft ?? DIFFWAVE_PRESET.nFft;
  const changes = { sampleRate, nFft, win: 4 * DIFFWAVE_HOP, fmax: sampleRate / 2, nMels };
  const same = (Object.keys(changes) as (keyof typeof changes)[]).every(
    (k) => changes[k] === DIFFWAVE_PRESET[k],
  );
  return same
    ? DIFFWAVE_PRESET
    : deriveConvention(DIFFWAVE_PRESET, { ...changes, name: `diffwave-${sampleRate}-${nMels}` });
}

/** Later sources win; undefined values never override. */
function mergeParams(...sources: (DiffwaveParams | undefined)[]): DiffwaveParams {
  const out: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [k, value] of Object.entries(source ?? {})) if (value !== undefined) out[k] = value;
  }
  return out as DiffwaveParams;
}

function loadStateDict(bytes: Uint8Array): {
  weights: ReadonlyMap<string, TensorData>;
  params?: DiffwaveParams;
} {
  const format = detectFormat(bytes);
  if (format === 'torch-zip' || format === 'torch-legacy') {
    const { object } = loadTorchCheckpoint(bytes, { allowGlobals: [PARAMS_CLASS] });
    return { weights: stripModulePrefix(readStateDict(object)), params: checkpointParams(object) };
  }
  return { weights: stripModulePrefix(loadWeights(bytes)) };
}

/**
 * Prepares a model source. ONNX bytes must carry this package's metadata. Checkpoints (torch zip
 * or legacy with `{'model': state_dict, 'params': AttrDict, ...}`, a bare state dict, safetensors)
 * are converted: the configuration is inferred from the tensor shapes; params come from the
 * checkpoint, then `source.config` (a params/config JSON beside it), then `options`.
 * @throws ModelError `E_MODEL_ARCH` / `E_MODEL_CONFIG` when weights and params disagree;
 * ConfigError `E_SCHEDULE_INVALID` for invalid schedules; the checkpoint readers' errors.
 */
export function prepareDiffwaveModel(
  source: ModelSource,
  options: PrepareOptions = {},
): DiffwaveModel {
  if (!(source?.bytes instanceof Uint8Array))
    throw new TypeError('model.bytes must be a Uint8Array');
  const label = source.name ?? 'the model';
  if (detectFormat(source.bytes) === 'onnx') return describeOnnxModel(source.bytes, label);
  const { weights: stateDict, params: stored } = loadStateDict(source.bytes);
  const params = mergeParams(
    stored,
    source.config === undefined
      ? undefined
      : parseParams(source.config, `the config.json of ${label}`),
    {
      dilationCycle: options.dilationCycle,
      trainingBetas: options.trainingSchedule,
      fastBetas: options.fastSchedule,
    },
  );
  return withModelLabel(label, () => {
    const config = inferConfig(stateDict, params);
    if (
      !config.unconditional &&
      params.hopSamples !== undefined &&
      params.hopSamples !== DIFFWAVE_HOP
    ) {
      throw new ModelError(
        'E_MODEL_CONFIG',
        `hop_samples is ${params.hopSamples}, but the DiffWave spectrogram upsampler is fixed at x${DIFFWAVE_HOP}.`,
      );
    }
    const weights = extractWeights(stateDict, config);
    const trainingBetas = validateBetas(
      params.trainingBetas ?? OFFICIAL_TRAINING_BETAS,
      'training schedule',
    );
    const tableSteps = weights.embeddingTable?.steps;
    if (
      trainingBetas.length < 2 ||
      (tableSteps !== undefined && tableSteps !== trainingBetas.length)
    ) {
      throw new ModelError(
        'E_MODEL_CONFIG',
        `The training schedule has ${trainingBetas.length} steps` +
          (tableSteps === undefined
            ? '; at least 2 are needed.'
            : ` but the stored step table has ${tableSteps} rows.`) +
          ' Give the schedule the model was trained with (params noise_schedule).',
      );
    }
    const fastBetas = validateBetas(params.fastBetas ?? OFFICIAL_FAST_BETAS, 'fast schedule');
    const arch = archName(config);
    const convention = conventionFor(params, config.nMels);
    const field = receptiveField(config);
    const parameters = countParameters(weights);
    const onnx = buildDenoiserGraph(config, weights, {
      arch,
      config,
      convention,
      trainingBetas,
      fastBetas,
      receptiveField: field,
      parameters,
      source: source.name,
    });
    return {
      onnx,
      arch,
      config,
      convention,
      trainingBetas,
      fastBetas,
      hop: DIFFWAVE_HOP,
      receptiveField: field,
      parameters,
    };
  });
}

/**
 * Reads the metadata of an ONNX denoiser made by this package.
 * @throws ModelError `E_MODEL_CONFIG` for ONNX models without it.
 */
export function describeOnnxModel(onnx: Uint8Array, label = 'the ONNX model'): DiffwaveModel {
  const { metadata } = readOnnxModel(onnx);
  const keys = [
    'diffwave_config',
    'mel_convention',
    'training_schedule',
    'fast_schedule',
    'parameters',
  ] as const;
  if (metadata.voirs_vocoder !== 'diffwave' || keys.some((k) => metadata[k] === undefined)) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      `${label} is an ONNX model without voirs-vocoder DiffWave metadata (config, schedules, mel convention). ` +
        'Convert the original checkpoint instead: voirs-vocoder models import <checkpoint>.',
    );
  }
  try {
    const config = validateConfig(JSON.parse(metadata.diffwave_config!) as DiffwaveConfig);
    const parsed = JSON.parse(metadata.mel_convention!) as MelConvention;
    const normalization =
      parsed.normalization === 'none' ? 'none' : Object.freeze({ ...parsed.normalization });
    const convention: MelConvention = Object.freeze({
      ...parsed,
      log: Object.freeze({ ...parsed.log }),
      normalization,
    });
    const trainingBetas = validateBetas(
      JSON.parse(metadata.training_schedule!) as number[],
      'training schedule',
    );
    const fastBetas = validateBetas(
      JSON.parse(metadata.fast_schedule!) as number[],
      'fast schedule',
    );
    const parameters = Number(metadata.parameters);
    if (!Number.isSafeInteger(parameters) || parameters < 1)
      throw new Error('the parameters prop is not a positive integer');
    return {
      onnx,
      arch: metadata.arch ?? archName(config),
      config,
      convention,
      trainingBetas,
      fastBetas,
      hop: DIFFWAVE_HOP,
      receptiveField: receptiveField(config),
      parameters,
    };
  } catch (cause) {
    if (isVocoderError(cause)) throw cause;
    throw new ModelError(
      'E_MODEL_CONFIG',
      `${label} has malformed voirs-vocoder DiffWave metadata.`,
      { cause },
    );
  }
}
