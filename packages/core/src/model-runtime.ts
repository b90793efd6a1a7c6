/**
 * What every model-backed vocoder plugin does first in `create()`: check that it got a model and a
 * backend, validate the model config, and turn it into session options. Also the error wrapper that
 * names the model in configuration errors.
 */
import type { Backend, SessionOptions } from './backend.js';
import { PRECISIONS, parseModelConfig, type ModelConfig, type Precision } from './config.js';
import { BackendError, ConfigError, ModelError, isVocoderError, throwIfAborted } from './errors.js';
import type { ConvertOptions, ModelSource, VocoderCreateOptions } from './vocoder.js';

/** The checked inputs of a model vocoder's `create()`. */
export interface ModelRuntime {
  readonly model: ModelSource;
  readonly backend: Backend;
  readonly modelConfig: ModelConfig;
  /** `options.sessionOptions` with the model config's thread counts applied. */
  readonly sessionOptions: SessionOptions;
}

/** How a plugin describes itself in these errors. */
export interface ModelRuntimeSpec {
  /** Plugin name, e.g. `hifigan`. */
  readonly name: string;
  /** What a model is for this plugin, e.g. "an official HiFi-GAN checkpoint (with its config.json)". */
  readonly modelHint: string;
  /** Precisions the plugin can run (default: fp32 only). */
  readonly precisions?: readonly Precision[];
}

/**
 * Validates a model vocoder's create options.
 * @throws ModelError `E_MODEL_NOT_FOUND` without a model; BackendError `E_BACKEND_UNAVAILABLE`
 * without a backend; ConfigError `E_CONFIG_INVALID` for a bad model config and
 * `E_UNSUPPORTED_FEATURE` for a precision the plugin cannot run; `E_ABORTED`.
 */
export function modelRuntime(options: VocoderCreateOptions, spec: ModelRuntimeSpec): ModelRuntime {
  throwIfAborted(options.signal);
  if (options.model === undefined) {
    throw new ModelError(
      'E_MODEL_NOT_FOUND',
      `The ${spec.name} vocoder needs a model: ${spec.modelHint}, a converted .onnx, or an imported model name.`,
    );
  }
  if (options.backend === undefined) {
    throw new BackendError(
      'E_BACKEND_UNAVAILABLE',
      `The ${spec.name} vocoder needs a backend: register @voirs/backend-node (Node) or @voirs/backend-web (browsers).`,
    );
  }
  const modelConfig = parseModelConfig(options.modelConfig);
  assertPrecision(modelConfig.precision, spec);
  const sessionOptions: SessionOptions = {
    ...options.sessionOptions,
    ...(modelConfig.threads === undefined ? {} : { intraOpThreads: modelConfig.threads }),
    ...(modelConfig.interOpThreads === undefined
      ? {}
      : { interOpThreads: modelConfig.interOpThreads }),
  };
  return { model: options.model, backend: options.backend, modelConfig, sessionOptions };
}

function assertPrecision(precision: Precision, spec: Omit<ModelRuntimeSpec, 'modelHint'>): void {
  const precisions = spec.precisions ?? ['fp32'];
  if (!precisions.includes(precision)) {
    throw new ConfigError(
      'E_UNSUPPORTED_FEATURE',
      `The ${spec.name} vocoder runs in ${precisions.join(' or ')}; precision "${precision}" is not available.`,
    );
  }
}

/** The checked precision of a plugin's `convert()`, with the backend a quantised one calibrates on. */
export type ConvertPrecision =
  | { readonly precision: 'fp32' }
  | { readonly precision: Exclude<Precision, 'fp32'>; readonly backend: Backend };

/**
 * Validates the precision asked of a plugin's `convert()` (default fp32).
 * @throws ConfigError `E_UNSUPPORTED_FEATURE` for a precision the plugin cannot produce;
 * BackendError `E_BACKEND_UNAVAILABLE` for a quantised precision without a backend to calibrate on.
 */
export function convertPrecision(
  options: ConvertOptions,
  spec: Omit<ModelRuntimeSpec, 'modelHint'>,
): ConvertPrecision {
  const precision = options.precision ?? 'fp32';
  if (!(PRECISIONS as readonly unknown[]).includes(precision)) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `Unknown precision ${JSON.stringify(precision)}: expected ${PRECISIONS.join(', ')}.`,
    );
  }
  assertPrecision(precision, spec);
  if (precision === 'fp32') return { precision };
  if (options.backend === undefined) {
    throw new BackendError(
      'E_BACKEND_UNAVAILABLE',
      `Converting to ${precision} calibrates the model on a backend: pass convert(source, { precision, backend }).`,
    );
  }
  return { precision, backend: options.backend };
}

/**
 * Runs `work`, prefixing the message of a configuration error (`E_MODEL_ARCH`, `E_MODEL_CONFIG`)
 * with `label` (the model's file or catalog name) so the user knows which model is meant.
 */
export function withModelLabel<T>(label: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (
      isVocoderError(error) &&
      (error.code === 'E_MODEL_ARCH' || error.code === 'E_MODEL_CONFIG')
    ) {
      throw new ModelError(error.code, `${label}: ${error.message}`, {
        cause: error,
        details: error.details,
      });
    }
    throw error;
  }
}
