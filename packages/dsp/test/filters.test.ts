import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BIQUAD_TYPES,
  BiquadFilter,
  biquadCoefficients,
  biquadResponse,
  butterworthHighpass,
  butterworthLowpass,
  type BiquadCoefficients,
} from '../src/filters/index.js';

const SR = 16000;
const db = (x: number) => 20 * Math.log10(x);
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? `not a VocoderError: ${String(error)}`;
  }
  return 'no error';
};

/** Steady-state gain of `sections` for a sine at `freq`: least-squares fit of sin/cos after the transient. */
function measuredGain(sections: BiquadCoefficients[], freq: number, sampleRate = SR): number {
  const n = sampleRate;
  const skip = n / 4;
  const w = (2 * Math.PI * freq) / sampleRate;
  const x = Float32Array.from({ length: n }, (_, i) => Math.sin(w * i));
  const y = new BiquadFilter(sections).process(x);
  let ss = 0,
    cc = 0,
    sc = 0,
    ys = 0,
    yc = 0;
  for (let i = skip; i < n; i++) {
    const s = Math.sin(w * i);
    const c = Math.cos(w * i);
    ss += s * s;
    cc += c * c;
    sc += s * c;
    ys += y[i]! * s;
    yc += y[i]! * c;
  }
  const det = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / det;
  const b = (yc * ss - ys * sc) / det;
  return Math.hypot(a, b);
}

describe('biquadCoefficients (RBJ cookbook)', () => {
  const at = (c: BiquadCoefficients, f: number, sr = SR) => biquadResponse(c, f, sr);

  it('has the textbook gains at DC, the centre frequency and Nyquist', () => {
    const q = 2.5;
    const lp = biquadCoefficients('lowpass', { frequency: 1000, q }, SR);
    expect(at(lp, 0).magnitude).toBeCloseTo(1, 12);
    expect(at(lp, 1000).magnitude).toBeCloseTo(q, 10); // |H(w0)| = Q
    expect(at(lp, SR / 2).magnitude).toBeCloseTo(0, 12);
    const hp = biquadCoefficients('highpass', { frequency: 1000, q }, SR);
    expect(
      [at(hp, 0).magnitude, at(hp, 1000).magnitude, at(hp, SR / 2).magnitude].map(
        (v) => +v.toFixed(10),
      ),
    ).toEqual([0, q, 1]);
    const bp = biquadCoefficients('bandpass', { frequency: 1000, q }, SR);
    expect(
      [at(bp, 0).magnitude, at(bp, 1000).magnitude, at(bp, SR / 2).magnitude].map(
        (v) => +v.toFixed(10),
      ),
    ).toEqual([0, 1, 0]);
    const notch = biquadCoefficients('notch', { frequency: 1000, q }, SR);
    expect(
      [at(notch, 0).magnitude, at(notch, 1000).magnitude, at(notch, SR / 2).magnitude].map(
        (v) => +v.toFixed(10),
      ),
    ).toEqual([1, 0, 1]);
    const ap = biquadCoefficients('allpass', { frequency: 1000, q }, SR);
    for (const f of [0, 100, 1000, 5000, 8000]) expect(at(ap, f).magnitude).toBeCloseTo(1, 12);
    expect(Math.abs(at(ap, 1000).phase)).toBeCloseTo(Math.PI, 10);
  });

  it('hits the requested gains of peaking and shelving filters', () => {
    for (const gainDb of [-12, -3, 6, 15]) {
      const peak = biquadCoefficients('peaking', { frequency: 2000, q: 1.2, gainDb }, SR);
      expect(at(peak, 2000).magnitudeDb).toBeCloseTo(gainDb, 10);
      expect(at(peak, 0).magnitudeDb).toBeCloseTo(0, 10);
      expect(at(peak, SR / 2).magnitudeDb).toBeCloseTo(0, 10);
      const low = biquadCoefficients('lowshelf', { frequency: 500, gainDb }, SR);
      expect(
        [at(low, 0).magnitudeDb, at(low, 500).magnitudeDb, at(low, SR / 2).magnitudeDb].map(
          (v) => +v.toFixed(8) + 0,
        ),
      ).toEqual([gainDb, gainDb / 2, 0]);
      const high = biquadCoefficients('highshelf', { frequency: 3000, slope: 0.7, gainDb }, SR);
      expect(
        [at(high, 0).magnitudeDb, at(high, 3000).magnitudeDb, at(high, SR / 2).magnitudeDb].map(
          (v) => +v.toFixed(8) + 0,
        ),
      ).toEqual([0, gainDb / 2, gainDb]);
    }
  });

  it('relates bandwidth, Q and slope as the cookbook says', () => {
    // a shelf with slope 1 is the Q = 1/sqrt(2) shelf
    expect(biquadCoefficients('lowshelf', { frequency: 300, slope: 1, gainDb: 5 }, SR)).toEqual(
      biquadCoefficients('lowshelf', { frequency: 300, gainDb: 5 }, SR),
    );
    // a one-octave bandpass is 3 dB down half an octave either side of the centre
    const bp = biquadCoefficients('bandpass', { frequency: 1000, bandwidth: 1 }, 48000);
    // (the cookbook's bandwidth pre-warp is an approximation: within 0.01 dB here)
    expect(Math.abs(at(bp, 1000 * Math.SQRT2, 48000).magnitudeDb + 3.0103)).toBeLessThan(0.01);
    expect(Math.abs(at(bp, 1000 / Math.SQRT2, 48000).magnitudeDb + 3.0103)).toBeLessThan(0.01);
  });

  it('reproduces the BS.1770 K-weighting RLB high-pass poles at 48 kHz', () => {
    // ITU-R BS.1770-4 table 2: a1 = -1.99004745483398, a2 = 0.99007225036621
    const rlb = biquadCoefficients(
      'highpass',
      { frequency: 38.13547087602444, q: 0.5003270373238773 },
      48000,
    );
    expect(rlb.a1).toBeCloseTo(-1.99004745483398, 12);
    expect(rlb.a2).toBeCloseTo(0.99007225036621, 12);
  });

  it('refuses invalid designs with E_INVALID_ARGUMENT', () => {
    const cases: [string, () => unknown][] = [
      ['frequency 0', () => biquadCoefficients('lowpass', { frequency: 0 }, SR)],
      ['frequency at Nyquist', () => biquadCoefficients('lowpass', { frequency: 8000 }, SR)],
      ['NaN frequency', () => biquadCoefficients('lowpass', { frequency: Number.NaN }, SR)],
      ['q = 0', () => biquadCoefficients('lowpass', { frequency: 100, q: 0 }, SR)],
      [
        'q and bandwidth',
        () => biquadCoefficients('peaking', { frequency: 100, q: 1, bandwidth: 1 }, SR),
      ],
      [
        'slope on a peaking filter',
        () => biquadCoefficients('peaking', { frequency: 100, slope: 1 }, SR),
      ],
      [
        'too steep a shelf',
        () => biquadCoefficients('lowshelf', { frequency: 100, slope: 10, gainDb: 24 }, SR),
      ],
      [
        'infinite gain',
        () => biquadCoefficients('peaking', { frequency: 100, gainDb: Infinity }, SR),
      ],
      ['unknown type', () => biquadCoefficients('comb' as never, { frequency: 100 }, SR)],
    ];
    for (const [name, fn] of cases) expect(code(fn), name).toBe('E_INVALID_ARGUMENT');
    expect(code(() => biquadCoefficients('lowpass', { frequency: 100 }, 0))).toBe('E_SAMPLE_RATE');
    expect(() => biquadCoefficients('lowpass', { frequency: '100' as never }, SR)).toThrow(
      TypeError,
    );
    expect(
      code(() => biquadResponse(biquadCoefficients('lowpass', { frequency: 100 }, SR), 9000, SR)),
    ).toBe('E_INVALID_ARGUMENT');
  });
});

