/**
 * The `griffinlim` vocoder plugin (model-free, no backend). Register it with
 * `register(griffinLimPlugin)` from `@voirs/core`, or import `@voirs/dsp/register`.
 */
import {
  ConfigError,
  HIFIGAN_PRESET,
  getMelPreset,
  throwIfAborted,
  type MelConvention,
  type Vocoder,
  type VocoderCreateOptions,
  type VocoderPlugin,
} from '@voirs/core';
import { validateConvention } from '../spectral/mel-frontend.js';
import { GriffinLimVocoder } from './griffinlim-vocoder.js';

/** The plugin's registry name. */
export const GRIFFINLIM_NAME = 'griffinlim';

/** Resolves and checks the convention a Griffin-Lim vocoder should invert. */
function resolveConvention(convention: MelConvention | string | undefined): MelConvention {
  const c =
    convention === undefined
      ? HIFIGAN_PRESET
      : typeof convention === 'string'
        ? getMelPreset(convention)
        : convention;
  validateConvention(c);
  if (c.hop >= c.win) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `Griffin-Lim cannot invert the "${c.name}" convention: its hop (${c.hop}) must be shorter than its window (${c.win}) ` +
        'for the frames to overlap.',
    );
  }
  return c;
}

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
    return new GriffinLimVocoder(resolveConvention(options.convention));
  },
});
