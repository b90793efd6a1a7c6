import { describe, expect, it } from 'vitest';
import { dtwPath, freqt, mcepAlpha, melCepstralDistortion } from '../src/index.js';
import { codeOf, mono, noise } from './signals.js';

describe('freqt and the all-pass constant', () => {
  it('warps a cepstrum so that it describes the same log spectrum on the warped axis', () => {
    const alpha = 0.42;
    const c = Float64Array.from({ length: 40 }, (_, m) => (m === 0 ? 0.3 : Math.sin(m) / (m * m)));
    const warped = freqt(c, 300, alpha);
    for (const w of [0.1, 0.7, 1.5, 2.5, 3.0]) {
      const wt = w + 2 * Math.atan2(alpha * Math.sin(w), 1 - alpha * Math.cos(w));
      const direct = c.reduce((s, v, m) => s + v * Math.cos(m * w), 0);
      const viaWarp = warped.reduce((s, v, m) => s + v * Math.cos(m * wt), 0);
      expect(viaWarp).toBeCloseTo(direct, 6);
    }
    expect(Array.from(freqt(c, 5, 0))).toEqual(Array.from(c.subarray(0, 6)));
  });

  it('picks the tabulated mel constants', () => {
    expect(mcepAlpha(16000)).toBeCloseTo(0.41, 2);
    expect(mcepAlpha(22050)).toBeCloseTo(0.455, 3);
    expect(mcepAlpha(48000)).toBeCloseTo(0.554, 3);
  });
});

describe('mel-cepstral distortion', () => {
  const sr = 22050;
  const x = noise(sr, 21).map((v) => 0.1 * v);

  it('is 0 for identical signals, ignores gain without c0, and counts it with c0', () => {
    expect(melCepstralDistortion(mono(x, sr), mono(x, sr))).toBe(0);
    const louder = mono(
      x.map((v) => 2 * v),
      sr,
    );
    expect(melCepstralDistortion(mono(x, sr), louder)).toBeLessThan(1e-3); // only bins near the floor differ
    expect(melCepstralDistortion(mono(x, sr), louder, { includeC0: true })).toBeCloseTo(
      (10 / Math.LN10) * Math.SQRT2 * Math.LN2,
      4,
    );
  });

  it('grows with spectral change, and DTW absorbs a delay', () => {
    const n = noise(sr, 22);
    const lowpassed = x.map((v, i) => 0.5 * (v + (x[i - 1] ?? 0)));
    const mild = melCepstralDistortion(
      mono(x, sr),
      mono(
        x.map((v, i) => v + 0.02 * n[i]!),
        sr,
      ),
    );
    const strong = melCepstralDistortion(mono(x, sr), mono(lowpassed, sr));
    expect(mild).toBeGreaterThan(0);
    expect(strong).toBeGreaterThan(mild);
    // a speech-like amplitude pattern, delayed by 40 ms
    const am = x.map((v, i) => v * (0.1 + Math.max(0, Math.sin((2 * Math.PI * 3 * i) / sr))));
    const delayed = new Float32Array(am.length);
    delayed.set(am.subarray(0, am.length - 882), 882);
    const plain = melCepstralDistortion(mono(am, sr), mono(delayed, sr));
    const warped = melCepstralDistortion(mono(am, sr), mono(delayed, sr), { dtw: true });
    expect(warped).toBeLessThan(plain);
  });

  it('rejects silence and short input', () => {
    expect(codeOf(() => melCepstralDistortion(mono(new Float32Array(sr), sr), mono(x, sr)))).toBe(
      'E_METRIC_INPUT',
    );
    expect(
      codeOf(() =>
        melCepstralDistortion(mono(x.subarray(0, 100), sr), mono(x.subarray(0, 100), sr)),
      ),
    ).toBe('E_METRIC_INPUT');
  });
});

describe('dtwPath', () => {
  it('aligns a sequence with a stretched copy of itself', () => {
    const a = Float64Array.of(0, 1, 2, 3);
    const b = Float64Array.of(0, 1, 1, 2, 3, 3);
    const path = dtwPath(a, 4, b, 6, 1);
    expect(path[0]).toEqual([0, 0]);
    expect(path[path.length - 1]).toEqual([3, 5]);
    for (const [i, j] of path) expect(a[i]).toBe(b[j]);
  });
});
