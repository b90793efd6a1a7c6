import { describe, expect, it } from 'vitest';
import { segmentalSnr, siSdr, siSnr, snr } from '../src/index.js';
import { codeOf, lcgNoise } from './signals.js';

describe('SI-SDR and SI-SNR', () => {
  it('match the published check values', () => {
    // argument order: (reference, test); preds [2.5, 0, 2, 8] vs target [3, -0.5, 2, 7]
    expect(siSdr([3, -0.5, 2, 7], [2.5, 0, 2, 8])).toBeCloseTo(18.403, 3);
    expect(siSnr([3, -0.5, 2, 7], [2.5, 0, 2, 8])).toBeCloseTo(15.0918, 3);
  });

  it('is invariant to the scale of the test and +Infinity for a scaled copy', () => {
    const ref = lcgNoise(1000, 3);
    const est = Float64Array.from(ref, (v, i) => v + 0.1 * lcgNoise(1000, 4)[i]!);
    expect(
      siSdr(
        ref,
        Float64Array.from(est, (v) => 3 * v),
      ),
    ).toBeCloseTo(siSdr(ref, est), 9);
    expect(
      siSdr(
        ref,
        Float64Array.from(ref, (v) => 0.5 * v),
      ),
    ).toBe(Infinity);
  });

  it('equals the SNR of independent additive noise of known power', () => {
    const ref = lcgNoise(200_000, 5);
    const n = lcgNoise(200_000, 6);
    const est = Float64Array.from(ref, (v, i) => v + 0.1 * n[i]!);
    expect(siSdr(ref, est)).toBeCloseTo(20, 0);
    expect(snr(ref, est)).toBeCloseTo(20, 1);
  });

  it('rejects mismatched, empty, NaN and silent inputs with E_METRIC_INPUT', () => {
    expect(codeOf(() => siSdr([1, 2, 3], [1, 2]))).toBe('E_METRIC_INPUT');
    expect(codeOf(() => siSdr([], []))).toBe('E_METRIC_INPUT');
    expect(codeOf(() => siSdr([1, NaN], [1, 2]))).toBe('E_METRIC_INPUT');
    expect(codeOf(() => siSdr([0, 0], [1, 2]))).toBe('E_METRIC_INPUT');
    expect(codeOf(() => siSnr([2, 2], [1, 2]))).toBe('E_METRIC_INPUT');
    expect(codeOf(() => siSdr('abc' as never, [1]))).toMatch(/^TypeError/);
  });
});

describe('SNR and segmental SNR', () => {
  it('segmental SNR is clamped to [-10, 35] dB per frame', () => {
    const ref = lcgNoise(16000, 7);
    expect(segmentalSnr(ref, ref, { sampleRate: 16000 })).toBeCloseTo(35, 9);
    expect(segmentalSnr(ref, new Float64Array(16000), { sampleRate: 16000 })).toBeCloseTo(0, 6);
    expect(
      segmentalSnr(
        ref,
        Float64Array.from(ref, (v) => -20 * v),
        { sampleRate: 16000 },
      ),
    ).toBe(-10);
  });

  it('segmental SNR of uniform noise at 10 dB is 10 dB, and gain errors count as noise in SNR', () => {
    const ref = lcgNoise(48000, 8);
    const n = lcgNoise(48000, 9);
    const est = Float64Array.from(ref, (v, i) => v + Math.sqrt(0.1) * n[i]!);
    expect(segmentalSnr(ref, est, { sampleRate: 16000 })).toBeCloseTo(10, 0);
    expect(
      snr(
        ref,
        Float64Array.from(ref, (v) => 0.9 * v),
      ),
    ).toBeCloseTo(20, 9);
  });

  it('needs one frame', () => {
    expect(codeOf(() => segmentalSnr([1, 2, 3], [1, 2, 3]))).toBe('E_METRIC_INPUT');
    expect(codeOf(() => segmentalSnr([1, 2, 3], [1, 2, 3], { frameLength: 0 }))).toBe(
      'E_INVALID_ARGUMENT',
    );
  });
});
