import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processInBlocks, sharedFile } from '@voirs/core/testing';
import { readWav } from '@voirs/dsp';
import { integratedLoudness, truePeakDb } from '@voirs/metrics';
import {
  EFFECT_PLUGINS,
  agcEffect,
  compressorCurveDb,
  compressorEffect,
  createEffectChain,
  limiterEffect,
  noiseGateEffect,
} from '../src/index.js';
import { fftTruePeak, peakOf, rmsOf, run, sine } from './helpers.js';

const FS = 22050;
const db = (x: number) => 20 * Math.log10(x);

/** A square wave of amplitude `a`: its magnitude is `a` at every sample, so the detector sees a constant level. */
const square = (a: number, seconds: number) =>
  Float32Array.from({ length: Math.round(seconds * FS) }, (_, i) =>
    Math.floor(i / 50) % 2 ? a : -a,
  );

describe('compressor', () => {
  it('follows the soft-knee static curve (threshold -20, ratio 4, knee 6, make-up 3)', () => {
    const expected: [number, number][] = [
      [-40, -37], // below the knee: only make-up
      [-24, -21], // the knee's lower edge
      [-20, -20 - 0.5625 + 3], // threshold: x + (1/4 - 1)(3)^2 / 12
      [-17, -20 + 3 / 4 + 3], // upper edge of the knee: on the ratio line
      [-10, -17.5 + 3],
      [0, -15 + 3],
    ];
    for (const [input, output] of expected) {
      const effect = compressorEffect.create(
        { thresholdDb: -20, ratio: 4, kneeDb: 6, makeupDb: 3 },
        { sampleRate: FS, channels: 1 },
      );
      const y = run(effect, square(10 ** (input / 20), 1));
      expect(db(peakOf(y, FS - 2000)), `input ${input} dB`).toBeCloseTo(output, 3);
      expect(compressorCurveDb(input, -20, 4, 6) + 3).toBeCloseTo(output, 9);
    }
  });

  it('reaches 63 % of a gain change in attackMs and recovers with releaseMs', () => {
    const effect = compressorEffect.create(
      { thresholdDb: -20, ratio: 4, kneeDb: 0, attackMs: 10, releaseMs: 100 },
      { sampleRate: FS, channels: 1 },
    );
    run(effect, square(0.01, 0.5));
    const y = run(effect, square(1, 1));
    const gainDb = Array.from(y, (v) => db(Math.abs(v)));
    const target = -15; // 0 dB in: 20 dB over, ratio 4 -> -15 dB gain
    const reach = gainDb.findIndex((g) => g <= target * (1 - Math.exp(-1)));
    expect((reach / FS) * 1000).toBeCloseTo(10, 0);
    expect(gainDb[gainDb.length - 1]).toBeCloseTo(target, 3);
    const rel = run(effect, square(0.01, 1)).map((v) => Math.abs(v) / 0.01);
    const back = Array.from(rel).findIndex((g) => db(g) >= target * Math.exp(-1));
    expect((back / FS) * 1000).toBeCloseTo(100, -1);
  });

  it('links stereo channels: both get the gain of the louder one', () => {
    const effect = compressorEffect.create(
      { thresholdDb: -20, ratio: 10, kneeDb: 0 },
      { sampleRate: FS, channels: 2 },
    );
    const a = square(1, 0.5);
    const x = new Float32Array(a.length * 2);
    a.forEach((v, i) => ((x[2 * i] = v), (x[2 * i + 1] = v * 0.01)));
    const y = run(effect, x, 2);
    const n = y.length - 2;
    expect(Math.abs(y[n + 1]! / x[n + 1]!)).toBeCloseTo(Math.abs(y[n]! / x[n]!), 6);
  });
});

