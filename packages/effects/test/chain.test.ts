import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Registry, effects, isVocoderError, type EffectPlugin } from '@voirs/core';
import { effectTestSignal, processInBlocks } from '@voirs/core/testing';
import {
  EFFECT_PLUGINS,
  createEffectChain,
  eqEffect,
  loadEffectChain,
  parseChainSpec,
  registerEffects,
} from '../src/index.js';
import { run, sine } from './helpers.js';

const FS = 22050;
const ctx = { sampleRate: FS, channels: 1 };
const plugins = EFFECT_PLUGINS;

function chainErrorOf(fn: () => unknown): { index: unknown; field: unknown; message: string } {
  try {
    fn();
  } catch (error) {
    expect(isVocoderError(error, 'E_EFFECT_CHAIN'), String(error)).toBe(true);
    const e = error as Error & { details: { index: unknown; field: unknown } };
    return { index: e.details.index, field: e.details.field, message: e.message };
  }
  throw new Error('expected E_EFFECT_CHAIN');
}

describe('chain JSON', () => {
  it('parses the documented form with defaults', () => {
    expect(parseChainSpec('[{"effect": "limiter", "params": {"ceilingDb": -6}}]')).toEqual([
      { effect: 'limiter', params: { ceilingDb: -6 }, bypass: false, mix: 1 },
    ]);
  });

  it.each([
    ['not JSON', '[{"effect": ', undefined, ''],
    ['not an array', '{"effect": "limiter"}', undefined, ''],
    ['a slot without effect', [{ params: {} }], 0, 'effect'],
    ['a mix out of range', [{ effect: 'limiter' }, { effect: 'reverb', mix: 1.5 }], 1, 'mix'],
    ['an unknown slot key', [{ effect: 'limiter', wet: 1 }], 0, 'wet'],
    ['bypass of the wrong type', [{ effect: 'limiter', bypass: 'yes' }], 0, 'bypass'],
    [
      'automation out of order',
      [{ effect: 'eq', automation: [{ time: 2 }, { time: 1 }] }],
      0,
      'automation',
    ],
    [
      'a negative automation time',
      [{ effect: 'eq', automation: [{ time: -1 }] }],
      0,
      'automation[0].time',
    ],
  ])('rejects %s with E_EFFECT_CHAIN naming the index and field', (_label, input, index, field) => {
    const e = chainErrorOf(() => parseChainSpec(input));
    expect(e.index).toBe(index);
    expect(e.field).toBe(field);
    if (index !== undefined) expect(e.message).toContain(`chain[${index}]`);
  });

  it('reports unknown effects and invalid params of a slot with its index and field', () => {
    const unknown = chainErrorOf(() =>
      createEffectChain([{ effect: 'limiter' }, { effect: 'reverbb' }], ctx, { plugins }),
    );
    expect(unknown).toMatchObject({ index: 1, field: 'effect' });
    expect(unknown.message).toContain('reverb');
    const params = chainErrorOf(() =>
      createEffectChain([{ effect: 'limiter', params: { ceilingDb: 6 } }], ctx, { plugins }),
    );
    expect(params).toMatchObject({ index: 0, field: 'params.ceilingDb' });
    const automated = chainErrorOf(() =>
      createEffectChain(
        [{ effect: 'eq' }, { effect: 'reverb', automation: [{ time: 1, params: { rt60: -1 } }] }],
        ctx,
        { plugins },
      ),
    );
    expect(automated).toMatchObject({ index: 1, field: 'automation[0].params.rt60' });
  });

  it('serialises back to JSON that rebuilds an identical chain (typed-array IRs become arrays)', () => {
    const spec = [
      { effect: 'compressor', params: { thresholdDb: -24, ratio: 3 } },
      { effect: 'convolution', params: { ir: new Float32Array([0.5, 0.25, -0.125]) }, mix: 0.4 },
      {
        effect: 'limiter',
        params: { ceilingDb: -2 },
        automation: [{ time: 0.2, params: { ceilingDb: -8 }, rampSeconds: 0.1 }],
      },
      { effect: 'reverb', bypass: true },
    ];
    const chain = createEffectChain(spec, ctx, { plugins });
    chain.setParams({ 0: { params: { ratio: 5 } } });
    const json = JSON.stringify(chain);
    const again = createEffectChain(json, ctx, { plugins });
    expect(JSON.parse(JSON.stringify(again))).toEqual(JSON.parse(json));
    expect(JSON.parse(json)[0].params.ratio).toBe(5);
    expect(JSON.parse(json)[1].params.ir).toEqual([0.5, 0.25, -0.125]);
    const x = effectTestSignal(FS / 2, FS, 1);
    expect(Array.from(run(again, x))).toEqual(Array.from(run(chain, x)));
  });
});

