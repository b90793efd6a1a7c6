/**
 * The `hifigan` vocoder plugin: official HiFi-GAN checkpoints (V1, V2, V3, custom configs) or
 * models converted from them, on any registered backend.
 */
import {
  BackendError,
  ConfigError,
  HIFIGAN_PRESET,
  ModelError,
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
import { prepareHifiganModel } from './model.js';
import { quantizeHifiganModel } from './quantization.js';
import { HifiganVocoder } from './vocoder.js';

/** The plugin's registry name. */
export const HIFIGAN_NAME = 'hifigan';

async function convert(source: ModelSource, options: ConvertOptions = {}): Promise<ConvertedModel> {
  throwIfAborted(options.signal);
  const model = prepareHifiganModel(source, { arch: options.arch });
  return { onnx: model.onnx, arch: model.arch, convention: model.convention, parameters: model.parameters };
}

export const hifiganPlugin: VocoderPlugin = Object.freeze({
  kind: 'vocoder' as const,
  name: HIFIGAN_NAME,
  priority: 10,
  description: 'HiFi-GAN generator (jik876 V1/V2/V3 or custom), official checkpoints converted to ONNX.',
  capabilities: Object.freeze(['neural', 'streaming', 'batch']),
  features: Object.freeze(['streaming', 'batch', 'deterministic'] as const),
  convention: HIFIGAN_PRESET,
  requiresModel: true,
  requiresBackend: true,
  async create(options: VocoderCreateOptions = {}): Promise<Vocoder> {
    throwIfAborted(options.signal);
    if (options.model === undefined) {
      throw new ModelError(
        'E_MODEL_NOT_FOUND',
        'The hifigan vocoder needs a model: an official checkpoint (with its config.json), a converted .onnx, ' +
          'or an imported model name.',
      );
    }
    if (options.backend === undefined) {
      throw new BackendError(
        'E_BACKEND_UNAVAILABLE',
        'The hifigan vocoder needs a backend: register @voirs/backend-node (Node) or @voirs/backend-web (browsers).',
      );
    }
    const modelConfig = parseModelConfig(options.modelConfig);
    const precision = modelConfig.precision;
    if (precision === 'fp16') {
      throw new ConfigError('E_UNSUPPORTED_FEATURE', 'HiFi-GAN runs in fp32 or int8 here; fp16 is not available.');
    }
    const prepared = prepareHifiganModel(options.model, { arch: modelConfig.arch });
    const sessionOptions: SessionOptions = {
      ...options.sessionOptions,
      ...(modelConfig.threads === undefined ? {} : { intraOpThreads: modelConfig.threads }),
      ...(modelConfig.interOpThreads === undefined ? {} : { interOpThreads: modelConfig.interOpThreads }),
    };
    const backend = options.backend;
    const model =
      precision === 'int8' && prepared.precision === 'fp32'
        ? await quantizeHifiganModel(prepared, (onnx) => backend.createSession(onnx, sessionOptions))
        : prepared;
    throwIfAborted(options.signal);
    const session = await backend.createSession(model.onnx, sessionOptions);
    const build = model.build;
    return new HifiganVocoder(model, session, backend, sessionOptions, build && (() => build({ masked: true })));
  },
  convert,
});
