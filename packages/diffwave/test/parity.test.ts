/**
 * Parity with the PyTorch reference (tools/reference/diffwave_reference.py), in both backends: the
 * network output for given (x, t, mel) within 1e-4, and whole sampling runs (fast-schedule DDPM with
 * explicit noise, full DDPM, DDIM with seeded noise) within 1e-3 max abs. Networks: the committed
 * small checkpoint (6 x 16, dilation cycle 3, official training-checkpoint layout), the full-size
 * base 30 x 64 and an unconditional variant with hash weights.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createTensor, type Backend, type Session } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import { createWebBackend } from '@voirs/backend-web';
import { writeSafetensors } from '@voirs/checkpoint';
import { gaussianNoise } from '@voirs/dsp';
import {
  AUDIO_INPUT,
  DIFFWAVE_BASE,
  MEL_INPUT,
  NOISE_OUTPUT,
  STEP_INPUT,
  prepareDiffwaveModel,
  sampleDiffwave,
  type DiffwaveModel,
} from '../src/index.js';
import { compare, fixtureArray, fixtureBytes, goldenMel, goldenNoise, row } from './fixtures.js';
import { hashStateDict } from './hash-weights.js';

const N = 2048;
const small = prepareDiffwaveModel({ bytes: fixtureBytes('small.pt'), name: 'small.pt' });
const base = prepareDiffwaveModel({
  bytes: writeSafetensors(hashStateDict(DIFFWAVE_BASE)),
  name: 'base-hash',
});
const uncond = prepareDiffwaveModel({
  bytes: writeSafetensors(
    hashStateDict({
      ...DIFFWAVE_BASE,
      residualLayers: 4,
      residualChannels: 8,
      unconditional: true,
    }),
  ),
  name: 'uncond-hash',
});
const backends: [string, () => Backend][] = [
  ['node', () => createNodeBackend()],
  ['web', () => createWebBackend()],
];
const sessions: Session[] = [];
afterAll(async () => Promise.all(sessions.map((s) => s.dispose())));

async function open(backend: Backend, model: DiffwaveModel): Promise<Session> {
  await backend.init?.();
  const session = await backend.createSession(model.onnx, { intraOpThreads: 1 });
  sessions.push(session);
  return session;
}

async function eps(
  session: Session,
  x: Float32Array,
  t: number,
  conditional = true,
): Promise<Float32Array> {
  const mel = goldenMel();
  const out = await session.run({
    [AUDIO_INPUT]: createTensor('float32', x, [1, x.length]),
    [STEP_INPUT]: createTensor('float32', Float32Array.of(t), [1]),
    ...(conditional ? { [MEL_INPUT]: createTensor('float32', mel.data, [1, 80, mel.frames]) } : {}),
  });
  return out[NOISE_OUTPUT]!.data as Float32Array;
}

function expectClose(
  label: string,
  actual: Float32Array,
  expected: Float32Array,
  tolerance: number,
): void {
  const { maxAbs, snrDb } = compare(actual, expected);
  console.info(
    `[parity] ${label}: max |diff| ${maxAbs.toExponential(2)}, SNR ${snrDb.toFixed(1)} dB`,
  );
  expect(maxAbs).toBeLessThanOrEqual(tolerance);
}

it('the seeded noise rows are the reference generator (gaussianNoise of @voirs/dsp)', () => {
  expect(
    compare(gaussianNoise(42, 3, 1001), fixtureArray('gaussian-seed42-stream3.npy')).maxAbs,
  ).toBeLessThanOrEqual(1e-6);
});

describe.each(backends)('DiffWave parity with PyTorch on backend-%s', (name, makeBackend) => {
  const x = row(goldenNoise().data as Float32Array, 0, N);

  it('small checkpoint: eps(x, t, mel) for t = 0, 2.37 (fractional), 49 within 1e-4', async () => {
    const session = await open(makeBackend(), small);
    const golden = fixtureArray('small-eps.npy');
    for (const [k, t] of [0, 2.37, 49].entries()) {
      expectClose(
        `small eps t=${t} on ${name}`,
        await eps(session, x, Math.fround(t)),
        row(golden, k, N),
        1e-4,
      );
    }
  });

  it('small checkpoint: whole samplers within 1e-3 (fast DDPM with explicit noise, DDIM; full DDPM in Node)', async () => {
    const session = await open(makeBackend(), small);
    const mel = goldenMel();
    const cases: (readonly [string, object, number | undefined])[] = [
      ['small-fast.npy', { noise: goldenNoise() }, undefined],
      ['small-ddim8-eta05-seed11.npy', { sampler: 'ddim', steps: 8, eta: 0.5 }, 11],
      // the 50-step runs only in Node (the WASM backend is slow; the fast runs cover it)
      ...(name === 'node'
        ? ([
            ['small-full-seed7.npy', { schedule: 'full' }, 7],
            ['small-ddim50-eta1-seed7.npy', { sampler: 'ddim', steps: 50, eta: 1 }, 7],
          ] as const)
        : []),
    ];
    for (const [golden, options, seed] of cases) {
      const { audio } = await sampleDiffwave(session, small, { mel, seed, options });
      expectClose(`small ${golden} on ${name}`, audio, fixtureArray(golden), 1e-3);
    }
  });

  it('base 30 x 64 (hash weights): eps within 1e-4, fast DDPM within 1e-3 (in Node)', async () => {
    const session = await open(makeBackend(), base);
    expectClose(
      `base eps on ${name}`,
      await eps(session, x, Math.fround(3.7)),
      fixtureArray('base-hash-eps.npy'),
      1e-4,
    );
    if (name !== 'node') return; // the WASM backend is slow at full size; the small runs cover it
    const { audio } = await sampleDiffwave(session, base, {
      mel: goldenMel(),
      options: { noise: goldenNoise() },
    });
    expectClose(`base fast on ${name}`, audio, fixtureArray('base-hash-fast.npy'), 1e-3);
  });

  it('unconditional variant (hash weights): eps within 1e-4', async () => {
    expect(uncond.config.unconditional).toBe(true);
    const session = await open(makeBackend(), uncond);
    expectClose(
      `uncond eps on ${name}`,
      await eps(session, x, 12.5, false),
      fixtureArray('uncond-hash-eps.npy'),
      1e-4,
    );
  });
});
