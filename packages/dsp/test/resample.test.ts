import { createAudioBuffer } from '@voirs/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESAMPLE_QUALITIES, RESAMPLE_SPECS } from '../src/resample/kaiser-design.js';
import { resample, resampleSamples } from '../src/resample/resample.js';
import { StreamingResampler } from '../src/resample/streaming-resampler.js';

const PAIRS: readonly [number, number][] = [
  [22050, 16000],
  [16000, 22050],
  [44100, 22050],
  [48000, 22050],
  [8000, 22050],
  [22050, 44100],
  [44100, 48000],
];

const sine = (f: number, rate: number, n: number, amplitude = 0.5): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * f * i) / rate));

/**
 * Least-squares fit of a sine at `f` to y[from, to): returns its amplitude and the RMS of what is
 * left (images, aliases, noise).
 */
function fitSine(
  y: Float32Array,
  f: number,
  rate: number,
  from: number,
  to: number,
): { amplitude: number; residual: number } {
  let ss = 0,
    cc = 0,
    sc = 0,
    ys = 0,
    yc = 0;
  for (let i = from; i < to; i++) {
    const s = Math.sin((2 * Math.PI * f * i) / rate);
    const c = Math.cos((2 * Math.PI * f * i) / rate);
    ss += s * s;
    cc += c * c;
    sc += s * c;
    ys += y[i]! * s;
    yc += y[i]! * c;
  }
  const det = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / det;
  const b = (yc * ss - ys * sc) / det;
  let r = 0;
  for (let i = from; i < to; i++) {
    const e =
      y[i]! -
      a * Math.sin((2 * Math.PI * f * i) / rate) -
      b * Math.cos((2 * Math.PI * f * i) / rate);
    r += e * e;
  }
  return { amplitude: Math.hypot(a, b), residual: Math.sqrt(r / (to - from)) };
}

const db = (x: number) => 20 * Math.log10(x);
const EDGE = 400; // output samples skipped at each end (filter transients)

describe('resample: quality (default "high")', () => {
  it.each(PAIRS)(
    '%i -> %i Hz: flat within 0.1 dB to 0.9 Nyquist, images and noise below -80 dB',
    (from, to) => {
      const nyquist = Math.min(from, to) / 2;
      let worstGain = 0;
      let worstResidual = -Infinity;
      for (const frac of [0.01, 0.1, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9]) {
        const f = frac * nyquist;
        const x = sine(f, from, Math.round(from * 0.25));
        const y = resampleSamples(x, from, to);
        const fit = fitSine(y, f, to, EDGE, y.length - EDGE);
        worstGain = Math.max(worstGain, Math.abs(db(fit.amplitude / 0.5)));
        worstResidual = Math.max(worstResidual, db(fit.residual / (0.5 / Math.SQRT2)));
      }
      console.log(
        `[resample] ${from} -> ${to}: passband deviation ${worstGain.toFixed(5)} dB, worst residual ${worstResidual.toFixed(1)} dB`,
      );
      expect(worstGain).toBeLessThan(0.1);
      expect(worstResidual).toBeLessThan(-80);
    },
  );

  it.each(PAIRS.filter(([a, b]) => a > b))(
    '%i -> %i Hz: rejects input above the output Nyquist by more than 80 dB',
    (from, to) => {
      let worst = -Infinity;
      for (const frac of [1.0, 1.1, 1.3, 1.6, 1.9]) {
        const f = (frac * to) / 2;
        if (f >= from / 2) continue;
        const y = resampleSamples(sine(f, from, Math.round(from * 0.25)), from, to);
        let e = 0;
        for (let i = EDGE; i < y.length - EDGE; i++) e += y[i]! * y[i]!;
        worst = Math.max(worst, db(Math.sqrt(e / (y.length - 2 * EDGE)) / (0.5 / Math.SQRT2)));
      }
      console.log(`[resample] ${from} -> ${to}: stopband leak ${worst.toFixed(1)} dB`);
      expect(worst).toBeLessThan(-80);
    },
  );

  it.each(RESAMPLE_QUALITIES)(
    'quality %s meets its own stopband spec (48000 -> 22050)',
    (quality) => {
      const y = resampleSamples(sine(11025, 48000, 12000), 48000, 22050, { quality });
      let e = 0;
      for (let i = EDGE; i < y.length - EDGE; i++) e += y[i]! * y[i]!;
      const leak = db(Math.sqrt(e / (y.length - 2 * EDGE)) / (0.5 / Math.SQRT2));
      expect(leak).toBeLessThan(-RESAMPLE_SPECS[quality].attenuation + 6);
    },
  );

  it('has unit DC gain, polyphase and interpolated', () => {
    for (const [from, to] of [
      [22050, 16000],
      [16000, 22050],
      [44100, 44101],
      [1, 1.2345],
    ] as const) {
      const y = resampleSamples(new Float32Array(4000).fill(0.5), from, to);
      const mid = y.subarray(EDGE, y.length - EDGE);
      for (const v of mid) expect(v).toBeCloseTo(0.5, 6);
    }
  });

  it('resamples by real ratios (interpolated table) with the same passband and stopband', () => {
    const from = 44100;
    const to = 22050 * 1.0123456;
    const f = 0.8 * 11025;
    const y = resampleSamples(sine(f, from, 11025), from, to);
    const fit = fitSine(y, f, to, EDGE, y.length - EDGE);
    expect(Math.abs(db(fit.amplitude / 0.5))).toBeLessThan(0.1);
    expect(db(fit.residual / (0.5 / Math.SQRT2))).toBeLessThan(-80);
    const z = resampleSamples(sine(1.2 * (to / 2), from, 11025), from, to);
    let e = 0;
    for (let i = EDGE; i < z.length - EDGE; i++) e += z[i]! * z[i]!;
    expect(db(Math.sqrt(e / (z.length - 2 * EDGE)) / (0.5 / Math.SQRT2))).toBeLessThan(-80);
  });
});

