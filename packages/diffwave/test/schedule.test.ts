import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OFFICIAL_FAST_BETAS,
  OFFICIAL_TRAINING_BETAS,
  alphaCumulative,
  cosineBetas,
  evenLevels,
  evenTimesteps,
  fractionalSteps,
  linearBetas,
  parseScheduleSpec,
  quadraticBetas,
  resolveSchedule,
  scheduleLevels,
  sigmoidBetas,
  validateBetas,
} from '../src/index.js';
import { fixtureJson } from './fixtures.js';

const golden = fixtureJson<{
  train: number[];
  inference: number[];
  steps: number[];
  fullSteps: number[];
  ddim8: number[];
}>('fast-steps.json');
const model = { training: OFFICIAL_TRAINING_BETAS, fast: OFFICIAL_FAST_BETAS };
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('schedules', () => {
  it('reproduces the official training schedule bit for bit (numpy linspace)', () => {
    expect(OFFICIAL_TRAINING_BETAS).toEqual(golden.train);
    expect(OFFICIAL_FAST_BETAS).toEqual(golden.inference);
  });

  it('maps the fast schedule onto fractional training steps exactly as the official inference.py', () => {
    expect([...fractionalSteps(golden.train, golden.inference)]).toEqual(golden.steps);
    expect([...fractionalSteps(golden.train, golden.train)]).toEqual(golden.fullSteps);
    expect(evenTimesteps(50, 8)).toEqual(golden.ddim8);
  });

  it('builds the named families: in (0, 1), non-decreasing, with the documented end points', () => {
    expect(linearBetas(50)).toEqual(OFFICIAL_TRAINING_BETAS);
    const quad = quadraticBetas(10, 1e-4, 0.04);
    expect(quad[0]).toBeCloseTo(1e-4, 12);
    expect(quad[9]).toBeCloseTo(0.04, 12);
    expect(quad[1]! - quad[0]!).toBeLessThan(quad[9]! - quad[8]!); // convex
    const sig = sigmoidBetas(12);
    expect(sig[0]).toBeCloseTo(1e-4 + 0.0499 / (1 + Math.exp(6)), 12);
    expect(sig[11]).toBeCloseTo(1e-4 + 0.0499 / (1 + Math.exp(-6)), 12);
    const cos = cosineBetas(20);
    expect(cos[19]).toBe(0.999);
    expect(1 - alphaCumulative(cos)[19]!).toBeGreaterThan(0.999);
    for (const betas of [quad, sig, cos, linearBetas(1)])
      expect(validateBetas(betas)).toEqual(betas);
  });

  it('refuses bad betas with E_SCHEDULE_INVALID naming the problem', () => {
    expect(code(() => validateBetas([]))).toBe('E_SCHEDULE_INVALID');
    expect(code(() => validateBetas([0.1, 1]))).toBe('E_SCHEDULE_INVALID');
    expect(code(() => validateBetas([0, 0.1]))).toBe('E_SCHEDULE_INVALID');
    expect(code(() => validateBetas([0.1, Number.NaN]))).toBe('E_SCHEDULE_INVALID');
    expect(() => validateBetas([...OFFICIAL_FAST_BETAS].reverse())).toThrowError(
      /must not decrease.*least noisy/,
    );
    expect(code(() => linearBetas(0))).toBe('E_SCHEDULE_INVALID');
    expect(code(() => linearBetas(5, 0.1, 0.01))).toBe('E_SCHEDULE_INVALID');
    expect(code(() => cosineBetas(5, 2))).toBe('E_SCHEDULE_INVALID');
  });

  it('refuses inference noise levels outside the trained range instead of skipping them', () => {
    expect(() => fractionalSteps(OFFICIAL_TRAINING_BETAS, cosineBetas(6))).toThrowError(
      expect.objectContaining({
        code: 'E_SCHEDULE_INVALID',
        message: expect.stringContaining('outside the noise levels'),
      }),
    );
    expect(() => fractionalSteps(OFFICIAL_TRAINING_BETAS, [1e-5, 0.5])).toThrowError(
      /first beta must be at least/,
    );
    expect(code(() => fractionalSteps([0.1], [0.1]))).toBe('E_SCHEDULE_INVALID');
  });

  it('parses schedule specs (names, arrays, {betas}, families) and rejects others', () => {
    expect(resolveSchedule(parseScheduleSpec('fast'), model)).toBe(OFFICIAL_FAST_BETAS);
    expect(resolveSchedule(parseScheduleSpec('full'), model)).toBe(OFFICIAL_TRAINING_BETAS);
    expect(resolveSchedule(parseScheduleSpec([1e-4, 0.01, 0.3]), model)).toEqual([1e-4, 0.01, 0.3]);
    expect(resolveSchedule(parseScheduleSpec({ betas: [1e-4, 0.5] }), model)).toEqual([1e-4, 0.5]);
    expect(
      resolveSchedule(parseScheduleSpec({ kind: 'sigmoid', steps: 8, betaEnd: 0.3 }), model),
    ).toEqual(sigmoidBetas(8, 1e-4, 0.3));
    expect(
      resolveSchedule(parseScheduleSpec({ kind: 'cosine', steps: 4, maxBeta: 0.5 }), model),
    ).toEqual(cosineBetas(4, 0.008, 0.5));
    for (const bad of [
      'slow',
      { kind: 'linear' },
      { kind: 'linear', steps: 3, extra: 1 },
      { betas: 'x' },
      42,
      null,
    ]) {
      expect(code(() => parseScheduleSpec(bad))).toBe('E_SCHEDULE_INVALID');
    }
    expect(code(() => resolveSchedule(parseScheduleSpec([0.5, 0.1]), model))).toBe(
      'E_SCHEDULE_INVALID',
    );
  });

  it('respaces evenly: steps = T gives the training levels, fewer steps keep the training alpha-bar', () => {
    const talpha = alphaCumulative(OFFICIAL_TRAINING_BETAS);
    const all = evenLevels(OFFICIAL_TRAINING_BETAS, 50);
    all.forEach((level, t) => {
      expect(level.step).toBe(t);
      expect(level.alphaCum).toBe(talpha[t]);
      expect(level.beta).toBeCloseTo(OFFICIAL_TRAINING_BETAS[t]!, 14);
    });
    expect(evenLevels(OFFICIAL_TRAINING_BETAS, 1)).toEqual([
      { beta: 1 - talpha[49]!, alphaCum: talpha[49], step: 49 },
    ]);
    expect(code(() => evenTimesteps(50, 51))).toBe('E_CONFIG_INVALID');
  });

  it('maps any schedule inside the trained range to non-decreasing steps in [0, T-1] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-4, max: 0.3, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (raw) => {
          const betas = [...raw].sort((a, b) => a - b);
          betas[0] = 1e-4;
          if (
            alphaCumulative(betas)[betas.length - 1]! <
            alphaCumulative(OFFICIAL_TRAINING_BETAS)[49]!
          )
            return;
          const levels = scheduleLevels(OFFICIAL_TRAINING_BETAS, betas);
          levels.forEach((level, i) => {
            expect(level.step).toBeGreaterThanOrEqual(0);
            expect(level.step).toBeLessThanOrEqual(49);
            if (i > 0) expect(level.step).toBeGreaterThanOrEqual(levels[i - 1]!.step);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
