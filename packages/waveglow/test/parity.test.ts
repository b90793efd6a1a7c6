/**
 * Parity with the PyTorch reference (tools/reference/waveglow_reference.py) in both backends:
 * NVIDIA's layout with hash weights (a state dict with its config.json) and the tiny whole-module
 * legacy checkpoint, with sigma 0, with explicit noise, and through the denoiser.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  createTensor,
  type Backend,
  type MelSpectrogram,
  type ModelSource,
  type SynthesisConfig,
  type Vocoder,
} from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import { createWebBackend } from '@voirs/backend-web';
import {
  AUDIO_OUTPUT,
  DENOISER_BIAS_FRAMES,
  MEL_INPUT,
  NOISE_INPUT,
  SIGMA_INPUT,
  WaveglowRunner,
  biasSpectrum,
  prepareWaveglowModel,
  waveglowPlugin,
  type WaveglowVocoder,
} from '../src/index.js';
import {
  ODD_CONFIG,
  compare,
  fixtureNpy,
  goldenMel,
  hashSource,
  melOf,
  oddSource,
  tinySource,
} from './fixtures.js';

const backends: [string, () => Backend][] = [
  ['node', () => createNodeBackend()],
  ['web', () => createWebBackend()],
];
const open: Vocoder[] = [];
afterAll(async () => Promise.all(open.map((v) => v.dispose())));

async function load(backend: Backend, source: ModelSource): Promise<WaveglowVocoder> {
  await backend.init?.();
  const vocoder = (await waveglowPlugin.create({
    model: source,
    backend,
    modelConfig: { threads: 1 },
  })) as WaveglowVocoder;
  open.push(vocoder);
  return vocoder;
}

function expectParity(label: string, actual: Float32Array, golden: string): void {
  const expected = fixtureNpy(golden).data;
  const { maxAbs, snrDb } = compare(actual, expected);
  console.info(
    `[parity] ${label}: max |diff| ${maxAbs.toExponential(2)}, SNR ${snrDb.toFixed(1)} dB`,
  );
  expect(maxAbs).toBeLessThanOrEqual(1e-4);
  expect(snrDb).toBeGreaterThanOrEqual(60);
}

const noise = () => fixtureNpy('noise.npy');

describe.each(backends)('WaveGlow parity with PyTorch on backend-%s', (name, makeBackend) => {
  const cases: [
    string,
    () => Promise<WaveglowVocoder>,
    () => MelSpectrogram,
    string,
    SynthesisConfig['options'],
  ][] = [];
  let hash: Promise<WaveglowVocoder> | undefined;
  let tiny: Promise<WaveglowVocoder> | undefined;
  const hashVocoder = () => (hash ??= load(makeBackend(), hashSource()));
  const tinyVocoder = () => (tiny ??= load(makeBackend(), tinySource()));
  cases.push(
    [
      'NVIDIA layout, hash weights, sigma 0',
      hashVocoder,
      goldenMel,
      'hash-sigma0.npy',
      { sigma: 0 },
    ],
    [
      'NVIDIA layout, hash weights, sigma 0.6 with explicit noise',
      hashVocoder,
      goldenMel,
      'hash-noise.npy',
      { sigma: 0.6, noise: noise() },
    ],
    [
      'NVIDIA layout, explicit noise, denoiser 0.1',
      hashVocoder,
      goldenMel,
      'hash-denoised.npy',
      { sigma: 0.6, noise: noise(), denoise: 0.1 },
    ],
  );

  it.each(cases)('%s', async (label, vocoder, mel, golden, options) => {
    const v = await vocoder();
    expect(v.metadata.arch).toBe('waveglow-custom');
    expect(v.metadata.convention.name).toBe('waveglow');
    const audio = await v.vocode(mel(), { options });
    expectParity(`${label} (${name})`, audio.samples, golden);
  });

  it('tiny whole pickled glow.WaveGlow (legacy file): sigma 0 and sigma 0.3 with explicit noise', async () => {
    const v = await tinyVocoder();
    expect(v.model.config).toMatchObject({
      nMelChannels: 4,
      nFlows: 6,
      nGroup: 8,
      nEarlyEvery: 2,
      nEarlySize: 2,
      upsampleKernel: 512,
    });
    const mel = melOf(v.metadata.convention);
    expectParity(
      `tiny sigma 0 (${name})`,
      (await v.vocode(mel, { options: { sigma: 0 } })).samples,
      'tiny-sigma0.npy',
    );
    expectParity(
      `tiny sigma 0.3 + noise (${name})`,
      (await v.vocode(mel, { options: { sigma: 0.3, noise: noise() } })).samples,
      'tiny-noise.npy',
    );
  });

  it('an unusual layout (group 6, kernel 5, hop 24, 5 flows), configuration read from the shapes', async () => {
    const v = await load(makeBackend(), oddSource());
    expect(v.model.config).toEqual(ODD_CONFIG);
    const mel = melOf(v.metadata.convention);
    const options = { sigma: 0.5, noise: fixtureNpy('odd-noise.npy') };
    expectParity(
      `odd sigma 0 (${name})`,
      (await v.vocode(mel, { options: { sigma: 0 } })).samples,
      'odd-sigma0.npy',
    );
    expectParity(
      `odd sigma 0.5 + noise (${name})`,
      (await v.vocode(mel, { options })).samples,
      'odd-noise-out.npy',
    );
  });

  it("the denoiser's bias spectrum matches NVIDIA's", async () => {
    const backend = makeBackend();
    await backend.init?.();
    const runner = await WaveglowRunner.create(prepareWaveglowModel(hashSource()), backend, {
      intraOpThreads: 1,
    });
    try {
      const zeros = new Float32Array(80 * DENOISER_BIAS_FRAMES);
      const bias = biasSpectrum(await runner.infer(zeros, DENOISER_BIAS_FRAMES, 0, undefined));
      const expected = fixtureNpy('hash-bias.npy').data;
      const { maxAbs } = compare(bias, expected);
      console.info(
        `[parity] bias spectrum (${name}): max |diff| ${maxAbs.toExponential(2)} (max ${Math.max(...expected).toFixed(2)})`,
      );
      expect(maxAbs).toBeLessThanOrEqual(1e-4);
    } finally {
      await runner.dispose();
    }
  });

  it('the converted model (one ONNX graph for the whole pass) matches PyTorch and loads again', async () => {
    const converted = await waveglowPlugin.convert!(hashSource());
    const backend = makeBackend();
    await backend.init?.();
    const session = await backend.createSession(converted.onnx, { intraOpThreads: 1 });
    try {
      const mel = goldenMel();
      const z = noise();
      const run = async (sigma: number) =>
        (
          await session.run({
            [MEL_INPUT]: createTensor('float32', mel.data, [1, 80, mel.frames]),
            [NOISE_INPUT]: createTensor('float32', z.data, [1, ...z.shape]),
            [SIGMA_INPUT]: createTensor('float32', Float32Array.of(sigma), [1]),
          })
        )[AUDIO_OUTPUT]!.data as Float32Array;
      expectParity(`converted graph, sigma 0 (${name})`, await run(0), 'hash-sigma0.npy');
      expectParity(
        `converted graph, sigma 0.6 + noise (${name})`,
        await run(0.6),
        'hash-noise.npy',
      );
    } finally {
      await session.dispose();
    }
    const again = await load(makeBackend(), { bytes: converted.onnx, name: 'converted.onnx' });
    expectParity(
      `vocoder on the converted model (${name})`,
      (await again.vocode(goldenMel(), { options: { sigma: 0 } })).samples,
      'hash-sigma0.npy',
    );
  });
});
