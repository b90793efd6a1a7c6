import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVocoderError } from '@voirs/core';
import { processInBlocks } from '@voirs/core/testing';
import { BiquadFilter, butterworthHighpass, butterworthLowpass } from '@voirs/dsp';
import { convolutionEffect, reverbEffect, stereoWidthEffect } from '../src/index.js';
import { impulse, run } from './helpers.js';

const FS = 22050;

/** RT60 from an impulse response: Schroeder backward integration, slope from -5 to -35 dB, doubled (T30). */
function rt60Of(ir: ArrayLike<number>, sampleRate: number): number {
  const edc = new Float64Array(ir.length);
  let acc = 0;
  for (let i = ir.length - 1; i >= 0; i--) {
    acc += ir[i]! * ir[i]!;
    edc[i] = acc;
  }
  const level = (i: number) => 10 * Math.log10(edc[i]! / edc[0]!);
  // least-squares line through the decay between -5 and -35 dB
  let [sx, sy, sxx, sxy, n] = [0, 0, 0, 0, 0];
  for (let i = 0; i < ir.length && level(i) > -35; i++) {
    if (level(i) > -5) continue;
    const t = i / sampleRate;
    const y = level(i);
    sx += t;
    sy += y;
    sxx += t * t;
    sxy += t * y;
    n++;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return -60 / slope;
}

const channel = (x: Float32Array, c: number, channels: number) =>
  Float32Array.from({ length: x.length / channels }, (_, i) => x[i * channels + c]!);

describe('reverb', () => {
  it.each([
    [0.4, 22050],
    [1.2, 22050],
    [2.5, 48000],
  ])(
    'decays by 60 dB in rt60 = %d s (%i Hz), measured by Schroeder integration',
    (rt60, sampleRate) => {
      const effect = reverbEffect.create(
        { rt60, hfRatio: 1, wet: 1, dry: 0, preDelayMs: 0 },
        { sampleRate, channels: 1 },
      );
      const ir = run(effect, impulse(Math.round(rt60 * 1.5 * sampleRate)), 1, sampleRate);
      expect(rt60Of(ir, sampleRate) / rt60).toBeGreaterThan(0.93);
      expect(rt60Of(ir, sampleRate) / rt60).toBeLessThan(1.07);
    },
  );

  it('damps the top: with hfRatio 0.3 the band above 5 kHz decays about 3 times faster', () => {
    const effect = reverbEffect.create(
      { rt60: 1.5, hfRatio: 0.3, wet: 1, dry: 0, preDelayMs: 0 },
      { sampleRate: FS, channels: 1 },
    );
    const ir = run(effect, impulse(Math.round(2 * FS)));
    const low = new BiquadFilter(butterworthLowpass(4, 300, FS)).process(ir);
    const high = new BiquadFilter(butterworthHighpass(4, 5000, FS)).process(ir);
    expect(rt60Of(low, FS) / 1.5).toBeGreaterThan(0.85);
    expect(rt60Of(high, FS) / rt60Of(low, FS)).toBeLessThan(0.55);
  });

  it('has about unit impulse-response energy at rt60 = 1 s, at any rate', () => {
    for (const sampleRate of [16000, 44100]) {
      const effect = reverbEffect.create(
        { rt60: 1, hfRatio: 1, wet: 1, dry: 0 },
        { sampleRate, channels: 1 },
      );
      const energy = run(effect, impulse(3 * sampleRate), 1, sampleRate).reduce(
        (s, v) => s + v * v,
        0,
      );
      expect(energy).toBeGreaterThan(0.5);
      expect(energy).toBeLessThan(2);
    }
  });

  it('starts after the pre-delay and gives decorrelated left and right', () => {
    const effect = reverbEffect.create(
      { preDelayMs: 50, wet: 1, dry: 0 },
      { sampleRate: FS, channels: 2 },
    );
    const x = new Float32Array(2 * FS);
    x[0] = 1;
    x[1] = 1;
    const y = run(effect, x, 2);
    const first = y.findIndex((v) => v !== 0);
    expect(Math.floor(first / 2)).toBeGreaterThanOrEqual(Math.round(0.05 * FS));
    const l = channel(y, 0, 2);
    const r = channel(y, 1, 2);
    let [lr, ll, rr] = [0, 0, 0];
    for (let i = 0; i < l.length; i++) {
      lr += l[i]! * r[i]!;
      ll += l[i]! ** 2;
      rr += r[i]! ** 2;
    }
    expect(Math.abs(lr / Math.sqrt(ll * rr))).toBeLessThan(0.2);
  });

  it('mixes dry and wet: dry 1, wet 0 is the input unchanged', () => {
    const effect = reverbEffect.create({ wet: 0, dry: 1 }, { sampleRate: FS, channels: 1 });
    const x = Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i / 7) * 0.3);
    expect(Array.from(run(effect, x))).toEqual(Array.from(x));
  });
});

