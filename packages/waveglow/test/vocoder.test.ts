import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sliceMelFrames, type MelSpectrogram, type Vocoder } from '@voirs/core';
import { testVocoder } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { gaussianNoise } from '@voirs/dsp';
import { noiseShape, prepareWaveglowModel, seededNoise, waveglowPlugin } from '../src/index.js';
import { compare, melOf, tinySource } from './fixtures.js';

const backend = createNodeBackend();
const create = () =>
  waveglowPlugin.create({ model: tinySource(), backend, modelConfig: { threads: 1 } });
const convention = prepareWaveglowModel(tinySource()).convention;
const mel = (frames: number) => melOf(convention, frames);

testVocoder('waveglow', { create, mel });

describe('waveglow vocoder', () => {
  let vocoder: Vocoder;
  beforeAll(async () => {
    vocoder = await create();
  });
  afterAll(async () => vocoder.dispose());

  const samples = async (m: MelSpectrogram, config: Parameters<Vocoder['vocode']>[1]) =>
    (await vocoder.vocode(m, config)).samples;

  it('describes itself: convention of the checkpoint, hop, a non-exact receptive field, seed and explicit noise', () => {
    expect(vocoder.metadata).toMatchObject({
      name: 'waveglow',
      arch: 'waveglow-custom',
      hop: 256,
      sampleRate: 22050,
    });
    expect(vocoder.metadata.convention.nMels).toBe(4);
    // 6 flows x 3 steps x 8 samples + 1024 = 1168 samples -> 5 frames; the upsampler (512/256) reaches 1 back
    expect(vocoder.metadata.receptiveField).toEqual({
      leftFrames: 7,
      rightFrames: 6,
      exact: false,
    });
    expect(['seed', 'explicit-noise', 'streaming'].every((f) => vocoder.supports(f as never))).toBe(
      true,
    );
    expect(vocoder.supports('batch')).toBe(false);
  });

  it('draws noise row i from stream i of the seed (the documented generator)', async () => {
    const m = mel(10);
    const [rows, steps] = noiseShape(prepareWaveglowModel(tinySource()).config, 10);
    expect([rows, steps]).toEqual([8, 320]);
    const noise = seededNoise(prepareWaveglowModel(tinySource()).config, 10, 42);
    expect(noise.subarray(3 * steps, 4 * steps)).toEqual(gaussianNoise(42, 3, steps));
    const seeded = await samples(m, { seed: 42, options: { sigma: 0.5 } });
    const explicit = await samples(m, {
      options: { sigma: 0.5, noise: { data: noise, shape: [rows, steps] } },
    });
    expect(compare(seeded, explicit).maxAbs).toBe(0);
    const other = await samples(m, { seed: 43, options: { sigma: 0.5 } });
    expect(compare(seeded, other).maxAbs).toBeGreaterThan(1e-3);
    const defaultSeed = await samples(m, { options: { sigma: 0.5 } });
    expect(
      compare(defaultSeed, await samples(m, { seed: 0, options: { sigma: 0.5 } })).maxAbs,
    ).toBe(0);
  });

  it('is deterministic with sigma 0, whatever the seed, and sigma scales the noise', async () => {
    const m = mel(12);
    const a = await samples(m, { seed: 1, options: { sigma: 0 } });
    expect(compare(a, await samples(m, { seed: 2, options: { sigma: 0 } })).maxAbs).toBe(0);
    const rms = (x: Float32Array, y: Float32Array) =>
      Math.sqrt(x.reduce((s, v, i) => s + (v - y[i]!) ** 2, 0) / x.length);
    const small = rms(await samples(m, { seed: 1, options: { sigma: 0.1 } }), a);
    const large = rms(await samples(m, { seed: 1, options: { sigma: 0.4 } }), a);
    expect(large).toBeGreaterThan(2 * small);
  });

  it('streams to the offline output with sigma 0 and no crossfade, denoiser included, for any chunking (property)', async () => {
    const m = mel(40);
    const offline = await samples(m, { options: { sigma: 0, denoise: 0.1 } });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 5 }),
        async (sizes) => {
          async function* chunks() {
            for (let start = 0, i = 0; start < m.frames; i++) {
              const end = Math.min(m.frames, start + sizes[i % sizes.length]!);
              yield sliceMelFrames(m, start, end);
              start = end;
            }
          }
          const parts: Float32Array[] = [];
          const config = { options: { sigma: 0, denoise: 0.1 }, streaming: { crossfadeFrames: 0 } };
          for await (const part of vocoder.vocodeStream(chunks(), config)) parts.push(part.samples);
          const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
          parts.reduce((o, p) => (joined.set(p, o), o + p.length), 0);
          expect(compare(joined, offline).maxAbs).toBeLessThanOrEqual(1e-5);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('reports progress after the upsampler and every flow, ending at 1', async () => {
    const fractions: number[] = [];
    await vocoder.vocode(mel(8), { onProgress: (f) => fractions.push(f) });
    expect(fractions).toHaveLength(8); // upsampler + 6 flows + the final call
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });

  it('stops between flows when the signal aborts', async () => {
    const controller = new AbortController();
    const run = vocoder.vocode(mel(8), {
      signal: controller.signal,
      onProgress: (f) => f < 0.5 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'E_ABORTED' });
  });

  it('refuses bad options and misshapen noise with typed errors', async () => {
    const m = mel(4);
    await expect(vocoder.vocode(m, { options: { sigma: -1 } })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: expect.stringContaining('sigma'),
    });
    await expect(vocoder.vocode(m, { options: { steps: 3 } })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: expect.stringContaining('steps'),
    });
    await expect(
      vocoder.vocode(m, { options: { noise: new Float32Array(8) } }),
    ).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
    const wrong = { data: new Float32Array(8 * 100), shape: [8, 100] };
    await expect(vocoder.vocode(m, { options: { noise: wrong } })).rejects.toMatchObject({
      code: 'E_NOISE_SHAPE',
      message: expect.stringContaining('[8, 128]'),
    });
    const nan = { data: new Float32Array(8 * 128).fill(Number.NaN), shape: [1, 8, 128] };
    await expect(vocoder.vocode(m, { options: { noise: nan } })).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
    });
    await expect(vocoder.vocode(mel(2), { options: { denoise: 0.1 } })).rejects.toMatchObject({
      code: 'E_MEL_SHAPE',
      message: expect.stringContaining('denoiser'),
    });
  });

  it('denoising lowers the energy of the bias spectrum, and 0 leaves the audio alone', async () => {
    const m = mel(30);
    const plain = await samples(m, { options: { sigma: 0 } });
    expect(compare(await samples(m, { options: { sigma: 0, denoise: 0 } }), plain).maxAbs).toBe(0);
    const cleaned = await samples(m, { options: { sigma: 0, denoise: 0.5 } });
    const energy = (x: Float32Array) => x.reduce((s, v) => s + v * v, 0);
    expect(energy(cleaned)).toBeLessThan(energy(plain));
  });

  it('clips to [-1, 1] when a large sigma drives the flows out of range', async () => {
    const loud = await samples(mel(8), { seed: 3, options: { sigma: 8 } });
    expect(loud.some((x) => Math.abs(x) === 1)).toBe(true);
    expect(loud.every((x) => Math.abs(x) <= 1)).toBe(true);
  });
});
