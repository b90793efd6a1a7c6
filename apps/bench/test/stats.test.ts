import { describe, expect, it } from 'vitest';
import { quantileSorted, scaleStats, summarize } from '@voirs/cli/bench-stats';

describe('summarize', () => {
  it('computes order statistics with linear interpolation', () => {
    const s = summarize([4, 1, 3, 2]);
    expect(s).toMatchObject({ n: 4, min: 1, max: 4, mean: 2.5, median: 2.5 });
    expect(s.p75).toBeCloseTo(3.25, 12);
    expect(s.p99).toBeCloseTo(3.97, 12);
    expect(summarize([5, 1, 9]).median).toBe(5);
    expect(quantileSorted([10, 20], 0.25)).toBe(12.5);
  });

  it('gives the sample standard deviation and a Student-t margin of error', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.sd).toBeCloseTo(2.13809, 5); // sqrt(32 / 7)
    // t(0.975, 7) = 2.365; sem = sd / sqrt(8); rme = t * sem / mean * 100
    expect(s.rme).toBeCloseTo(((2.365 * (Math.sqrt(32 / 7) / Math.sqrt(8))) / 5) * 100, 6);
    const many = summarize(Array.from({ length: 100 }, (_, i) => 10 + (i % 3)));
    expect(many.rme).toBeCloseTo(((1.96 * many.sd) / Math.sqrt(100) / many.mean) * 100, 9);
  });

  it('handles one sample without a spread', () => {
    expect(summarize([3])).toEqual({
      n: 1,
      median: 3,
      min: 3,
      max: 3,
      mean: 3,
      p75: 3,
      p99: 3,
      sd: 0,
      rme: 0,
    });
  });

  it('rejects empty, non-finite and non-array samples', () => {
    expect(() => summarize([])).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => summarize([1, Number.NaN])).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => summarize('1,2' as unknown as number[])).toThrow(TypeError);
  });

  it('scales every location statistic and keeps n and rme', () => {
    const s = scaleStats(summarize([100, 200, 300]), 0.001);
    expect(s.median).toBeCloseTo(0.2, 12);
    expect(s.sd).toBeCloseTo(0.1, 12);
    expect(s.n).toBe(3);
    expect(s.rme).toBe(summarize([100, 200, 300]).rme);
    expect(() => scaleStats(s, 0)).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });
});
