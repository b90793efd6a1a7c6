/**
 * `testEffect`: the conformance suite every effect plugin runs in its own tests.
 *
 * ```ts
 * testEffect(compressorEffect, { alternate: { ratio: 8 }, invalid: [{ params: { ratio: 0 }, field: 'ratio' }] });
 * ```
 *
 * It checks the plugin's shape, output length and finiteness on mono and stereo at several rates,
 * silence in giving silence out, block-size independence (random blocks of 1 to 4096 frames, also
 * across a mid-stream `setParams`), `reset()`, typed errors for bad parameters and bad blocks, and
 * that a long silence after loud input leaves no NaN and no subnormal numbers in the effect's state.
 */
import { describe, expect, it } from 'vitest';
import type { AudioBuffer } from '../audio.js';
import type { Effect, EffectPlugin } from '../effect.js';
import { isVocoderError } from '../errors.js';

/** Options of {@link testEffect}. */
export interface TestEffectOptions {
  /** Parameters for the tests (default: the plugin's defaults). Required when a parameter has no default. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Other valid parameters, switched to mid-stream (the block-size test across `setParams`). */
  readonly alternate?: Readonly<Record<string, unknown>>;
  /** Invalid parameter sets and the field each error must name. */
  readonly invalid?: readonly {
    readonly params: Readonly<Record<string, unknown>>;
    readonly field: string;
  }[];
  /** Channel counts to test (default [1, 2]). */
  readonly channels?: readonly number[];
  /** Sample rates to test (default [16000, 22050, 48000]). */
  readonly sampleRates?: readonly number[];
  /** The effect's state arrays, for the denormal check (skipped when absent). */
  state?(effect: Effect): readonly ArrayLike<number>[];
  /** Largest difference accepted between block partitions (default 0: identical output). */
  readonly tolerance?: number;
  /**
   * Parameters for the denormal check (default `params`): give the fastest decays (shortest
   * release, smallest reverb time) so that a recursion without a denormal guard reaches the
   * subnormal range (below 2.2e-308, about -6150 dB) within the silence.
   */
  readonly decayParams?: Readonly<Record<string, unknown>>;
  /** Seconds of silence after loud input for the denormal check (default 20). */
  readonly silenceSeconds?: number;
}

/** Deterministic pseudo-random numbers in [0, 1) (a 32-bit LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Speech-like test signal: harmonics of a gliding pitch with a syllable envelope and noise, peaks near -3 dBFS. */
export function effectTestSignal(
  frames: number,
  sampleRate: number,
  channels: number,
  seed = 1,
): Float32Array {
  const rnd = lcg(seed);
  const out = new Float32Array(frames * channels);
  let phase = 0;
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    phase += (2 * Math.PI * (120 + 40 * Math.sin(2 * Math.PI * 0.7 * t))) / sampleRate;
    const envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * 3 * t);
    let voiced = 0;
    for (let h = 1; h <= 12; h++) voiced += Math.sin(h * phase) / h;
    for (let c = 0; c < channels; c++) {
      out[i * channels + c] =
        envelope * (0.35 * voiced + 0.08 * (rnd() - 0.5)) * (c === 0 ? 1 : 0.8);
    }
  }
  return out;
}

