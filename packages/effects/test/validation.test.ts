import { describe, expect, it } from 'vitest';
import { clipGuardEffect, phaseCheckEffect } from '../src/index.js';
import { peakOf, run, sine } from './helpers.js';

const FS = 22050;
type Report = Record<string, number | boolean>;
const reportOf = (e: unknown) => (e as { report(): Report }).report();

describe('clip-guard', () => {
  const hot = sine(200, 0.5, FS, 1.6);

  it('soft mode never exceeds the ceiling, leaves samples under the knee alone, and is smooth', () => {
    const effect = clipGuardEffect.create(
      { mode: 'soft', ceilingDb: -1, kneeDb: 3 },
      { sampleRate: FS, channels: 1 },
    );
    const y = run(effect, hot);
    const ceiling = 10 ** (-1 / 20);
    const knee = 10 ** (-4 / 20);
    expect(peakOf(y)).toBeLessThanOrEqual(Math.fround(ceiling));
    expect(hot.every((v, i) => Math.abs(v) > knee || y[i] === v)).toBe(true);
    // slope continuity at the knee: output steps never exceed the input steps
    let excess = 0;
    for (let i = 1; i < y.length; i++) {
      excess = Math.max(excess, Math.abs(y[i]! - y[i - 1]!) - Math.abs(hot[i]! - hot[i - 1]!));
    }
    expect(excess).toBeLessThanOrEqual(1e-7);
    const r = reportOf(effect);
    expect(r.overs).toBeGreaterThan(0);
    expect(r.clipping).toBe(true);
    expect(r.inputPeakDb).toBeCloseTo(20 * Math.log10(1.6), 3);
  });

  it('hard mode clamps; detect mode only counts', () => {
    const hard = run(
      clipGuardEffect.create({ mode: 'hard', ceilingDb: -6 }, { sampleRate: FS, channels: 1 }),
      hot,
    );
    expect(peakOf(hard)).toBe(Math.fround(10 ** (-6 / 20)));
    const detect = clipGuardEffect.create({ mode: 'detect' }, { sampleRate: FS, channels: 1 });
    expect(Array.from(run(detect, hot))).toEqual(Array.from(hot));
    expect(reportOf(detect).changedSamples).toBe(0);
  });

  it('finds flat-topped runs of audio clipped upstream, across block boundaries', () => {
    const clipped = sine(100, 0.2, FS, 1.5).map((v) => Math.max(-1, Math.min(1, v)));
    const effect = clipGuardEffect.create(
      { mode: 'detect', minRun: 3 },
      { sampleRate: FS, channels: 1 },
    );
    for (let i = 0; i < clipped.length; i += 7) run(effect, clipped.subarray(i, i + 7));
    // 100 Hz for 0.2 s: 20 positive and 20 negative flat tops
    expect(reportOf(effect).clippedRuns).toBe(40);
    const clean = clipGuardEffect.create({ mode: 'detect' }, { sampleRate: FS, channels: 1 });
    run(clean, sine(100, 0.2, FS, 0.5));
    expect(reportOf(clean)).toMatchObject({ clippedRuns: 0, overs: 0, clipping: false });
  });
});

describe('phase-check', () => {
  const pair = (l: Float32Array, r: Float32Array) => {
    const x = new Float32Array(l.length * 2);
    l.forEach((v, i) => ((x[2 * i] = v), (x[2 * i + 1] = r[i]!)));
    return x;
  };
  const tone = sine(440, 2, FS, 0.5);

  it('reads +1 for identical channels and -1 with a polarity flip, and passes audio unchanged', () => {
    const same = phaseCheckEffect.create({}, { sampleRate: FS, channels: 2 });
    const x = pair(tone, tone);
    expect(Array.from(run(same, x, 2))).toEqual(Array.from(x));
    expect(reportOf(same)).toMatchObject({ coherent: true, windowsBelow: 0 });
    expect(reportOf(same).minCorrelation).toBeCloseTo(1, 6);
    expect(reportOf(same).monoLossDb).toBeCloseTo(0, 6);
    const flipped = phaseCheckEffect.create({}, { sampleRate: FS, channels: 2 });
    run(
      flipped,
      pair(
        tone,
        tone.map((v) => -v),
      ),
      2,
    );
    const r = reportOf(flipped);
    expect(r.minCorrelation).toBeCloseTo(-1, 6);
    expect(r.coherent).toBe(false);
    expect(r.windowsBelow).toBe(r.windows);
    expect(r.monoLossDb).toBeLessThan(-100);
  });

  it('reads about 0 for unrelated channels and cos(phase) for a shifted copy', () => {
    const quarter = phaseCheckEffect.create({}, { sampleRate: FS, channels: 2 });
    const shifted = Float32Array.from(
      tone,
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / FS + Math.PI / 3),
    );
    run(quarter, pair(tone, shifted), 2);
    expect(reportOf(quarter).meanCorrelation).toBeCloseTo(Math.cos(Math.PI / 3), 2);
    expect(reportOf(quarter).monoLossDb).toBeCloseTo(
      10 * Math.log10((1 + Math.cos(Math.PI / 3)) / 2),
      2,
    );
  });

  it('treats mono as coherent and skips silent windows', () => {
    const mono = phaseCheckEffect.create({}, { sampleRate: FS, channels: 1 });
    run(mono, tone);
    expect(reportOf(mono)).toMatchObject({ coherent: true, minCorrelation: 1 });
    const silent = phaseCheckEffect.create({}, { sampleRate: FS, channels: 2 });
    run(silent, new Float32Array(FS * 2), 2);
    expect(reportOf(silent).windows).toBe(0);
  });
});