describe('convolution', () => {
  const direct = (
    x: Float32Array,
    h: ArrayLike<number>,
    channels: number,
    c: number,
  ): Float64Array => {
    const frames = x.length / channels;
    const y = new Float64Array(frames);
    for (let n = 0; n < frames; n++) {
      let s = 0;
      for (let k = 0; k < h.length && k <= n; k++) s += h[k]! * x[(n - k) * channels + c]!;
      y[n] = s;
    }
    return y;
  };

  it('equals direct convolution for any IR length, partition size, channel layout and block sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 900 }),
        fc.constantFrom(32, 64, 128, 256),
        fc.constantFrom(1, 2),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 1 << 30 }),
        (irLength, partitionSize, channels, perChannel, sizes, seed) => {
          let s = seed;
          const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;
          const irs = Array.from({ length: perChannel ? channels : 1 }, () =>
            Array.from({ length: irLength }, rnd),
          );
          const x = Float32Array.from({ length: 2500 * channels }, rnd);
          const effect = convolutionEffect.create(
            { ir: perChannel ? irs : irs[0]!, partitionSize },
            { sampleRate: FS, channels },
          );
          const y = processInBlocks(effect, x, channels, FS, sizes);
          for (let c = 0; c < channels; c++) {
            const expected = direct(x, irs[perChannel ? c : 0]!, channels, c);
            let worst = 0;
            for (let n = 0; n < expected.length; n++)
              worst = Math.max(worst, Math.abs(y[n * channels + c]! - expected[n]!));
            expect(worst).toBeLessThan(2e-5);
          }
        },
      ),
      { numRuns: 30, seed: 3, endOnFailure: true },
    );
  });

  it('normalises the IR to unit peak or unit energy and mixes dry and wet', () => {
    const energy = convolutionEffect.create(
      { ir: [0.5, 0.5, 0.5, 0.5], normalize: 'energy' },
      { sampleRate: FS, channels: 1 },
    );
    expect(run(energy, impulse(10)).reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 6);
    const peak = convolutionEffect.create(
      { ir: [0.25, -0.5], normalize: 'peak', wet: 0.5, dry: 1 },
      { sampleRate: FS, channels: 1 },
    );
    expect(Array.from(run(peak, impulse(3)))).toEqual([1 + 0.25, -0.5, 0]);
  });

  it('resamples an IR given at another rate', () => {
    const ir = Array.from({ length: 4410 }, (_, i) => Math.exp(-i / 441) * Math.sin(i / 3));
    const effect = convolutionEffect.create(
      { ir, irSampleRate: 44100 },
      { sampleRate: FS, channels: 1 },
    );
    const y = run(effect, impulse(4000));
    // half the rate: the response lasts half as many samples (decay constant 220.5 samples)
    const tail = (from: number, to: number) => y.subarray(from, to).reduce((s, v) => s + v * v, 0);
    expect(10 * Math.log10(tail(1000, 1500) / tail(0, 500))).toBeCloseTo(
      (-20 * 1000 * Math.LOG10E) / 220.5,
      -1,
    );
  });

  it('refuses IRs of the wrong channel count and overlong IRs with E_EFFECT_PARAMS', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isVocoderError(e) ? [e.code, e.details?.field] : ['other'];
      }
      return ['none'];
    };
    expect(
      code(() =>
        convolutionEffect.create({ ir: [[1], [1], [1]] }, { sampleRate: FS, channels: 2 }),
      ),
    ).toEqual(['E_EFFECT_PARAMS', 'ir']);
    expect(
      code(() =>
        convolutionEffect.create(
          { ir: new Float32Array(31 * 8000).fill(0.1), irSampleRate: 8000 },
          { sampleRate: FS, channels: 1 },
        ),
      ),
    ).toEqual(['E_EFFECT_PARAMS', 'ir']);
  });
});

describe('stereo width', () => {
  const stereo = Float32Array.from({ length: 2000 }, (_, i) =>
    i % 2 ? 0.2 * Math.sin(i / 9) : 0.5 * Math.sin(i / 5),
  );

  it('is the identity at width 1, mono at width 0, and doubles the side at width 2', () => {
    const make = (width: number) =>
      stereoWidthEffect.create({ width }, { sampleRate: FS, channels: 2 });
    expect(Array.from(run(make(1), stereo, 2))).toEqual(Array.from(stereo));
    const mono = run(make(0), stereo, 2);
    for (let i = 0; i < mono.length; i += 2) expect(mono[i]).toBe(mono[i + 1]);
    const wide = run(make(2), stereo, 2);
    for (let i = 0; i < wide.length; i += 2) {
      const side = (stereo[i]! - stereo[i + 1]!) / 2;
      expect((wide[i]! - wide[i + 1]!) / 2).toBeCloseTo(2 * side, 6);
      expect((wide[i]! + wide[i + 1]!) / 2).toBeCloseTo((stereo[i]! + stereo[i + 1]!) / 2, 6);
    }
  });

  it('passes mono unchanged and refuses more than two channels', () => {
    const x = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i));
    expect(
      Array.from(run(stereoWidthEffect.create({ width: 2 }, { sampleRate: FS, channels: 1 }), x)),
    ).toEqual(Array.from(x));
    expect(() => stereoWidthEffect.create({}, { sampleRate: FS, channels: 3 })).toThrow(
      /mono or stereo/,
    );
  });
});
