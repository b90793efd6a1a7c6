import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planParallelWindows } from '../src/parallel-windows.js';

describe('planParallelWindows', () => {
  it('covers every frame once with enough context on each side (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (frames, parts, left, right) => {
          const plan = planParallelWindows(
            frames,
            parts,
            { leftFrames: left, rightFrames: right, exact: true },
            1,
          );
          if (plan === undefined) return;
          let next = 0;
          for (const w of plan.windows) {
            expect(w.keepFrom).toBe(next);
            next = w.keepTo;
            expect(w.start).toBeGreaterThanOrEqual(0);
            expect(w.start + plan.length).toBeLessThanOrEqual(frames);
            // left context is complete unless the window starts at the mel's start
            expect(w.start === 0 || w.keepFrom - w.start >= left).toBe(true);
            // right context is complete unless the window ends at the mel's end
            expect(
              w.start + plan.length === frames || w.start + plan.length - w.keepTo >= right,
            ).toBe(true);
            expect(w.keepFrom).toBeGreaterThanOrEqual(w.start);
          }
          expect(next).toBe(frames);
        },
      ),
    );
  });

  it('declines short mels and non-exact receptive fields', () => {
    const field = { leftFrames: 16, rightFrames: 16, exact: true };
    expect(planParallelWindows(100, 2, field)).toBeUndefined();
    expect(planParallelWindows(862, 2, field)?.windows).toHaveLength(2);
    expect(planParallelWindows(862, 2, { ...field, exact: false })).toBeUndefined();
    expect(planParallelWindows(862, 1, field)).toBeUndefined();
  });
});