describe('chain processing', () => {
  it('runs effects in order', () => {
    const x = sine(440, 0.3, FS, 0.9);
    const a = run(
      createEffectChain(
        [
          { effect: 'clip-guard', params: { mode: 'hard', ceilingDb: -6 } },
          { effect: 'eq', params: { outputGainDb: -6 } },
        ],
        ctx,
        { plugins },
      ),
      x,
    );
    const b = run(
      createEffectChain(
        [
          { effect: 'eq', params: { outputGainDb: -6 } },
          { effect: 'clip-guard', params: { mode: 'hard', ceilingDb: -6 } },
        ],
        ctx,
        { plugins },
      ),
      x,
    );
    expect(Math.max(...a)).toBeCloseTo(10 ** (-12 / 20), 5);
    expect(Math.max(...b)).toBeCloseTo(0.9 * 10 ** (-6 / 20), 5);
  });

  it('compensates latency on the dry path: a half-wet transparent limiter is a pure delay', () => {
    const chain = createEffectChain(
      [
        { effect: 'limiter', mix: 0.5 },
        { effect: 'limiter', params: { truePeak: false, lookaheadMs: 2 } },
      ],
      ctx,
      { plugins },
    );
    const [first, second] = chain.effects;
    expect(chain.latency).toBe(first!.latency + second!.latency);
    const x = sine(300, 0.3, FS, 0.4);
    const padded = new Float32Array(x.length + chain.latency);
    padded.set(x);
    const y = run(chain, padded);
    for (let i = 0; i < x.length; i++) expect(y[i + chain.latency]).toBeCloseTo(x[i]!, 6);
  });

  it('mixes wet and dry per slot', () => {
    const x = sine(200, 0.5, FS, 0.8);
    const wet = run(
      createEffectChain([{ effect: 'compressor', params: { thresholdDb: -30 } }], ctx, { plugins }),
      x,
    );
    const half = run(
      createEffectChain([{ effect: 'compressor', params: { thresholdDb: -30 }, mix: 0.25 }], ctx, {
        plugins,
      }),
      x,
    );
    for (let i = 0; i < x.length; i++)
      expect(half[i]).toBeCloseTo(0.75 * x[i]! + 0.25 * wet[i]!, 6);
  });

  it('keeps the latency when bypassed and crossfades bypass changes without clicks', () => {
    const bypassed = createEffectChain([{ effect: 'limiter', bypass: true }], ctx, { plugins });
    const x = sine(300, 0.2, FS, 0.9);
    const y = run(bypassed, x);
    for (let i = bypassed.latency; i < x.length; i++) expect(y[i]).toBe(x[i - bypassed.latency]);

    const chain = createEffectChain([{ effect: 'eq', params: { outputGainDb: -20 } }], ctx, {
      plugins,
    });
    run(chain, new Float32Array(500).fill(0.5));
    chain.setParams({ 0: { bypass: true } });
    const fade = run(chain, new Float32Array(1000).fill(0.5));
    const ramp = Math.round(0.02 * FS);
    for (let i = 1; i < fade.length; i++)
      expect(fade[i]! - fade[i - 1]!).toBeLessThanOrEqual((0.45 / ramp) * 1.01);
    expect(fade[ramp]).toBeCloseTo(0.5, 6);
    chain.setParams({ 0: { bypass: false } });
    expect(run(chain, new Float32Array(1000).fill(0.5))[999]).toBeCloseTo(0.05, 6);
  });

  it('automates parameters with ramps that have no zipper noise, identically for any block sizes', () => {
    const spec = [
      {
        effect: 'eq',
        automation: [
          { time: 0.5, params: { outputGainDb: 0 } },
          { time: 1.5, params: { outputGainDb: -20 }, rampSeconds: 1 },
          { time: 1.8, mix: 0.5 },
        ],
      },
    ];
    const x = new Float32Array(2 * FS).fill(0.5);
    const reference = run(createEffectChain(spec, ctx, { plugins }), x);
    // gain falls from 0 dB at 0.5 s to -20 dB at 1.5 s; every step is within twice the steepest
    // slope of that curve (5.2e-5 per frame), where a 64-frame automation staircase would jump 3e-3
    const ramp = reference.subarray(Math.round(0.5 * FS), Math.round(1.6 * FS));
    const steps = ramp.subarray(1).map((v, i) => Math.abs(v - ramp[i]!));
    expect(Math.max(...steps)).toBeLessThan(1.1e-4);
    expect(reference[Math.round(0.5 * FS)]).toBeCloseTo(0.5, 6);
    expect(reference[Math.round(1.52 * FS)]).toBeCloseTo(0.05, 4);
    expect(reference[2 * FS - 1]).toBeCloseTo(0.5 * 0.5 + 0.5 * 0.05, 5);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 10 }),
        (sizes) => {
          const y = processInBlocks(createEffectChain(spec, ctx, { plugins }), x, 1, FS, sizes);
          expect(y.every((v, i) => v === reference[i])).toBe(true);
        },
      ),
      { numRuns: 15, seed: 11, endOnFailure: true },
    );
  });

  it('resets to its creation state plus explicit updates, rewinding automation', () => {
    const spec = [
      { effect: 'compressor', automation: [{ time: 0.1, params: { makeupDb: 6 } }] },
      { effect: 'reverb', params: { rt60: 0.5 } },
    ];
    const chain = createEffectChain(spec, ctx, { plugins });
    const x = effectTestSignal(FS / 2, FS, 1);
    const first = run(chain, x);
    chain.reset();
    expect(Array.from(run(chain, x))).toEqual(Array.from(first));
    chain.setParams({ 1: { params: { wet: 0.6 } } });
    chain.reset();
    const updated = createEffectChain(
      [spec[0]!, { effect: 'reverb', params: { rt60: 0.5, wet: 0.6 } }],
      ctx,
      { plugins },
    );
    expect(Array.from(run(chain, x))).toEqual(Array.from(run(updated, x)));
  });

  it('rejects bad slot updates with E_EFFECT_CHAIN and bad params with E_EFFECT_PARAMS', () => {
    const chain = createEffectChain([{ effect: 'limiter' }], ctx, { plugins });
    expect(chainErrorOf(() => chain.setParams({ 3: { mix: 0.5 } })).message).toContain('no slot');
    expect(chainErrorOf(() => chain.setParams({ 0: { mix: 2 } }))).toMatchObject({
      index: 0,
      field: 'mix',
    });
    expect(() => chain.setParams({ 0: { params: { ceilingDb: 9 } } })).toThrow(
      expect.objectContaining({ code: 'E_EFFECT_PARAMS' }),
    );
  });

  it('collects the reports of its effects', () => {
    const chain = createEffectChain(
      [
        { effect: 'clip-guard', params: { mode: 'detect' } },
        { effect: 'eq' },
        { effect: 'compressor' },
      ],
      ctx,
      { plugins },
    );
    run(chain, sine(200, 0.3, FS, 1.2));
    const report = chain.report();
    expect(report['2.compressor.maxGainReductionDb']).toBeGreaterThan(3);
    expect(report['0.clip-guard.clipping']).toBe(true);
    expect(chain.slotReports().map((r) => r.index)).toEqual([0, 2]);
  });
});

