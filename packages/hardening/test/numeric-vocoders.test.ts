/**
 * Bad numeric input to every vocoder (Griffin-Lim, HiFi-GAN, DiffWave, WaveGlow) and to audio and
 * vocoder set-up: each row of the README table has a defined behaviour, checked here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vocoder } from '@voirs/core';
import { guardRejections } from '../src/guard-rejections.js';
import { VOCODER_NAMES, createVocoder, speechMel } from '../src/models/vocoders.js';
import { mismatch } from '../src/numeric/expectation.js';
import { SETUP_CASES } from '../src/numeric/setup-cases.js';
import { VOCODER_CASES } from '../src/numeric/vocoder-cases.js';

guardRejections();

describe.each(VOCODER_NAMES)('bad numeric input: %s', (name) => {
  let vocoder: Vocoder;
  beforeAll(async () => {
    vocoder = await createVocoder(name);
  });
  afterAll(() => vocoder.dispose());

  it.each(VOCODER_CASES.map((c) => [c.input, c] as const))('%s', async (_input, c) => {
    const expectation = 'error' in c.expect || 'ok' in c.expect ? c.expect : c.expect[name];
    expect(
      await mismatch(expectation, () => c.run(vocoder, speechMel(vocoder.metadata.convention, 8))),
    ).toBeUndefined();
  });
});

describe('bad numbers at set-up', () => {
  it.each(SETUP_CASES.map((c) => [c.input, c] as const))('%s', async (_input, c) => {
    expect(await mismatch(c.expect, () => c.run())).toBeUndefined();
  });
});
