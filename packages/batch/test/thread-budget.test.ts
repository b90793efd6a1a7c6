import { describe, expect, it } from 'vitest';
import { ProgressTracker, threadBudget } from '../src/index.js';

describe('threadBudget', () => {
  it('shares the cores out: floor(cores / workers) intra-op threads, at least 1', () => {
    expect(threadBudget(undefined, 8)).toEqual({ cores: 8, workers: 8, intraOpThreads: 1 });
    expect(threadBudget(1, 8)).toEqual({ cores: 8, workers: 1, intraOpThreads: 8 });
    expect(threadBudget(3, 8)).toEqual({ cores: 8, workers: 3, intraOpThreads: 2 });
    expect(threadBudget(4, 2)).toEqual({ cores: 2, workers: 4, intraOpThreads: 1 });
    expect(threadBudget(1, 2, 1)).toEqual({ cores: 2, workers: 1, intraOpThreads: 1 });
  });

  it('rejects counts that are not positive integers', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 2000]) {
      expect(() => threadBudget(bad, 2)).toThrow(
        expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
      );
    }
    expect(() => threadBudget(1, 2, 0)).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });
});

describe('ProgressTracker', () => {
  it('weighs files by input size, counts running fractions, and extrapolates the ETA', () => {
    const tracker = new ProgressTracker(
      new Map([
        ['a', 300],
        ['b', 100],
        ['c', 0],
      ]),
    );
    expect(tracker.snapshot()).toMatchObject({
      total: 3,
      done: 0,
      running: 0,
      fraction: 0,
      etaSeconds: undefined,
    });
    tracker.start('a');
    tracker.update('a', 0.5);
    expect(tracker.snapshot().fraction).toBeCloseTo(150 / 401, 12);
    tracker.finish('a', true);
    tracker.start('b');
    tracker.finish('b', false);
    const p = tracker.snapshot();
    expect(p).toMatchObject({ done: 1, failed: 1, running: 0 });
    expect(p.fraction).toBeCloseTo(400 / 401, 12);
    expect(p.etaSeconds).toBeCloseTo((p.elapsedSeconds * (1 / 401)) / (400 / 401), 6);
    tracker.update('c', 0.5); // not running: ignored
    expect(tracker.snapshot().fraction).toBeCloseTo(400 / 401, 12);
  });
});
