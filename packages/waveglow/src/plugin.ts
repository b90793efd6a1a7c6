/**
 * The `waveglow` vocoder plugin: NVIDIA WaveGlow checkpoints (whole pickled modules or state
 * dicts, any configuration) or models converted from them, on any registered backend.
 */
import {
  convertPrecision,
  modelRuntime,
  throwIfAborted,
  WAVEGLOW_PRESET,
  type ConvertedModel,
  type ConvertOptions,
  type ModelSource,
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
  convertPrecision(options, { name: WAVEGLOW_NAME });
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
    const {
      model: source,
      backend,
      modelConfig,
      sessionOptions,
    } = modelRuntime(options, {
      name: WAVEGLOW_NAME,
      modelHint:
        'an NVIDIA WaveGlow checkpoint (whole module, or a state dict with its config.json)',
    });
    const model = prepareWaveglowModel(source, { arch: modelConfig.arch });
    const runner = await WaveglowRunner.create(model, backend, sessionOptions, options.signal);
    return new WaveglowVocoder(model, runner, backend.name);
  },
  convert,
});
