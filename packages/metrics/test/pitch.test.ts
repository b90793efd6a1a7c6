import { describe, expect, it } from 'vitest';
import { pitchMetrics, yin } from '../src/index.js';
import { codeOf, mono, noise } from './signals.js';

const sr = 16000;
/** A harmonic complex (10 harmonics, 1/h amplitudes) at `f0` Hz. */
const harmonic = (f0: number, n: number) =>
  Float32Array.from({ length: n }, (_, i) => {
    let v = 0;
    for (let h = 1; h <= 10; h++) v += Math.sin((2 * Math.PI * h * f0 * i) / sr) / h;
    return 0.3 * v;
  });
const median = (x: Float64Array) => Float64Array.from(x).sort()[x.length >> 1]!;

describe('YIN', () => {
  it('finds the F0 of sines and harmonic tones without octave errors', () => {
    for (const f0 of [80, 110, 220, 440, 700]) {
      const sine = yin(
        Float64Array.from(harmonic(f0, sr).map((_, i) => Math.sin((2 * Math.PI * f0 * i) / sr))),
        sr,
      );
      expect(Math.abs(1200 * Math.log2(median(sine.f0) / f0)), `sine ${f0}`).toBeLessThan(2);
      const tone = yin(Float64Array.from(harmonic(f0, sr)), sr);
      expect(Math.abs(1200 * Math.log2(median(tone.f0) / f0)), `harmonic ${f0}`).toBeLessThan(2);
      expect(tone.voiced.every((v) => v === 1)).toBe(true);
      expect(median(tone.periodicity)).toBeGreaterThan(0.95);
    }
  });

  it('calls noise unvoiced and silence unvoiced with zero periodicity', () => {
    const n = yin(Float64Array.from(noise(sr, 31)), sr);
    expect(n.voiced.reduce((a, b) => a + b, 0) / n.voiced.length).toBeLessThan(0.05);
    const gap = new Float64Array(sr);
    gap.set(harmonic(200, 8000));
    const track = yin(gap, sr);
    const last = track.f0.length - 1;
    expect(track.voiced[last]).toBe(0);
    expect(track.periodicity[last]).toBe(0);
    expect(track.f0[last]).toBeNaN();
    expect(codeOf(() => yin(new Float64Array(100), sr))).toBe('E_METRIC_INPUT');
  });
});

describe('pitch metrics', () => {
  it('report a 50-cent detune as 50 cents RMSE with perfect voicing', () => {
    const ref = harmonic(200, sr);
    const sharp = harmonic(200 * 2 ** (50 / 1200), sr);
    const m = pitchMetrics(mono(ref, sr), mono(sharp, sr));
    expect(m.rmseCents).toBeCloseTo(50, 0);
    expect(m.vuvF1).toBe(1);
    expect(m.periodicityRmse).toBeLessThan(0.05);
    expect(pitchMetrics(mono(ref, sr), mono(ref, sr)).rmseCents).toBe(0);
  });

  it('score voicing errors with F1 and periodicity', () => {
    const ref = new Float32Array(sr);
    ref.set(harmonic(150, sr / 2));
    ref.set(
      noise(sr / 2, 32).map((v) => 0.1 * v),
      sr / 2,
    );
    const allNoise = noise(sr, 33).map((v) => 0.1 * v);
    const m = pitchMetrics(mono(ref, sr), mono(allNoise, sr));
    expect(m.vuvF1).toBeLessThan(0.2);
    expect(m.periodicityRmse).toBeGreaterThan(0.3);
    expect(m.rmseCents).toBeNaN();
  });
});
