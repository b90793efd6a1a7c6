import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectTestSignal, processInBlocks } from '@voirs/core/testing';
import { EFFECT_PLUGINS, createEffectChain } from '../src/index.js';

const FS = 16000;
const PARAMS: Record<string, Record<string, unknown>> = {
  convolution: {
    ir: Array.from({ length: 500 }, (_, i) => Math.exp(-i / 80) * Math.sin(i)),
    partitionSize: 32,
  },
  eq: {
    bands: [
      { type: 'peaking', frequency: 1200, gainDb: 6 },
      { type: 'lowshelf', frequency: 100, gainDb: -3 },
    ],
  },
};
/** Mid-stream changes, so ramps cross block boundaries too. */
const CHANGES: Record<string, Record<string, unknown>> = {
  compressor: { thresholdDb: -35, makeupDb: 4 },
  limiter: { ceilingDb: -9 },
  'noise-gate': { thresholdDb: -20 },
  agc: { targetLufs: -14 },
  biquad: { frequency: 3000, gainDb: 8 },
  eq: { outputGainDb: -5 },
  enhancer: { amount: 0.6 },
  warmth: { amountDb: -6 },
  presence: { gainDb: 6 },
  'de-esser': { thresholdDb: -50 },
  reverb: { wet: 0.9, rt60: 0.4 },
  convolution: { wet: 0.2, dry: 1 },
  'stereo-width': { width: 0 },
  'clip-guard': { ceilingDb: -12 },
  'dc-blocker': { cutoffHz: 80 },
  'phase-check': { windowMs: 50 },
};

describe('block-size independence (property: blocks of 1 to 4096 frames give the same output)', () => {
  it.each(EFFECT_PLUGINS.map((p) => [p.name, p] as const))('%s', (name, plugin) => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(1, 2),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 9000 }),
        (sizes, channels, seed, changeAt) => {
          const input = effectTestSignal(9000, FS, channels, seed).map((v) => v * 1.8);
          const runWith = (blocks: readonly number[]) => {
            const effect = plugin.create(PARAMS[name] ?? {}, { sampleRate: FS, channels });
            const head = processInBlocks(
              effect,
              input.subarray(0, changeAt * channels),
              channels,
              FS,
              blocks,
            );
            effect.setParams(CHANGES[name]!);
            const tail = processInBlocks(
              effect,
              input.subarray(changeAt * channels),
              channels,
              FS,
              blocks,
            );
            return [...head, ...tail];
          };
          const reference = runWith([9000]);
          const got = runWith(sizes);
          expect(got.every((v, i) => v === reference[i])).toBe(true);
        },
      ),
      { numRuns: 12, seed: name.length, endOnFailure: true },
    );
  });

  it('a whole chain with automation', () => {
    const spec = [
      { effect: 'dc-blocker' },
      {
        effect: 'compressor',
        automation: [{ time: 0.2, params: { ratio: 10 }, rampSeconds: 0.1 }],
      },
      { effect: 'reverb', mix: 0.3, automation: [{ time: 0.4, bypass: true }] },
      { effect: 'limiter', params: { ceilingDb: -3 } },
    ];
    const input = effectTestSignal(12_000, FS, 2, 5);
    const reference = processInBlocks(
      createEffectChain(spec, { sampleRate: FS, channels: 2 }, { plugins: EFFECT_PLUGINS }),
      input,
      2,
      FS,
      [12_000],
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 12 }),
        (sizes) => {
          const chain = createEffectChain(
            spec,
            { sampleRate: FS, channels: 2 },
            { plugins: EFFECT_PLUGINS },
          );
          const got = processInBlocks(chain, input, 2, FS, sizes);
          expect(got.every((v, i) => v === reference[i])).toBe(true);
        },
      ),
      { numRuns: 15, seed: 99, endOnFailure: true },
    );
  });
});
