/**
 * The `griffinlim` vocoder plugin (model-free, no backend). Register it with
 * `register(griffinLimPlugin)` from `@voirs/core`, or import `@voirs/dsp/register`.
 */
import {
  HIFIGAN_PRESET,
  throwIfAborted,
  type Vocoder,
  type VocoderCreateOptions,
  type VocoderPlugin,
} from '@voirs/core';
import { GriffinLimVocoder } from './griffinlim-vocoder.js';

/** The plugin's registry name. */
export const GRIFFINLIM_NAME = 'griffinlim';

/** The Griffin-Lim vocoder plugin. `create({ convention })` takes a preset name or a convention (default `hifigan`). */
export const griffinLimPlugin: VocoderPlugin = Object.freeze({
  kind: 'vocoder' as const,
  name: GRIFFINLIM_NAME,
  description:
    'Model-free mel inversion: NNLS filterbank inversion and fast Griffin-Lim (momentum 0.99).',
  capabilities: Object.freeze(['model-free', 'streaming', 'browser']),
  features: Object.freeze(['streaming', 'deterministic', 'seed', 'quality-levels'] as const),
  convention: HIFIGAN_PRESET,
  requiresModel: false,
  requiresBackend: false,
  async create(options: VocoderCreateOptions = {}): Promise<Vocoder> {
    throwIfAborted(options.signal);
    return new GriffinLimVocoder(options.convention);
  },
});
