/** The committed goldens (see fixtures/README.md) and helpers to compare audio. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIFFWAVE_PRESET, createMel, type MelSpectrogram } from '@voirs/core';
import { readNpy } from '@voirs/dsp';
import type { NoiseArray } from '../src/index.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const fixturePath = (name: string): string => join(DIR, name);

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, name)));
}

export function fixtureArray(name: string): Float32Array {
  const npy = readNpy(fixtureBytes(name));
  if (npy.dtype !== 'float32') throw new Error(`${name} is not float32`);
  return npy.data;
}

export function fixtureJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(DIR, name), 'utf8')) as T;
}

/** The golden mel: LJ001-0001 excerpt, diffwave preset, [80, 8] (2048 output samples). */
export function goldenMel(): MelSpectrogram {
  return createMel(fixtureArray('mel.npy'), 80, DIFFWAVE_PRESET);
}

/** torch.randn noise [6, 2048]: row 0 is x_T, rows 1..5 the noise of the fast schedule's steps. */
export function goldenNoise(): NoiseArray {
  const npy = readNpy(fixtureBytes('noise.npy'));
  if (npy.dtype !== 'float32') throw new Error('noise.npy is not float32');
  return { data: npy.data, shape: npy.shape };
}

/** Row `k` of an [S, N] array. */
export function row(data: Float32Array, k: number, n: number): Float32Array {
  return data.slice(k * n, (k + 1) * n);
}

/** Max abs difference and SNR against a reference (`compareWaveforms` of core's testing helpers). */
export { compareWaveforms as compare } from '@voirs/core/testing';
