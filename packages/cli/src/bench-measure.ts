/**
 * The timing loop of `voirs-vocoder bench`, with tinybench's semantics: a few untimed warm-up runs,
 * then timed runs until both a minimum count and a minimum total time are reached.
 */
import { throwIfAborted } from '@voirs/core';

/** How long to measure. */
export interface MeasureOptions {
  /** Untimed runs first (session warm-up, memory pattern allocation). */
  readonly warmup: number;
  /** At least this many timed runs. */
  readonly minIterations: number;
  /** And at least this much timed work, in milliseconds. */
  readonly minTimeMs: number;
  /** Hard cap on timed runs (default 1000). */
  readonly maxIterations?: number;
  readonly signal?: AbortSignal;
}

/**
 * Runs `work` and returns the duration of each timed run in milliseconds. `work` may return its
 * own duration (e.g. to exclude per-run setup); otherwise the whole call is timed.
 */
export async function measure(
  work: () => Promise<number | void>,
  options: MeasureOptions,
): Promise<number[]> {
  for (let i = 0; i < options.warmup; i++) {
    throwIfAborted(options.signal);
    await work();
  }
  const samples: number[] = [];
  const cap = options.maxIterations ?? 1000;
  let total = 0;
  while (
    (samples.length < options.minIterations || total < options.minTimeMs) &&
    samples.length < cap
  ) {
    throwIfAborted(options.signal);
    const start = performance.now();
    const own = await work();
    const elapsed = typeof own === 'number' ? own : performance.now() - start;
    samples.push(elapsed);
    total += elapsed;
  }
  return samples;
}