describe('limiter', () => {
  /** Band-limited test material: 1-3 tones below 0.75 of Nyquist with smooth bursts, faded in and out. */
  const material = fc.record({
    tones: fc.array(
      fc.record({
        hz: fc.double({ min: 40, max: 0.375 * FS, noNaN: true }),
        amp: fc.double({ min: 0.05, max: 2, noNaN: true }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    burst: fc.double({ min: 1, max: 6, noNaN: true }),
    burstStart: fc.integer({ min: 500, max: 5000 }),
    burstLength: fc.integer({ min: 60, max: 2000 }),
  });

  interface Material {
    tones: { hz: number; amp: number }[];
    burst: number;
    burstStart: number;
    burstLength: number;
  }

  function render({ tones, burst, burstStart, burstLength }: Material): Float32Array {
    const n = 8192;
    const x = new Float32Array(n + 1024);
    for (let i = 0; i < n; i++) {
      const u = Math.min(
        1,
        Math.max(0, (i - burstStart) / 44),
        Math.max(0, (burstStart + burstLength - i) / 44),
      );
      const env =
        (1 + (burst - 1) * (0.5 - 0.5 * Math.cos(Math.PI * u))) *
        Math.min(1, i / 400, (n - i) / 400);
      x[i] =
        env * tones.reduce((s, t) => s + t.amp * Math.sin((2 * Math.PI * t.hz * i) / FS + t.hz), 0);
    }
    return x;
  }

  it('never exceeds the ceiling: sample peak exactly, true peak within 0.02 dB (property)', () => {
    fc.assert(
      fc.property(
        material,
        fc.double({ min: -12, max: 0, noNaN: true }),
        fc.double({ min: 0.5, max: 10, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 8 }),
        (m, ceilingDb, lookaheadMs, sizes) => {
          const effect = limiterEffect.create(
            { ceilingDb, lookaheadMs, releaseMs: 30 },
            { sampleRate: FS, channels: 1 },
          );
          const y = processInBlocks(effect, render(m), 1, FS, sizes);
          const ceiling = 10 ** (ceilingDb / 20);
          expect(peakOf(y)).toBeLessThanOrEqual(Math.fround(ceiling));
          expect(db(fftTruePeak(y)) - ceilingDb).toBeLessThanOrEqual(0.02);
        },
      ),
      { numRuns: 25, seed: 42, endOnFailure: true },
    );
  });

  it('never exceeds the ceiling in sample peak, whatever the input (property, true peak off, stereo)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -16, max: 16, noNaN: true }), { minLength: 2, maxLength: 3000 }),
        fc.double({ min: -20, max: 0, noNaN: true }),
        (values, ceilingDb) => {
          const x = Float32Array.from(values.length % 2 ? values.slice(1) : values);
          const effect = limiterEffect.create(
            { ceilingDb, truePeak: false, lookaheadMs: 2 },
            { sampleRate: FS, channels: 2 },
          );
          expect(peakOf(run(effect, x, 2))).toBeLessThanOrEqual(
            Math.fround(10 ** (ceilingDb / 20)),
          );
        },
      ),
      { numRuns: 60, seed: 7, endOnFailure: true },
    );
  });

  it('is transparent below the ceiling: output is the input delayed by the latency', () => {
    for (const truePeak of [false, true]) {
      const effect = limiterEffect.create(
        { ceilingDb: -1, truePeak },
        { sampleRate: FS, channels: 1 },
      );
      const x = sine(440, 0.5, FS, 0.5);
      const padded = new Float32Array(x.length + effect.latency);
      padded.set(x);
      const y = run(effect, padded);
      expect(effect.latency).toBe(Math.round(0.005 * FS) - 1 + (truePeak ? 20 : 0));
      expect(Array.from(y.subarray(effect.latency))).toEqual(Array.from(x));
    }
  });

  const clips = ['LJ001-0010', 'LJ001-0015', 'LJ001-0025'].map((id) =>
    sharedFile(`data/ljspeech/${id}.wav`),
  );
  it.skipIf(clips.some((c) => c === undefined))(
    'keeps real speech pushed 6 to 8 dB into it by the agc at or under -1 dBTP (BS.1770 meter of @voirs/metrics)',
    () => {
      for (const clip of clips) {
        const { audio } = readWav(readFileSync(clip!));
        const chain = createEffectChain(
          [
            { effect: 'agc', params: { targetLufs: -14, responseMs: 300 } },
            { effect: 'limiter', params: { ceilingDb: -1 } },
          ],
          { sampleRate: audio.sampleRate, channels: 1 },
          { plugins: EFFECT_PLUGINS },
        );
        const y = run(chain, audio.samples, 1, audio.sampleRate);
        expect(
          truePeakDb({ samples: y, sampleRate: audio.sampleRate, channels: 1 }),
        ).toBeLessThanOrEqual(-1);
        expect(peakOf(y)).toBeGreaterThan(10 ** (-1.5 / 20));
      }
    },
  );

  it('reports its gain reduction', () => {
    const effect = limiterEffect.create({ ceilingDb: -6 }, { sampleRate: FS, channels: 1 });
    run(effect, sine(300, 0.5, FS, 1));
    expect(
      (effect as unknown as { report(): { maxGainReductionDb: number } }).report()
        .maxGainReductionDb,
    ).toBeCloseTo(6.05, 2); // 6 dB plus the 0.05 dB true-peak margin
  });
});

describe('noise gate', () => {
  const gate = () =>
    noiseGateEffect.create(
      { thresholdDb: -40, hysteresisDb: 10, holdMs: 50, attackMs: 1, releaseMs: 20, rangeDb: -60 },
      { sampleRate: FS, channels: 1 },
    );
  const level = (y: Float32Array, x: Float32Array, from: number, to: number) =>
    db(rmsOf(y, from, to) / rmsOf(x, from, to));

  it('stays closed for a level between the closing and opening thresholds', () => {
    const x = sine(300, 1, FS, 10 ** (-45 / 20));
    const y = run(gate(), x);
    expect(level(y, x, FS / 2, FS)).toBeCloseTo(-60, 1);
  });

  it('stays open for the same level after a loud passage (hysteresis), then closes below -50 dB', () => {
    const loud = sine(300, 0.5, FS, 10 ** (-30 / 20));
    const between = sine(300, 1, FS, 10 ** (-45 / 20));
    const quiet = sine(300, 1, FS, 10 ** (-55 / 20));
    const x = new Float32Array(loud.length + between.length + quiet.length);
    x.set(loud);
    x.set(between, loud.length);
    x.set(quiet, loud.length + between.length);
    const y = run(gate(), x);
    const a = loud.length;
    const b = a + between.length;
    expect(level(y, x, a, b)).toBeCloseTo(0, 2);
    expect(level(y, x, b + FS / 2, x.length)).toBeCloseTo(-60, 1);
  });
});

describe('agc', () => {
  it('brings a 997 Hz tone to the loudness target (BS.1770: a 0 dBFS sine reads -3.01 LUFS)', () => {
    for (const [amplitudeDb, target] of [
      [-30, -23],
      [-12, -20],
    ]) {
      const effect = agcEffect.create(
        { targetLufs: target, responseMs: 500 },
        { sampleRate: FS, channels: 1 },
      );
      const x = sine(997, 8, FS, 10 ** (amplitudeDb! / 20));
      const y = run(effect, x);
      const tail = y.subarray(5 * FS);
      expect(db(peakOf(tail)) - 3.01).toBeCloseTo(target!, 1);
      expect(integratedLoudness({ samples: tail, sampleRate: FS, channels: 1 })).toBeCloseTo(
        target!,
        1,
      );
    }
  });

  it('does not boost silence or pauses below the gate', () => {
    const effect = agcEffect.create(
      { targetLufs: -16, gateLufs: -50 },
      { sampleRate: FS, channels: 1 },
    );
    const hum = sine(997, 6, FS, 10 ** (-70 / 20));
    const y = run(effect, hum);
    expect(db(peakOf(y.subarray(4 * FS)) / peakOf(hum))).toBeCloseTo(0, 3);
  });

  it('caps the boost at maxGainDb', () => {
    const effect = agcEffect.create(
      { targetLufs: -10, maxGainDb: 6, responseMs: 200 },
      { sampleRate: FS, channels: 1 },
    );
    const x = sine(997, 6, FS, 0.01);
    expect(db(peakOf(run(effect, x).subarray(4 * FS)) / 0.01)).toBeCloseTo(6, 1);
  });
});