describe('BiquadFilter', () => {
  it('filters a stepped sine sweep exactly as biquadResponse predicts, for every type', () => {
    // 24 log-spaced steps from 40 Hz to 7.8 kHz, plus the centre frequency itself
    const sweep = [...Array.from({ length: 24 }, (_, i) => 40 * (7800 / 40) ** (i / 23)), 1000];
    for (const type of BIQUAD_TYPES) {
      const c = biquadCoefficients(type, { frequency: 1000, q: 0.9, gainDb: 6 }, SR);
      for (const f of sweep) {
        const expected = biquadResponse(c, f, SR).magnitude;
        const got = measuredGain([c], f);
        expect(Math.abs(got - expected), `${type} at ${f} Hz`).toBeLessThan(2e-4);
        if (expected > 0.01)
          expect(Math.abs(db(got) - db(expected)), `${type} at ${f} Hz`).toBeLessThan(0.01);
      }
    }
  });

  it('gives bit-identical output for any block partition and channel count (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 6 }),
        (channels, sizes, order) => {
          const sections = butterworthLowpass(order, 900, SR);
          const frames = 500;
          const input = Float32Array.from(
            { length: frames * channels },
            (_, i) => Math.sin(i * 0.91) + ((i * 7919) % 13) / 13 - 0.5,
          );
          const whole = new BiquadFilter(sections, channels).process(input);
          const filter = new BiquadFilter(sections, channels);
          const pieces = new Float32Array(input.length);
          for (let at = 0, k = 0; at < frames; k++) {
            const n = Math.min(sizes[k % sizes.length]!, frames - at);
            const block = input.slice(at * channels, (at + n) * channels);
            pieces.set(filter.process(block, block), at * channels); // in place
            at += n;
          }
          expect(pieces).toEqual(whole);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('filters interleaved channels independently', () => {
    const c = biquadCoefficients('highpass', { frequency: 300 }, SR);
    const left = Float32Array.from({ length: 300 }, (_, i) => Math.sin(i * 0.05));
    const right = Float32Array.from({ length: 300 }, (_, i) => (i % 10) / 10);
    const stereo = new Float32Array(600);
    left.forEach((v, i) => (stereo[2 * i] = v));
    right.forEach((v, i) => (stereo[2 * i + 1] = v));
    const out = new BiquadFilter(c, 2).processBuffer({
      samples: stereo,
      sampleRate: SR,
      channels: 2,
    });
    const l = new BiquadFilter(c).process(left);
    const r = new BiquadFilter(c).process(right);
    expect(out.samples.filter((_, i) => i % 2 === 0)).toEqual(l);
    expect(out.samples.filter((_, i) => i % 2 === 1)).toEqual(r);
  });

  it('flushes decaying state to exact zeros instead of subnormals', () => {
    const filter = new BiquadFilter(butterworthLowpass(4, 50, 48000));
    const impulse = new Float32Array(48000);
    impulse[0] = 1;
    const out = filter.process(impulse);
    expect(out[100]).not.toBe(0);
    expect(out.subarray(40000).every((v) => v === 0)).toBe(true);
  });

  it('keeps state across setSections with the same section count and clears it on reset', () => {
    const a = biquadCoefficients('lowpass', { frequency: 500 }, SR);
    const b = biquadCoefficients('lowpass', { frequency: 2000 }, SR);
    const x = Float32Array.from({ length: 64 }, () => 1);
    const filter = new BiquadFilter(a);
    filter.process(x);
    filter.setSections(b);
    const continued = filter.process(x);
    filter.reset();
    const fresh = filter.process(x);
    expect(continued[0]).toBeGreaterThan(0.5); // the state of the step response was kept
    expect(fresh[0]).toBe(Math.fround(b.b0));
    expect(code(() => new BiquadFilter([]))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => new BiquadFilter({ ...a, a1: Number.NaN }))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => new BiquadFilter(a, 2).process(new Float32Array(3)))).toBe('E_AUDIO_INVALID');
  });
});

