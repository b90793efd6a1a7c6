/**
 * The mel conventions of the official checkpoints, exactly as their training code computed them
 * (see REFERENCE.md of the project). These are data only; `@voirs/dsp` computes them.
 */
import { RegistryError } from './errors.js';
import type { MelConvention } from './mel.js';

/** jik876/hifi-gan `mel_spectrogram()`: uncentred STFT after reflect-padding (nFft - hop) / 2. */
export const HIFIGAN_PRESET: MelConvention = Object.freeze({
  name: 'hifigan',
  sampleRate: 22050,
  nFft: 1024,
  hop: 256,
  win: 1024,
  window: 'hann',
  center: false,
  padding: 384,
  power: 1,
  magnitudeEps: 1e-9,
  windowNormalized: false,
  nMels: 80,
  fmin: 0,
  fmax: 8000,
  melScale: 'slaney',
  filterNorm: 'slaney',
  log: Object.freeze({ base: 'e', scale: 1, floor: 1e-5 }),
  normalization: 'none',
});

/** lmnt-com/diffwave preprocessing: torchaudio MelSpectrogram(normalized=True), dB, [0, 1] range. */
export const DIFFWAVE_PRESET: MelConvention = Object.freeze({
  name: 'diffwave',
  sampleRate: 22050,
  nFft: 1024,
  hop: 256,
  win: 1024,
  window: 'hann',
  center: true,
  padding: 0,
  power: 1,
  magnitudeEps: 0,
  windowNormalized: true,
  nMels: 80,
  fmin: 20,
  fmax: 11025,
  melScale: 'htk',
  filterNorm: 'none',
  log: Object.freeze({ base: 10, scale: 20, floor: 1e-5 }),
  normalization: Object.freeze({ refDb: 20, minDb: -100 }),
});

/** NVIDIA Tacotron 2 `TacotronSTFT` (WaveGlow): centred STFT, no epsilon, natural log. */
export const WAVEGLOW_PRESET: MelConvention = Object.freeze({
  name: 'waveglow',
  sampleRate: 22050,
  nFft: 1024,
  hop: 256,
  win: 1024,
  window: 'hann',
  center: true,
  padding: 0,
  power: 1,
  magnitudeEps: 0,
  windowNormalized: false,
  nMels: 80,
  fmin: 0,
  fmax: 8000,
  melScale: 'slaney',
  filterNorm: 'slaney',
  log: Object.freeze({ base: 'e', scale: 1, floor: 1e-5 }),
  normalization: 'none',
});

/** The built-in presets by name. */
export const MEL_PRESETS: Readonly<Record<'hifigan' | 'diffwave' | 'waveglow', MelConvention>> =
  Object.freeze({
    hifigan: HIFIGAN_PRESET,
    diffwave: DIFFWAVE_PRESET,
    waveglow: WAVEGLOW_PRESET,
  });

/** Name of a built-in preset. */
export type MelPresetName = keyof typeof MEL_PRESETS;

/** Looks a preset up by name, throwing `E_PLUGIN_NOT_FOUND` with the valid names otherwise. */
export function getMelPreset(name: string): MelConvention {
  // own keys only: "constructor" or "__proto__" must not reach Object.prototype
  const preset = Object.hasOwn(MEL_PRESETS, name)
    ? (MEL_PRESETS as Record<string, MelConvention>)[name]
    : undefined;
  if (preset === undefined) {
    throw new RegistryError(
      'E_PLUGIN_NOT_FOUND',
      `Unknown mel preset "${name}". Available presets: ${Object.keys(MEL_PRESETS).join(', ')}.`,
    );
  }
  return preset;
}

/** Returns a copy of `base` with some fields replaced (e.g. another sample rate or band count). */
export function deriveConvention(
  base: MelConvention,
  changes: Partial<MelConvention>,
): MelConvention {
  return Object.freeze({ ...base, ...changes });
}
