/**
 * Graphs from @voirs/onnx's builder run on this backend: the whole conformance suite with the conv
 * model rebuilt in code, and a vocoder-like upsampler.
 */
import { createTensor } from '@voirs/core';
import { testBackend } from '@voirs/core/testing';
import { describe, expect, it } from 'vitest';
import { createNodeBackend } from '../src/index.js';
import { builtConv, builtUpsampler } from './built-models.js';
import { models } from './fixtures.js';

testBackend('node', {
  create: async () => createNodeBackend({ logLevel: 'fatal' }),
  models: { ...models, conv: builtConv() },
  defaultProvider: 'cpu',
});

describe('GraphBuilder models', () => {
  it('runs an upsampler with dynamic frames to frames * 4 samples in (-1, 1)', async () => {
    const session = await createNodeBackend().createSession(builtUpsampler());
    expect(session.metadata).toEqual({ arch: 'voirs-test-upsampler', hop: '4' });
    for (const frames of [1, 10, 57]) {
      const mel = Float32Array.from({ length: 8 * frames }, (_, i) => Math.cos(i * 0.21));
      const { audio } = await session.run({ mel: createTensor('float32', mel, [1, 8, frames]) });
      expect(audio!.dims).toEqual([1, 1, frames * 4]);
      const samples = audio!.data as Float32Array;
      expect(samples.every((s) => Math.abs(s) < 1)).toBe(true);
      expect(samples.some((s) => Math.abs(s) > 0.05)).toBe(true);
    }
    await session.dispose();
  });
});