describe('registration', () => {
  it("registerEffects registers every plugin once in core's registry, and chains find them there", async () => {
    registerEffects();
    registerEffects();
    for (const p of EFFECT_PLUGINS) expect(effects.get(p.name)).toBe(p);
    await import('../src/register.js');
    expect(effects.list().filter((p) => p.name === 'limiter')).toHaveLength(1);
    expect(createEffectChain([{ effect: 'limiter' }], ctx).length).toBe(1);
  });

  it("loadEffectChain runs a third-party plugin's lazy init() once before creating it", async () => {
    let inits = 0;
    const lazy: EffectPlugin = {
      kind: 'effect',
      name: 'lazy-gain',
      defaults: {},
      init: () => {
        inits++;
      },
      create: (params, context) => {
        if (inits === 0) throw new Error('not initialised');
        return eqEffect.create({ outputGainDb: -6 }, context);
      },
    };
    const registry = new Registry<EffectPlugin>('effect');
    registry.register(lazy);
    expect(() => createEffectChain([{ effect: 'lazy-gain' }], ctx, { registry })).toThrow(
      'not initialised',
    );
    const chain = await loadEffectChain([{ effect: 'lazy-gain' }, { effect: 'lazy-gain' }], ctx, {
      registry,
    });
    await loadEffectChain([{ effect: 'lazy-gain' }], ctx, { registry });
    expect(inits).toBe(1);
    expect(run(chain, new Float32Array(2000).fill(0.5))[1999]).toBeCloseTo(
      0.5 * 10 ** (-12 / 20),
      5,
    );
  });
});
