/** The committed goldens (see fixtures/README.md), the models they were made with, and helpers. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  WAVEGLOW_PRESET,
  concatMelFrames,
  createMel,
  sliceMelFrames,
  type MelConvention,
  type MelSpectrogram,
  type ModelSource,
} from '@voirs/core';
import { writeSafetensors } from '@voirs/checkpoint';
import { readNpy, type NpyArray } from '@voirs/dsp';
import { WAVEGLOW_CONFIG, type WaveglowConfig } from '../src/index.js';
import { hashStateDict } from './hash-weights.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, name)));
}

export function fixtureNpy(name: string): Extract<NpyArray, { dtype: 'float32' }> {
  const npy = readNpy(fixtureBytes(name));
  if (npy.dtype !== 'float32') throw new Error(`${name} is not float32`);
  return npy;
}

/** The golden mel (LJ001-0001 excerpt, waveglow preset, [80, 25]). */
export function goldenMel(): MelSpectrogram {
  return createMel(fixtureNpy('mel.npy').data, 80, WAVEGLOW_PRESET);
}

/** The first `bands` bands of the golden mel, as a mel of `convention`, repeated to `frames` frames. */
export function melOf(convention: MelConvention, frames = 25): MelSpectrogram {
  const full = fixtureNpy('mel.npy').data;
  const base = createMel(full.slice(0, convention.nMels * 25), convention.nMels, convention);
  const parts: MelSpectrogram[] = [];
  for (let left = frames; left > 0; left -= base.frames)
    parts.push(sliceMelFrames(base, 0, Math.min(left, base.frames)));
  return concatMelFrames(parts);
}

/** The hash-weight model of the goldens: NVIDIA's layout with WN 3 layers x 16 channels. */
export const HASH_CONFIG: WaveglowConfig = {
  ...WAVEGLOW_CONFIG,
  wn: { nLayers: 3, nChannels: 16, kernelSize: 3 },
};

/** NVIDIA's config.json for {@link HASH_CONFIG} (the keys train.py reads). */
export const HASH_CONFIG_JSON = {
  train_config: {
    output_directory: 'checkpoints',
    epochs: 100000,
    learning_rate: 1e-4,
    sigma: 1.0,
  },
  data_config: {
    segment_length: 16000,
    sampling_rate: 22050,
    filter_length: 1024,
    hop_length: 256,
    win_length: 1024,
    mel_fmin: 0.0,
    mel_fmax: 8000.0,
  },
  waveglow_config: {
    n_mel_channels: 80,
    n_flows: 12,
    n_group: 8,
    n_early_every: 4,
    n_early_size: 2,
    WN_config: { n_layers: 3, n_channels: 16, kernel_size: 3 },
  },
};

/** The hash-weight model as a state-dict checkpoint (safetensors) with its config.json. */
export function hashSource(): ModelSource {
  return {
    bytes: writeSafetensors(hashStateDict(HASH_CONFIG)),
    config: HASH_CONFIG_JSON,
    name: 'hash.safetensors',
  };
}

/** An unusual layout of the goldens: group 6, kernel 5, hop 24, two early outputs of 2 channels. */
export const ODD_CONFIG: WaveglowConfig = {
  nMelChannels: 3,
  nFlows: 5,
  nGroup: 6,
  nEarlyEvery: 2,
  nEarlySize: 2,
  wn: { nLayers: 3, nChannels: 6, kernelSize: 5 },
  upsampleKernel: 60,
  upsampleStride: 24,
};

/** The odd layout as a bare state dict; only the hop comes from config.json (it is not in the weights). */
export function oddSource(): ModelSource {
  return {
    bytes: writeSafetensors(hashStateDict(ODD_CONFIG)),
    config: { data_config: { hop_length: 24 } },
    name: 'odd.safetensors',
  };
}

/** The tiny whole-module checkpoint (legacy serialisation). */
export function tinySource(): ModelSource {
  return { bytes: fixtureBytes('tiny-glow.pt'), name: 'tiny-glow.pt' };
}

/** Max abs difference and SNR against a reference (`compareWaveforms` of core's testing helpers). */
export { compareWaveforms as compare } from '@voirs/core/testing';