describe('resample: lengths, streaming and errors', () => {
  it('returns round(N * ratio) frames for any length and rate pair (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom(...PAIRS, [1000, 1001] as [number, number]),
        (n, [from, to]) => {
          expect(resampleSamples(new Float32Array(n), from, to).length).toBe(
            Math.round((n * to) / from),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives the same samples for any block split, multi-channel, both modes (property)', () => {
    const x = Float32Array.from(
      { length: 2 * 3001 },
      (_, i) => Math.sin(i * 0.013) + 0.3 * Math.sin(i * 1.7),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom([22050, 16000], [8000, 22050], [44100, 44100.7]),
        (sizes, [from, to]) => {
          const whole = resampleSamples(x, from!, to!, { channels: 2 });
          const r = new StreamingResampler(from!, to!, { channels: 2 });
          const parts: Float32Array[] = [];
          for (let pos = 0, i = 0; pos < 3001; i++) {
            const n = Math.min(sizes[i % sizes.length]!, 3001 - pos);
            parts.push(r.process(x.subarray(2 * pos, 2 * (pos + n))));
            pos += n;
          }
          parts.push(r.flush());
          const joined = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
          parts.reduce((o, p) => (joined.set(p, o), o + p.length), 0);
          expect(joined).toEqual(whole);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('keeps channels apart and resets after flush', () => {
    const left = sine(440, 16000, 1600);
    const right = sine(1000, 16000, 1600);
    const stereo = new Float32Array(3200);
    left.forEach((v, i) => (stereo[2 * i] = v));
    right.forEach((v, i) => (stereo[2 * i + 1] = v));
    const out = resample(createAudioBuffer(stereo, 16000, 2), 22050);
    expect(out.sampleRate).toBe(22050);
    expect(out.channels).toBe(2);
    const l = resampleSamples(left, 16000, 22050);
    expect(Float32Array.from({ length: l.length }, (_, i) => out.samples[2 * i]!)).toEqual(l);
    const r = new StreamingResampler(16000, 22050);
    const first = [r.process(left), r.flush()];
    const second = [r.process(left), r.flush()];
    expect(second).toEqual(first);
  });

  it('copies audio already at the target rate', () => {
    const audio = createAudioBuffer(sine(100, 8000, 100), 8000);
    const same = resample(audio, 8000);
    expect(same.samples).toEqual(audio.samples);
    expect(same.samples).not.toBe(audio.samples);
  });

  it('throws typed errors', () => {
    const audio = createAudioBuffer(new Float32Array(10), 8000);
    expect(() => resample(audio, 0)).toThrowError(
      expect.objectContaining({ code: 'E_SAMPLE_RATE' }),
    );
    expect(() => resample(audio, 22050.5)).toThrowError(
      expect.objectContaining({ code: 'E_SAMPLE_RATE' }),
    );
    expect(() => resample(createAudioBuffer(new Float32Array(10), 8), 8000)).toThrowError(
      expect.objectContaining({ code: 'E_RESAMPLE' }),
    );
    expect(() => new StreamingResampler(8000, Number.NaN)).toThrowError(
      expect.objectContaining({ code: 'E_SAMPLE_RATE' }),
    );
    expect(() =>
      new StreamingResampler(8000, 16000, { channels: 2 }).process(new Float32Array(3)),
    ).toThrowError(expect.objectContaining({ code: 'E_AUDIO_INVALID' }));
    expect(() => new StreamingResampler(8000, 16000, { quality: 'ultra' as never })).toThrow(
      TypeError,
    );
    expect(() => resample({ samples: [1] } as never, 8000)).toThrow(TypeError);
  });
});