/** Runs `samples` through `effect` in blocks of the given sizes (cycled); returns the output. */
export function processInBlocks(
  effect: Effect,
  samples: Float32Array,
  channels: number,
  sampleRate: number,
  sizes: readonly number[],
): Float32Array {
  const out = new Float32Array(samples.length);
  const frames = samples.length / channels;
  for (let start = 0, k = 0; start < frames; k++) {
    const n = Math.min(sizes[k % sizes.length]!, frames - start);
    const block: AudioBuffer = {
      samples: samples.slice(start * channels, (start + n) * channels),
      sampleRate,
      channels,
    };
    const result = effect.process(block);
    if (result.samples.length !== n * channels) {
      expect.fail(
        `${effect.name} returned ${result.samples.length} samples for a block of ${n * channels}`,
      );
    }
    out.set(result.samples, start * channels);
    start += n;
  }
  return out;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

function expectCode(fn: () => unknown, code: string, field?: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(isVocoderError(error), `expected a VocoderError ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  if (field !== undefined) {
    expect((error as Error).message).toContain(field);
    expect((error as { details?: { field?: unknown } }).details?.field).toBe(field);
  }
}

const MIN_NORMAL_64 = 2.2250738585072014e-308;
const MIN_NORMAL_32 = 1.1754943508222875e-38;

/** Registers the conformance tests for one effect plugin. */
export function testEffect(plugin: EffectPlugin, options: TestEffectOptions = {}): void {
  const params = options.params ?? plugin.defaults;
  const channelsList = options.channels ?? [1, 2];
  const rates = options.sampleRates ?? [16000, 22050, 48000];
  const tol = options.tolerance ?? 0;
  const rate = rates.includes(22050) ? 22050 : rates[0]!;
  const create = (channels: number, sampleRate = rate) =>
    plugin.create(params, { sampleRate, channels });

  describe(`testEffect: ${plugin.name}`, () => {
    it('is an effect plugin with a kebab-case name and frozen defaults', () => {
      expect(plugin.kind).toBe('effect');
      expect(plugin.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(Object.isFrozen(plugin.defaults)).toBe(true);
      const effect = create(channelsList[0]!);
      expect(effect.name).toBe(plugin.name);
      expect(Number.isInteger(effect.latency) && effect.latency >= 0).toBe(true);
    });

    for (const channels of channelsList) {
      it.each(rates)(
        `keeps the block length and gives finite output (${channels} ch, %i Hz)`,
        (sampleRate) => {
          const effect = create(channels, sampleRate);
          const input = effectTestSignal(Math.round(sampleRate / 2), sampleRate, channels);
          const out = processInBlocks(effect, input, channels, sampleRate, [1000]);
          expect(out.every(Number.isFinite)).toBe(true);
          const empty = effect.process({ samples: new Float32Array(0), sampleRate, channels });
          expect(empty.samples.length).toBe(0);
        },
      );

      it(`turns silence into silence (${channels} ch)`, () => {
        const effect = create(channels);
        const out = processInBlocks(
          effect,
          new Float32Array(rate * channels),
          channels,
          rate,
          [512],
        );
        expect(out.every((v) => v === 0)).toBe(true);
      });

      it(`gives the same output for any block sizes, also across setParams (${channels} ch)`, () => {
        const frames = Math.round(rate * 0.6);
        const input = effectTestSignal(frames, rate, channels, 7);
        const half = Math.floor(frames / 2) * channels;
        const run = (sizes: readonly number[]): Float32Array => {
          const effect = create(channels);
          const first = processInBlocks(effect, input.subarray(0, half), channels, rate, sizes);
          if (options.alternate) effect.setParams(options.alternate);
          const second = processInBlocks(
            effect,
            input.subarray(half),
            channels,
            rate,
            sizes.slice().reverse(),
          );
          const out = new Float32Array(input.length);
          out.set(first);
          out.set(second, half);
          return out;
        };
        const reference = run([frames]);
        const rnd = lcg(channels * 31 + 5);
        const partitions = [
          [1],
          [4096],
          [3, 1, 4, 1, 5, 9, 2, 6],
          Array.from({ length: 40 }, () => 1 + Math.floor(rnd() * 4096)),
        ];
        for (const sizes of partitions)
          expect(maxAbsDiff(run(sizes), reference)).toBeLessThanOrEqual(tol);
      });

      it(`resets to the state of a new effect (${channels} ch)`, () => {
        const input = effectTestSignal(Math.round(rate / 4), rate, channels, 3);
        const fresh = processInBlocks(create(channels), input, channels, rate, [777]);
        const effect = create(channels);
        processInBlocks(
          effect,
          effectTestSignal(Math.round(rate / 4), rate, channels, 9),
          channels,
          rate,
          [500],
        );
        effect.reset();
        expect(
          maxAbsDiff(processInBlocks(effect, input, channels, rate, [777]), fresh),
        ).toBeLessThanOrEqual(tol);
      });

      it(`leaves no NaN or subnormal state after a long silence (${channels} ch)`, () => {
        const effect = plugin.create(
          { ...params, ...options.decayParams },
          { sampleRate: rate, channels },
        );
        const loud = effectTestSignal(Math.round(rate / 2), rate, channels, 11).map((v) => v * 2.5);
        processInBlocks(effect, loud, channels, rate, [1024]);
        const seconds = options.silenceSeconds ?? 20;
        const silence = processInBlocks(
          effect,
          new Float32Array(rate * seconds * channels),
          channels,
          rate,
          [4096],
        );
        expect(silence.every(Number.isFinite)).toBe(true);
        for (const buffer of options.state?.(effect) ?? []) {
          const floor = buffer instanceof Float32Array ? MIN_NORMAL_32 : MIN_NORMAL_64;
          for (let i = 0; i < buffer.length; i++) {
            const v = Math.abs(buffer[i]!);
            expect(Number.isFinite(v), `state value ${i} is ${v}`).toBe(true);
            if (v !== 0 && v < floor) expect.fail(`state value ${i} is subnormal (${v})`);
          }
        }
      });
    }

    it('rejects invalid and unknown parameters with E_EFFECT_PARAMS naming the field', () => {
      const context = { sampleRate: rate, channels: 1 };
      expectCode(
        () => plugin.create({ ...params, notAParameter: 1 }, context),
        'E_EFFECT_PARAMS',
        'notAParameter',
      );
      for (const { params: bad, field } of options.invalid ?? []) {
        expectCode(() => plugin.create({ ...params, ...bad }, context), 'E_EFFECT_PARAMS', field);
        const effect = plugin.create(params, context);
        expectCode(() => effect.setParams(bad), 'E_EFFECT_PARAMS', field);
        const out = processInBlocks(effect, effectTestSignal(1000, rate, 1), 1, rate, [1000]);
        expect(out.every(Number.isFinite)).toBe(true);
      }
      expect(() => plugin.create(params, null as never)).toThrow(TypeError);
      expect(() => create(1).setParams(null as never)).toThrow(TypeError);
    });

    it('rejects blocks of another format or with NaN with E_AUDIO_INVALID, and non-blocks with TypeError', () => {
      const effect = create(1);
      expectCode(
        () => effect.process({ samples: new Float32Array(4), sampleRate: rate, channels: 2 }),
        'E_AUDIO_INVALID',
      );
      expectCode(
        () => effect.process({ samples: new Float32Array(4), sampleRate: rate + 1, channels: 1 }),
        'E_AUDIO_INVALID',
      );
      const nan = new Float32Array(8);
      nan[5] = Number.NaN;
      expectCode(
        () => effect.process({ samples: nan, sampleRate: rate, channels: 1 }),
        'E_AUDIO_INVALID',
      );
      expect(() =>
        effect.process({ samples: [0, 0] as never, sampleRate: rate, channels: 1 }),
      ).toThrow(TypeError);
    });
  });
}