describe('Butterworth', () => {
  it('matches scipy.signal.butter(2, 0.5): b = [0.2929, 0.5858, 0.2929], a = [1, 0, 0.1716]', () => {
    const [s] = butterworthLowpass(2, 4000, SR);
    expect([s!.b0, s!.b1, s!.b2, s!.a1, s!.a2].map((v) => +v.toFixed(8) + 0)).toEqual([
      0.29289322, 0.58578644, 0.29289322, 0, 0.17157288,
    ]);
  });

  it('follows the closed-form bilinear Butterworth magnitude for orders 1 to 10, -3.01 dB at the cutoff', () => {
    const fc0 = 1200;
    const tc = Math.tan((Math.PI * fc0) / SR);
    for (let order = 1; order <= 10; order++) {
      const lp = butterworthLowpass(order, fc0, SR);
      const hp = butterworthHighpass(order, fc0, SR);
      expect(lp).toHaveLength(Math.ceil(order / 2));
      expect(biquadResponse(lp, fc0, SR).magnitudeDb).toBeCloseTo(-3.0103, 4);
      expect(biquadResponse(hp, fc0, SR).magnitudeDb).toBeCloseTo(-3.0103, 4);
      for (const f of [10, 300, 1000, 1500, 2500, 5000, 7900]) {
        const r = Math.tan((Math.PI * f) / SR) / tc;
        expect(biquadResponse(lp, f, SR).magnitude, `order ${order} at ${f}`).toBeCloseTo(
          1 / Math.sqrt(1 + r ** (2 * order)),
          10,
        );
        expect(biquadResponse(hp, f, SR).magnitude, `order ${order} at ${f}`).toBeCloseTo(
          1 / Math.sqrt(1 + r ** (-2 * order)),
          10,
        );
      }
    }
  });

  it('measures -3 dB at the cutoff on a processed sine', () => {
    for (const order of [1, 2, 5, 8]) {
      expect(db(measuredGain(butterworthLowpass(order, 2000, SR), 2000))).toBeCloseTo(-3.0103, 2);
      expect(db(measuredGain(butterworthHighpass(order, 2000, SR), 2000))).toBeCloseTo(-3.0103, 2);
    }
  });

  it('refuses bad orders and cutoffs', () => {
    expect(code(() => butterworthLowpass(0, 100, SR))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => butterworthLowpass(2.5, 100, SR))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => butterworthHighpass(33, 100, SR))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => butterworthHighpass(2, 8000, SR))).toBe('E_INVALID_ARGUMENT');
  });
});
