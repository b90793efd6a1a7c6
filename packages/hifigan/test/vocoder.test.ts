import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WAVEGLOW_PRESET,
  concatMelFrames,
  createMel,
  sliceMelFrames,
  type MelSpectrogram,
  type Vocoder,
} from '@voirs/core';
import { sharedFile, testVocoder } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { writeSafetensors } from '@voirs/checkpoint';
import { HIFIGAN_ARCHS, hifiganPlugin } from '../src/index.js';
import { compare, goldenMel } from './fixtures.js';
import { hashStateDict } from './hash-weights.js';

const checkpoint = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const backend = createNodeBackend();

/** The V2 checkpoint when ../shared is there, else V2-shaped hash weights (same graph, same code paths). */
function v2Source() {
  if (checkpoint === undefined)
    return { bytes: writeSafetensors(hashStateDict(HIFIGAN_ARCHS.v2)), name: 'v2-hash' };
  const config = JSON.parse(
    readFileSync(join(dirname(checkpoint), 'config.json'), 'utf8'),
  ) as Record<string, unknown>;
  return { bytes: new Uint8Array(readFileSync(checkpoint)), config, name: 'generator_v2' };
}

/** A realistic mel of any length: the golden speech mel, repeated. */
function speechMel(frames: number): MelSpectrogram {
  const base = goldenMel();
  const parts: MelSpectrogram[] = [];
  for (let left = frames; left > 0; left -= base.frames)
    parts.push(sliceMelFrames(base, 0, Math.min(left, base.frames)));
  return concatMelFrames(parts);
}

const create = () =>
  hifiganPlugin.create({ model: v2Source(), backend, modelConfig: { threads: 1 } });
testVocoder('hifigan', { create, mel: speechMel });

describe('hifigan vocoder', () => {
  let vocoder: Vocoder;
  beforeAll(async () => {
    vocoder = await create();
  });
  afterAll(async () => vocoder.dispose());

  it('declares the hifigan convention, 256 hop and an exact receptive field', () => {
    expect(vocoder.metadata.convention.name).toBe('hifigan');
    expect(vocoder.metadata.hop).toBe(256);
    expect(vocoder.metadata.receptiveField).toMatchObject({ exact: true });
    expect(vocoder.metadata.receptiveField.leftFrames).toBeGreaterThanOrEqual(10);
  });

  it('streams to the offline output within 1e-4 for any chunking (property)', async () => {
    const mel = speechMel(70);
    const offline = (await vocoder.vocode(mel)).samples;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 1, maxLength: 6 }),
        async (sizes) => {
          async function* chunks() {
            for (let start = 0, i = 0; start < mel.frames; i++) {
              const end = Math.min(mel.frames, start + sizes[i % sizes.length]!);
              yield sliceMelFrames(mel, start, end);
              start = end;
            }
          }
          const parts: Float32Array[] = [];
          for await (const part of vocoder.vocodeStream(chunks())) parts.push(part.samples);
          const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
          parts.reduce((o, p) => (joined.set(p, o), o + p.length), 0);
          expect(joined.length).toBe(mel.frames * 256);
          expect(compare(joined, offline).maxAbs).toBeLessThanOrEqual(1e-4);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('runs long mels as parallel chunks, equal to the unchunked output', async () => {
    const mel = speechMel(300);
    const whole = (await vocoder.vocode(mel, { options: { parallelChunks: 1 } })).samples;
    for (const parts of [2, 3]) {
      const chunked = (await vocoder.vocode(mel, { options: { parallelChunks: parts } })).samples;
      expect(compare(chunked, whole).maxAbs).toBeLessThanOrEqual(1e-4);
    }
    await expect(vocoder.vocode(mel, { options: { chunks: 2 } })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
    });
  });

  it('batches mixed lengths through the masked graph, equal to single runs', async () => {
    const mels = [speechMel(31), speechMel(7), speechMel(64), speechMel(1), speechMel(7)];
    const batch = await vocoder.vocodeBatch(mels);
    for (let i = 0; i < mels.length; i++) {
      const single = await vocoder.vocode(mels[i]!);
      expect(batch[i]!.samples.length).toBe(mels[i]!.frames * 256);
      expect(compare(batch[i]!.samples, single.samples).maxAbs).toBeLessThanOrEqual(1e-5);
    }
  });

  it('rejects a waveglow-convention mel, naming the difference', async () => {
    const mel = createMel(new Float32Array(80 * 4).fill(-5), 80, WAVEGLOW_PRESET);
    await expect(vocoder.vocode(mel)).rejects.toMatchObject({
      code: 'E_MEL_CONVENTION',
      message: expect.stringContaining('center'),
    });
  });

  it('keeps its output in [-1, 1] for extreme mels', async () => {
    const loud = createMel(new Float32Array(80 * 8).fill(12), 80, vocoder.metadata.convention);
    for (const s of (await vocoder.vocode(loud)).samples)
      expect(Math.abs(s)).toBeLessThanOrEqual(1);
  });
});
