/**
 * The `diffwave` vocoder plugin: official DiffWave checkpoints (or models converted from them) on
 * any registered backend.
 */
import {
  convertPrecision,
  DIFFWAVE_PRESET,
  ModelError,
  modelRuntime,
  throwIfAborted,
  type ConvertedModel,
  type ConvertOptions,
  type ModelSource,
  type Vocoder,
  type VocoderCreateOptions,
  type VocoderPlugin,
} from '@voirs/core';
import { prepareDiffwaveModel } from './model.js';
import { DiffwaveVocoder } from './vocoder.js';

/** The plugin's registry name. */
export const DIFFWAVE_NAME = 'diffwave';

async function convert(source: ModelSource, options: ConvertOptions = {}): Promise<ConvertedModel> {
  throwIfAborted(options.signal);
  convertPrecision(options, { name: DIFFWAVE_NAME });
  const model = prepareDiffwaveModel(source);
  return {
    onnx: model.onnx,
    arch: model.arch,
    convention: model.convention,
    parameters: model.parameters,
  };
}

export const diffwavePlugin: VocoderPlugin = Object.freeze({
  kind: 'vocoder' as const,
  name: DIFFWAVE_NAME,
  priority: 5,
  description:
    'DiffWave (lmnt-com) denoiser as ONNX with DDPM, fast, DDIM and adaptive sampling in TypeScript.',
  capabilities: Object.freeze(['neural', 'diffusion', 'streaming', 'seed']),
  features: Object.freeze(['streaming', 'seed', 'explicit-noise'] as const),
  convention: DIFFWAVE_PRESET,
  requiresModel: true,
  requiresBackend: true,
  async create(options: VocoderCreateOptions = {}): Promise<Vocoder> {
    const {
      model: source,
      backend,
      modelConfig,
      sessionOptions,
    } = modelRuntime(options, {
      name: DIFFWAVE_NAME,
      modelHint: 'an official DiffWave checkpoint (e.g. diffwave-ljspeech-22kHz-1000578.pt)',
    });
    const model = prepareDiffwaveModel(source);
    if (modelConfig.arch !== undefined && modelConfig.arch !== model.arch) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `The model is a DiffWave "${model.arch}" network, not "${modelConfig.arch}": DiffWave reads its ` +
          'architecture from the weights, so leave arch out.',
      );
    }
    if (model.config.unconditional) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `${source.name ?? 'The model'} is an unconditional DiffWave: it generates audio without a mel, so it ` +
          'cannot vocode. Run it with sampleDiffwave(session, model, { samples }) from @voirs/diffwave instead.',
      );
    }
    throwIfAborted(options.signal);
    const session = await backend.createSession(model.onnx, sessionOptions);
    return new DiffwaveVocoder(model, session, backend);
  },
  convert,
});
