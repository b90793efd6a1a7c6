import { readFileSync } from 'node:fs';
import { createAudioBuffer, type Session } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { describe, expect, it } from 'vitest';
import { DNSMOS_POLYNOMIALS, DnsmosScorer, dnsmos, p808Features } from '../src/index.js';
import { ljspeech, noise } from './signals.js';

describe('DNSMOS P.808 features', () => {
  it('give 900 x 120 values in [-1, 1] for 144000 samples, with the maximum at 1', () => {
    const x = noise(144000, 51).map((v, i) => 0.1 * v * Math.sin(i / 3000) ** 2);
    const { data, frames } = p808Features(x);
    expect(frames).toBe(900);
    expect(data.length).toBe(900 * 120);
    expect(Math.max(...data)).toBeCloseTo(1, 6);
    expect(Math.min(...data)).toBeGreaterThanOrEqual(-1 - 1e-6);
  });
});

describe('DNSMOS scoring with a fake session', () => {
  const fake = (scores: number[]): Session => ({
    inputNames: ['input_1'],
    outputNames: ['Identity:0'],
    metadata: {},
    run: async (feeds) => {
      const input = feeds.input_1!;
      return {
        'Identity:0': {
          dtype: 'float32',
          dims: [1, scores.length],
          data: Float32Array.from(scores.map((s) => s + input.dims.length * 0)),
        },
      };
    },
    dispose: async () => {},
  });

  it('repeats short clips, maps raw scores with the published polynomials, and counts windows', async () => {
    const shapes: number[][] = [];
    const scorer = await DnsmosScorer.create({
      models: { p835: new Uint8Array(1), p808: new Uint8Array(2) },
      createSession: async (bytes) => {
        const session = fake(bytes.length === 1 ? [3, 4, 3.5] : [3.2]);
        const run = session.run;
        return {
          ...session,
          run: (feeds, o) => (shapes.push([...feeds.input_1!.dims]), run(feeds, o)),
        };
      },
    });
    const s = await scorer.score(
      createAudioBuffer(
        noise(16000, 52).map((v) => 0.1 * v),
        16000,
      ),
    );
    expect(s.windows).toBe(7); // 1 s doubled to 16 s: floor(16 - 9.01) + 1
    expect(shapes.slice(0, 2)).toEqual([
      [1, 144160],
      [1, 900, 120],
    ]);
    const [a, b, c] = DNSMOS_POLYNOMIALS.ovrl;
    expect(s.ovrl).toBeCloseTo(a * 3.5 ** 2 + b * 3.5 + c, 5);
    expect(s.p808).toBeCloseTo(3.2, 6);
    const long = await scorer.score(
      createAudioBuffer(
        noise(12 * 22050, 53).map((v) => 0.1 * v),
        22050,
      ),
    );
    expect(long.windows).toBe(3); // floor(12 - 9.01) + 1
    await scorer.dispose();
    await expect(
      scorer.score(createAudioBuffer(new Float32Array(1000), 16000)),
    ).rejects.toMatchObject({ code: 'E_METRIC_INPUT' });
  });
});

const p835 = sharedFile('models/dnsmos/sig_bak_ovr.onnx');
const p808 = sharedFile('models/dnsmos/model_v8.onnx');
const clip = ljspeech('LJ001-0001'); // 9.65 s: one window
describe.skipIf(!p835 || !p808 || !clip)(
  'DNSMOS with the published models on onnxruntime-node',
  () => {
    it('rates clean speech well above speech buried in noise', async () => {
      const models = {
        p835: new Uint8Array(readFileSync(p835!)),
        p808: new Uint8Array(readFileSync(p808!)),
      };
      const backend = createNodeBackend();
      const scorer = await DnsmosScorer.create({ models, backend });
      try {
        const clean = await scorer.score(clip!);
        const n = noise(clip!.samples.length, 54);
        const noisy = await scorer.score(
          createAudioBuffer(
            clip!.samples.map((v, i) => v + 0.05 * n[i]!),
            clip!.sampleRate,
          ),
        );
        for (const v of [clean.sig, clean.bak, clean.ovrl, clean.p808!])
          expect(v).toBeGreaterThan(2.5);
        expect(clean.ovrl).toBeLessThan(4.5);
        expect(noisy.bak).toBeLessThan(clean.bak - 1);
        expect(noisy.ovrl).toBeLessThan(clean.ovrl - 0.5);
        expect(noisy.p808!).toBeLessThan(clean.p808!);
      } finally {
        await scorer.dispose();
      }
      const once = await dnsmos(clip!, { models: { p835: models.p835 }, backend });
      expect(once.p808).toBeUndefined();
    });
  },
);
