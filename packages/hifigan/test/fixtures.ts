/** The committed goldens (see fixtures/README.md) and helpers to compare audio. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HIFIGAN_PRESET, createMel, type MelSpectrogram } from '@voirs/core';
import { readNpy } from '@voirs/dsp';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixtureArray(name: string): Float32Array {
  const npy = readNpy(readFileSync(join(DIR, name)));
  if (npy.dtype !== 'float32') throw new Error(`${name} is not float32`);
  return npy.data;
}

export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Record<string, unknown>;
}

/** The golden mel (LJ001-0003 excerpt, hifigan preset), optionally its first `frames` frames. */
export function goldenMel(frames?: number): MelSpectrogram {
  const data = fixtureArray('mel.npy');
  const total = data.length / 80;
  const n = frames ?? total;
  const out = new Float32Array(80 * n);
  for (let m = 0; m < 80; m++) out.set(data.subarray(m * total, m * total + n), m * n);
  return createMel(out, 80, HIFIGAN_PRESET);
}

/** `batch` different excerpts of the golden mel, `frames` frames each, as [batch, 80, frames]. */
export function goldenMelExcerpts(batch: number, frames: number): Float32Array {
  const source = goldenMel();
  const out = new Float32Array(batch * 80 * frames);
  for (let b = 0; b < batch; b++)
    for (let m = 0; m < 80; m++) {
      const from = m * source.frames + ((b * 17) % Math.max(1, source.frames - frames));
      out.set(source.data.subarray(from, from + frames), (b * 80 + m) * frames);
    }
  return out;
}

/** Max abs difference and SNR against a reference (`compareWaveforms` of core's testing helpers). */
export { compareWaveforms as compare } from '@voirs/core/testing';
