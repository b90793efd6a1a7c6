import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatMelFrames, sliceMelFrames, type MelSpectrogram, type Vocoder } from '@voirs/core';
import { sharedFile, testVocoder } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { createWebBackend } from '@voirs/backend-web';
import { computeMel, readWav } from '@voirs/dsp';
import { diffwavePlugin } from '../src/index.js';
import { compare, fixtureArray, fixtureBytes, goldenMel, goldenNoise } from './fixtures.js';

const clip = sharedFile('data/ljspeech/LJ001-0002.wav');
const source = () => ({ bytes: fixtureBytes('small.pt'), name: 'small.pt' });
const create = (backend = createNodeBackend()) =>
  diffwavePlugin.create({ model: source(), backend, modelConfig: { threads: 1 } });

/** A realistic mel of any length: the golden speech mel, repeated. */
function speechMel(frames: number): MelSpectrogram {
  const base = goldenMel();
  const parts: MelSpectrogram[] = [];
  for (let left = frames; left > 0; left -= base.frames)
    parts.push(sliceMelFrames(base, 0, Math.min(left, base.frames)));
  return concatMelFrames(parts);
}

testVocoder('diffwave', { create, mel: speechMel });

describe('diffwave vocoder', () => {
  let vocoder: Vocoder;
  beforeAll(async () => {
    vocoder = await create();
  });
  afterAll(async () => vocoder.dispose());

  it('describes itself: diffwave convention, hop 256, non-exact receptive field, seed and explicit noise', () => {
    expect(vocoder.metadata).toMatchObject({
      name: 'diffwave',
      arch: 'diffwave-6x16',
      sampleRate: 22050,
      hop: 256,
    });
    expect(vocoder.metadata.convention.name).toBe('diffwave');
    expect(vocoder.metadata.receptiveField.exact).toBe(false);
    expect(
      vocoder.supports('seed') &&
        vocoder.supports('explicit-noise') &&
        vocoder.supports('streaming'),
    ).toBe(true);
    expect(vocoder.supports('deterministic')).toBe(false);
  });

  it('reproduces the PyTorch fast-schedule golden from explicit noise given as options.noise', async () => {
    const audio = await vocoder.vocode(goldenMel(), { options: { noise: goldenNoise() } });
    expect(compare(audio.samples, fixtureArray('small-fast.npy')).maxAbs).toBeLessThanOrEqual(1e-3);
  });

  it('different seeds give different audio; the same seed the same audio in backend-node and backend-web', async () => {
    const mel = speechMel(12);
    const a = await vocoder.vocode(mel, { seed: 1 });
    const b = await vocoder.vocode(mel, { seed: 2 });
    expect(compare(a.samples, b.samples).maxAbs).toBeGreaterThan(0.1);
    const web = await create(createWebBackend());
    try {
      const w = await web.vocode(mel, { seed: 1 });
      expect(compare(w.samples, a.samples).maxAbs).toBeLessThanOrEqual(1e-3);
    } finally {
      await web.dispose();
    }
  });

  it('runs every sampler (ddpm full/fast/custom, ddim, adaptive) to frames * hop samples in [-1, 1]', async () => {
    const mel = speechMel(3);
    const options = [
      { schedule: 'full' },
      { schedule: { kind: 'sigmoid', steps: 5, betaEnd: 0.4 } },
      { steps: 4 },
      { sampler: 'ddim', steps: 10, eta: 0.5 },
      { sampler: 'adaptive', tolerance: 0.05 },
    ];
    for (const o of options) {
      const audio = await vocoder.vocode(mel, { seed: 3, options: o });
      expect(audio.samples.length).toBe(3 * 256);
      for (const s of audio.samples) expect(Math.abs(s)).toBeLessThanOrEqual(1);
    }
  });

  it('reports progress after every step and cancels between steps', async () => {
    const fractions: number[] = [];
    await vocoder.vocode(speechMel(4), { onProgress: (f) => fractions.push(f) });
    expect(fractions).toEqual([1, 2, 3, 4, 5, 6, 6].map((k) => Math.min(k, 6) / 6));
    const controller = new AbortController();
    const seen: number[] = [];
    const aborted = vocoder.vocode(speechMel(4), {
      signal: controller.signal,
      options: { schedule: 'full' },
      onProgress: (f) => {
        seen.push(f);
        if (seen.length === 3) controller.abort();
      },
    });
    await expect(aborted).rejects.toMatchObject({ code: 'E_ABORTED' });
    expect(seen).toHaveLength(3);
  });

  it('explains bad options and noise', async () => {
    const mel = goldenMel();
    await expect(vocoder.vocode(mel, { options: { steps: 'many' } })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: expect.stringContaining('steps'),
    });
    await expect(vocoder.vocode(mel, { options: { schedule: [0.3, 0.1] } })).rejects.toMatchObject({
      code: 'E_SCHEDULE_INVALID',
    });
    const few = goldenNoise();
    await expect(
      vocoder.vocode(mel, {
        options: { noise: { data: few.data.subarray(0, 3 * 2048), shape: [3, 2048] } },
      }),
    ).rejects.toMatchObject({
      code: 'E_NOISE_SHAPE',
      message: expect.stringContaining('needs 6'),
    });
    await expect(vocoder.vocode(speechMel(9), { options: { noise: few } })).rejects.toMatchObject({
      code: 'E_NOISE_SHAPE',
    });
    // DDIM with eta 0 needs only x_T
    const ddim = await vocoder.vocode(mel, {
      options: { sampler: 'ddim', noise: { data: few.data.subarray(0, 2048), shape: [1, 2048] } },
    });
    expect(ddim.samples.length).toBe(2048);
  });

  it.skipIf(!clip)('vocodes the diffwave-preset mel of real speech (copy synthesis)', async () => {
    const { audio } = readWav(new Uint8Array(readFileSync(clip!)));
    const mel = computeMel(audio.samples.subarray(0, 8192), vocoder.metadata.convention);
    const out = await vocoder.vocode(mel, { seed: 4 });
    expect(out.samples.length).toBe(mel.frames * 256);
  });
});
