import { createAudioBuffer } from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { signalHealth, thd } from '../src/index.js';
import { codeOf, mono, noise, tone } from './signals.js';

const sr = 48000;

describe('THD and THD+N', () => {
  it('measure known harmonics exactly and add known noise to THD+N', () => {
    const f = 997.3;
    const x = Float32Array.from({ length: sr }, (_, i) => {
      const w = (2 * Math.PI * f * i) / sr;
      return 0.5 * Math.sin(w + 0.3) + 0.005 * Math.sin(2 * w) + 0.0025 * Math.cos(3 * w) + 0.01;
    });
    const r = thd(mono(x, sr));
    const expected = Math.hypot(0.005, 0.0025) / 0.5; // 1.118 %
    expect(r.fundamentalHz).toBeCloseTo(f, 4);
    expect(r.fundamentalAmplitude).toBeCloseTo(0.5, 6);
    expect(r.thdPercent).toBeCloseTo(100 * expected, 3);
    expect(r.thdN).toBeCloseTo(expected, 4); // no noise: THD+N = THD
    const n = noise(sr, 41).map((v) => 0.001 * v);
    const noisy = thd(
      mono(
        Float32Array.from(x, (v, i) => v + n[i]!),
        sr,
      ),
      { frequency: 1000 },
    );
    const noiseRms = Math.sqrt(n.reduce((s, v) => s + v * v, 0) / n.length);
    expect(noisy.thdN).toBeCloseTo(
      Math.hypot(expected * (0.5 / Math.SQRT2), noiseRms) / (0.5 / Math.SQRT2),
      4,
    );
    expect(noisy.thd).toBeCloseTo(expected, 3);
  });

  it('reads a float32 pure tone as distortion-free (below -120 dB)', () => {
    expect(thd(mono(tone(sr, 1000, sr, 0.9), sr)).thdNDb).toBeLessThan(-120);
  });

  it('rejects silence and too few periods', () => {
    expect(codeOf(() => thd(mono(new Float32Array(1000), sr)))).toBe('E_METRIC_INPUT');
    expect(codeOf(() => thd(mono(tone(100, 50, sr), sr), { frequency: 50 }))).toBe(
      'E_METRIC_INPUT',
    );
  });
});

describe('signal health', () => {
  it('finds clipped runs, DC offset and levels', () => {
    const clipped = tone(sr, 100, sr, 1.5).map((v) => Math.max(-1, Math.min(1, v)) + 0.01);
    const h = signalHealth(createAudioBuffer(clipped, sr));
    expect(h.clipping).toBe(true);
    expect(h.clippedRuns).toBe(100); // the positive half-waves reach 1 (plus DC); the negative ones stop at -0.99
    expect(h.hasDcOffset).toBe(true);
    expect(h.dcOffsetDb).toBeCloseTo(-40, 0);
    const clean = signalHealth(mono(tone(sr, 100, sr, 0.5), sr));
    expect(clean.clipping).toBe(false);
    expect(clean.hasDcOffset).toBe(false);
    expect(clean.rmsDb).toBeCloseTo(-9.03, 2);
    expect(clean.dynamicRangeDb).toBeCloseTo(0, 1);
    expect(codeOf(() => signalHealth(mono(Float32Array.of(NaN), sr)))).toBe('E_METRIC_INPUT');
  });
});
