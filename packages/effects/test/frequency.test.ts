import { describe, expect, it } from 'vitest';
import {
  biquadCoefficients,
  biquadResponse,
  butterworthHighpass,
  type BiquadCoefficients,
} from '@voirs/dsp';
import {
  biquadEffect,
  dcBlockerEffect,
  deEsserEffect,
  enhancerEffect,
  eqEffect,
  presenceEffect,
  warmthEffect,
} from '../src/index.js';
import { impulse, magnitudeDbAt, rmsOf, run, sine } from './helpers.js';

const FS = 22050;
const N = 1 << 15;
const PROBES = [20, 50, 100, 200, 440, 1000, 2000, 3000, 4000, 6000, 8000, 10_000, 11_000];

/** Measured |H| (dB) of an effect at the probes, from its impulse response. */
function measured(effect: ReturnType<typeof biquadEffect.create>, channels = 1): number[] {
  const x = new Float32Array(N * channels);
  for (let c = 0; c < channels; c++) x[c] = 1;
  const y = run(effect, x, channels, FS);
  const mono = Float32Array.from({ length: N }, (_, i) => y[i * channels]!);
  return PROBES.map((hz) => magnitudeDbAt(mono, hz, FS, N));
}

function expected(sections: readonly BiquadCoefficients[], gainDb = 0): number[] {
  return PROBES.map(
    (hz) => biquadResponse(sections, (Math.round((hz * N) / FS) * FS) / N, FS).magnitudeDb + gainDb,
  );
}

/** Compares responses in dB where the expected level is above -80 dB (below, float32 rounding dominates). */
const expectClose = (a: number[], b: number[], tol: number) =>
  a.forEach((v, i) => {
    if (b[i]! > -80)
      expect(Math.abs(v - b[i]!), `probe ${PROBES[i]} Hz: ${v} vs ${b[i]}`).toBeLessThanOrEqual(
        tol,
      );
  });

describe('filter effects match the analytic biquad response', () => {
  it.each([
    ['lowpass', 1000, Math.SQRT1_2, 0],
    ['highpass', 300, 0.9, 0],
    ['peaking', 2500, 2, 9],
    ['peaking', 700, 0.5, -12],
    ['lowshelf', 200, Math.SQRT1_2, 6],
    ['highshelf', 5000, Math.SQRT1_2, -8],
    ['notch', 1000, 4, 0],
    ['bandpass', 3000, 1.5, 0],
    ['allpass', 2000, 1, 0],
  ] as const)('biquad %s at %i Hz (q %d, %d dB)', (type, frequency, q, gainDb) => {
    const effect = biquadEffect.create(
      { type, frequency, q, gainDb },
      { sampleRate: FS, channels: 2 },
    );
    const sections = [biquadCoefficients(type, { frequency, q, gainDb }, FS)];
    expectClose(measured(effect, 2), expected(sections), 0.01);
  });

  it('peaking and shelf gains land where the cookbook says (independent of biquadResponse)', () => {
    const at = (effect: ReturnType<typeof biquadEffect.create>, hz: number) => {
      const y = run(effect, impulse(N), 1, FS);
      return magnitudeDbAt(y, hz, FS, N);
    };
    expect(
      at(
        biquadEffect.create(
          { type: 'peaking', frequency: 2000, q: 1, gainDb: 7 },
          { sampleRate: FS, channels: 1 },
        ),
        2000,
      ),
    ).toBeCloseTo(7, 1);
    expect(
      at(
        biquadEffect.create({ type: 'lowpass', frequency: 1000 }, { sampleRate: FS, channels: 1 }),
        1000,
      ),
    ).toBeCloseTo(-3.01, 1);
    expect(
      at(
        biquadEffect.create(
          { type: 'lowshelf', frequency: 300, gainDb: 6 },
          { sampleRate: FS, channels: 1 },
        ),
        20,
      ),
    ).toBeCloseTo(6, 1);
  });

  it('eq cascades its bands and output gain', () => {
    const bands = [
      { type: 'highpass', frequency: 80, q: 0.7 },
      { type: 'lowshelf', frequency: 200, gainDb: 4 },
      { type: 'peaking', frequency: 3000, gainDb: -6, q: 1.2 },
      { type: 'highshelf', frequency: 7000, gainDb: 3 },
      { type: 'lowpass', frequency: 10_000 },
    ] as const;
    const effect = eqEffect.create({ bands, outputGainDb: -2 }, { sampleRate: FS, channels: 1 });
    const sections = bands.map((b) =>
      biquadCoefficients(
        b.type,
        {
          frequency: b.frequency,
          q: 'q' in b ? b.q : Math.SQRT1_2,
          gainDb: 'gainDb' in b ? b.gainDb : 0,
        },
        FS,
      ),
    );
    expectClose(measured(effect), expected(sections, -2), 0.01);
    expectClose(
      measured(eqEffect.create({}, { sampleRate: FS, channels: 1 })),
      PROBES.map(() => 0),
      0.001,
    );
  });

  it('warmth tilts: low shelf up by amountDb, high shelf down by half', () => {
    const effect = warmthEffect.create(
      { amountDb: 6, frequency: 250, trebleFrequency: 6000 },
      { sampleRate: FS, channels: 1 },
    );
    const sections = [
      biquadCoefficients('lowshelf', { frequency: 250, gainDb: 6 }, FS),
      biquadCoefficients('highshelf', { frequency: 6000, gainDb: -3 }, FS),
    ];
    const got = measured(effect);
    expectClose(got, expected(sections), 0.01);
    expect(got[0]).toBeCloseTo(6, 0);
    expect(got[PROBES.length - 1]).toBeCloseTo(-3, 0);
  });

  it('presence is a peaking boost at its frequency', () => {
    const effect = presenceEffect.create(
      { gainDb: 4, frequency: 4000, q: 0.9 },
      { sampleRate: FS, channels: 1 },
    );
    expectClose(
      measured(effect),
      expected([biquadCoefficients('peaking', { frequency: 4000, q: 0.9, gainDb: 4 }, FS)]),
      0.01,
    );
  });

  it('dc-blocker is the Butterworth high-pass and removes an offset', () => {
    const effect = dcBlockerEffect.create(
      { cutoffHz: 20, order: 2 },
      { sampleRate: FS, channels: 1 },
    );
    expectClose(measured(effect), expected(butterworthHighpass(2, 20, FS)), 0.01);
    const offset = sine(440, 2, FS, 0.3).map((v) => v + 0.25);
    const y = run(dcBlockerEffect.create({}, { sampleRate: FS, channels: 1 }), offset, 1, FS);
    const tail = y.subarray(FS);
    expect(Math.abs(tail.reduce((s, v) => s + v, 0) / tail.length)).toBeLessThan(1e-3);
    expect(rmsOf(tail)).toBeCloseTo(0.3 / Math.SQRT2, 2);
  });
});

