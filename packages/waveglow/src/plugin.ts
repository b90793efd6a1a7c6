/**
 * The `waveglow` vocoder plugin: NVIDIA WaveGlow checkpoints (whole pickled modules or state
 * dicts, any configuration) or models converted from them, on any registered backend.
 */
import {
  BackendError,
  ConfigError,
  ModelError,
  WAVEGLOW_PRESET,
  parseModelConfig,
  throwIfAborted,
  type ConvertOptions,
  type ConvertedModel,
  type ModelSource,
  type SessionOptions,
  type Vocoder,
  type VocoderCreateOptions,
  type VocoderPlugin,
} from '@voirs/core';
import { prepareWaveglowModel } from './model.js';
import { WaveglowRunner } from './runner.js';
import { WaveglowVocoder } from './vocoder.js';

/** The plugin's registry name. */
export const WAVEGLOW_NAME = 'waveglow';

async function convert(source: ModelSource, options: ConvertOptions = {}): Promise<ConvertedModel> {
  throwIfAborted(options.signal);
  const model = prepareWaveglowModel(source, { arch: options.arch });
  return {
    onnx: model.graph(),
    arch: model.arch,
    convention: model.convention,
    parameters: model.parameters,
  };
}

export const waveglowPlugin: VocoderPlugin = Object.freeze({
  kind: 'vocoder' as const,
  name: WAVEGLOW_NAME,
  priority: 5,
  description:
    'NVIDIA WaveGlow (inverse flow pass, sigma, seeded or explicit noise, bias denoiser), checkpoints converted to ONNX.',
  capabilities: Object.freeze(['neural', 'streaming', 'seed', 'explicit-noise']),
  features: Object.freeze(['streaming', 'seed', 'explicit-noise'] as const),
  convention: WAVEGLOW_PRESET,
  requiresModel: true,
  requiresBackend: true,
  async create(options: VocoderCreateOptions = {}): Promise<Vocoder> {
    throwIfAborted(options.signal);
    if (options.model === undefined) {
      throw new ModelError(
        'E_MODEL_NOT_FOUND',
        'The waveglow vocoder needs a model: an NVIDIA WaveGlow checkpoint (whole module, or a state dict with ' +
          'its config.json), a converted .onnx, or an imported model name.',
      );
    }
    if (options.backend === undefined) {
      throw new BackendError(
        'E_BACKEND_UNAVAILABLE',
        'The waveglow vocoder needs a backend: register @voirs/backend-node (Node) or @voirs/backend-web (browsers).',
      );
    }
    const modelConfig = parseModelConfig(options.modelConfig);
    if (modelConfig.precision !== 'fp32') {
      throw new ConfigError(
        'E_UNSUPPORTED_FEATURE',
        `WaveGlow runs in fp32 here; precision "${modelConfig.precision}" is not available.`,
      );
    }
    const model = prepareWaveglowModel(options.model, { arch: modelConfig.arch });
    const sessionOptions: SessionOptions = {
      ...options.sessionOptions,
      ...(modelConfig.threads === undefined ? {} : { intraOpThreads: modelConfig.threads }),
      ...(modelConfig.interOpThreads === undefined
        ? {}
        : { interOpThreads: modelConfig.interOpThreads }),
    };
    const runner = await WaveglowRunner.create(
      model,
      options.backend,
      sessionOptions,
      options.signal,
    );
    return new WaveglowVocoder(model, runner, options.backend.name);
  },
  convert,
});
