/**
 * The mel convention a WaveGlow consumes: the `waveglow` preset (Tacotron 2 STFT), adjusted to the
 * model's band count and hop and to config.json's `data_config`.
 */
import { ModelError, WAVEGLOW_PRESET, deriveConvention, type MelConvention } from '@voirs/core';
import type { WaveglowConfig } from './config.js';
import type { FrontendKeys } from './config-json.js';

/**
 * The convention of a configuration. Equal to `WAVEGLOW_PRESET` for NVIDIA's models; otherwise a
 * derived convention named `waveglow-custom`.
 * @throws ModelError `E_MODEL_CONFIG` when `data_config` contradicts the weights (hop, band count).
 */
export function conventionFor(config: WaveglowConfig, frontend: FrontendKeys = {}): MelConvention {
  if (frontend.hop_length !== undefined && frontend.hop_length !== config.upsampleStride) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      `config.json: data_config.hop_length ${frontend.hop_length} differs from the upsampler's stride ` +
        `${config.upsampleStride} (samples per mel frame). Use the config.json that belongs to this checkpoint.`,
    );
  }
  if (frontend.n_mel_channels !== undefined && frontend.n_mel_channels !== config.nMelChannels) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      `config.json: data_config.n_mel_channels ${frontend.n_mel_channels} differs from the model's ` +
        `${config.nMelChannels} mel channels.`,
    );
  }
  const sampleRate = frontend.sampling_rate ?? WAVEGLOW_PRESET.sampleRate;
  const changes = {
    sampleRate,
    nFft: frontend.filter_length ?? WAVEGLOW_PRESET.nFft,
    hop: config.upsampleStride,
    win: frontend.win_length ?? WAVEGLOW_PRESET.win,
    nMels: config.nMelChannels,
    fmin: frontend.mel_fmin ?? WAVEGLOW_PRESET.fmin,
    // Tacotron 2 passes mel_fmax to librosa: null means Nyquist
    fmax:
      frontend.mel_fmax === undefined
        ? WAVEGLOW_PRESET.fmax
        : (frontend.mel_fmax ?? sampleRate / 2),
  };
  const same = (Object.keys(changes) as (keyof typeof changes)[]).every(
    (k) => changes[k] === WAVEGLOW_PRESET[k],
  );
  return same
    ? WAVEGLOW_PRESET
    : deriveConvention(WAVEGLOW_PRESET, { ...changes, name: 'waveglow-custom' });
}