describe('parameter changes glide without zipper noise', () => {
  it('a filter sweep stays smooth and ends at the new response', () => {
    const effect = biquadEffect.create(
      { type: 'peaking', frequency: 500, q: 1, gainDb: 12 },
      { sampleRate: FS, channels: 1 },
    );
    const tone = sine(500, 1, FS, 0.5);
    const first = run(effect, tone.subarray(0, FS / 2), 1, FS);
    effect.setParams({ frequency: 4000 });
    const second = run(effect, tone.subarray(FS / 2), 1, FS);
    const y = new Float32Array(FS);
    y.set(first);
    y.set(second, FS / 2);
    // no sample-to-sample jump beyond what a 500 Hz sine of this level can do
    const limit = 2 * Math.PI * (500 / FS) * 2.0;
    let steepest = 0;
    for (let i = 1; i < y.length; i++) steepest = Math.max(steepest, Math.abs(y[i]! - y[i - 1]!));
    expect(steepest).toBeLessThan(limit);
    // at the end the boost at 500 Hz is gone (4000 Hz peaking leaves 500 Hz almost flat)
    expect(rmsOf(y, FS - 4410, FS)).toBeCloseTo(
      0.5 *
        Math.SQRT1_2 *
        10 **
          (biquadResponse(
            biquadCoefficients('peaking', { frequency: 4000, q: 1, gainDb: 12 }, FS),
            500,
            FS,
          ).magnitudeDb /
            20),
      2,
    );
  });

  it('an output gain change is a linear ramp, not a step', () => {
    const effect = eqEffect.create({}, { sampleRate: FS, channels: 1 });
    run(effect, new Float32Array(100).fill(0.5), 1, FS);
    effect.setParams({ outputGainDb: -20 });
    const y = run(effect, new Float32Array(2000).fill(0.5), 1, FS);
    const steps = Array.from({ length: 1999 }, (_, i) => y[i]! - y[i + 1]!);
    const total = 0.5 - 0.05;
    expect(Math.max(...steps)).toBeLessThan((2 * total) / (0.02 * FS));
    expect(y[1999]).toBeCloseTo(0.05, 6);
  });
});

describe('enhancer and de-esser', () => {
  it('the enhancer adds harmonics above its band and leaves low frequencies alone', () => {
    const low = sine(200, 1, FS, 0.5);
    const yLow = run(
      enhancerEffect.create({ amount: 0.5 }, { sampleRate: FS, channels: 1 }),
      low,
      1,
      FS,
    );
    expect(rmsOf(yLow, FS / 2) / rmsOf(low, FS / 2)).toBeCloseTo(1, 2);
    const high = sine(3000, 1, FS, 0.5);
    const yHigh = run(
      enhancerEffect.create(
        { amount: 0.5, frequency: 2000, driveDb: 18 },
        { sampleRate: FS, channels: 1 },
      ),
      high,
      1,
      FS,
    );
    const n = 1 << 14;
    const third =
      magnitudeDbAt(yHigh.subarray(FS - n), 9000, FS, n) -
      magnitudeDbAt(high.subarray(FS - n), 9000, FS, n);
    expect(third).toBeGreaterThan(40);
  });

  it('the de-esser turns a loud sibilant band down and leaves voiced sound untouched', () => {
    const voiced = sine(300, 1, FS, 0.5);
    const de = deEsserEffect.create(
      { thresholdDb: -30, ratio: 4, maxReductionDb: 12 },
      { sampleRate: FS, channels: 1 },
    );
    expect(
      Array.from(run(de, voiced, 1, FS)).every((v, i) => Math.abs(v - voiced[i]!) < 1e-3),
    ).toBe(true);
    const hiss = sine(8000, 1, FS, 0.3);
    const y = run(
      deEsserEffect.create(
        { thresholdDb: -30, ratio: 4, maxReductionDb: 12 },
        { sampleRate: FS, channels: 1 },
      ),
      hiss,
      1,
      FS,
    );
    const reductionDb = 20 * Math.log10(rmsOf(hiss, FS / 2) / rmsOf(y, FS / 2));
    // level -10.5 dBFS peak, 19.5 dB over: (19.5)(3/4) = 14.6 dB, capped at 12 (8 kHz is well above the split)
    expect(reductionDb).toBeGreaterThan(10.5);
    expect(reductionDb).toBeLessThan(13.5);
  });
});
