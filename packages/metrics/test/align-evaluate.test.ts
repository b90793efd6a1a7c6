import { createAudioBuffer } from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAIR_METRICS, alignPair, bestLag, evaluate } from '../src/index.js';
import { codeOf, mono, noise, tone } from './signals.js';

const sr = 16000;
const x = noise(2 * sr, 61).map(
  (v, i) => 0.1 * v * (0.2 + Math.max(0, Math.sin((2 * Math.PI * 3 * i) / sr))),
);

describe('alignPair', () => {
  it('trims to the shorter signal without shifting by default', () => {
    const a = alignPair(mono(x, sr), mono(x.subarray(0, 30000), sr));
    expect(a.reference.samples.length).toBe(30000);
    expect(a.lag).toBe(0);
    expect(a.droppedReference).toBe(2 * sr - 30000);
    expect(a.droppedTest).toBe(0);
  });

  it('finds a bounded lag by cross-correlation and undoes it', () => {
    const late = new Float32Array(x.length + 37);
    late.set(x, 37);
    const a = alignPair(mono(x, sr), mono(late, sr), { mode: 'xcorr' });
    expect(a.lag).toBe(37);
    expect(Array.from(a.test.samples.subarray(0, 100))).toEqual(Array.from(x.subarray(0, 100)));
    expect(Math.abs(bestLag(x, late, 10))).toBeLessThanOrEqual(10); // the true lag lies beyond the bound
    const early = x.subarray(25);
    expect(alignPair(mono(x, sr), mono(early, sr), { mode: 'xcorr' }).lag).toBe(-25);
  });

  it('resamples the test to the reference rate and mixes channels to mono', () => {
    const ref = mono(tone(sr, 440, sr, 0.5), sr);
    const stereo = createAudioBuffer(
      Float32Array.from(
        { length: 2 * 22050 },
        (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * (i >> 1)) / 22050),
      ),
      22050,
      2,
    );
    const a = alignPair(ref, stereo);
    expect(a.resampledFrom).toBe(22050);
    expect(a.test.sampleRate).toBe(sr);
    expect(a.test.channels).toBe(1);
    expect(a.test.samples.length).toBe(sr);
  });
});

describe('evaluate', () => {
  it('computes the default pair metrics and single-file metrics', async () => {
    const n = noise(x.length, 62);
    const y = x.map((v, i) => v + 0.003 * n[i]!);
    const pair = await evaluate(mono(x, sr), mono(y, sr));
    for (const name of [
      'si-sdr',
      'snr',
      'stoi',
      'estoi',
      'lsd',
      'mel-l1',
      'mrstft',
      'mcd',
      'pitch.vuv-f1',
    ]) {
      expect(pair.values[name], name).toBeTypeOf('number');
    }
    expect(DEFAULT_PAIR_METRICS).toContain('stoi');
    expect(pair.values['si-sdr']).toBeGreaterThan(20);
    expect(pair.alignment).toMatchObject({ mode: 'trim', lag: 0, droppedTest: 0 });
    const single = await evaluate(undefined, mono(x, sr));
    expect(single.values['loudness.integrated']).toBeLessThan(0);
    expect(single.values['health.clipped-runs']).toBe(0);
    expect(single.alignment).toBeUndefined();
  });

  it('rejects unknown metrics, intrusive metrics without a reference, and dnsmos without models', async () => {
    await expect(evaluate(mono(x, sr), mono(x, sr), { metrics: ['pesq'] })).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
    });
    await expect(evaluate(undefined, mono(x, sr), { metrics: ['stoi'] })).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
    });
    await expect(evaluate(undefined, mono(x, sr), { metrics: ['dnsmos'] })).rejects.toMatchObject({
      code: 'E_MODEL_NOT_FOUND',
    });
    expect(codeOf(() => alignPair(mono(x, sr), mono(new Float32Array(0), sr)))).toBe(
      'E_METRIC_INPUT',
    );
  });
});
