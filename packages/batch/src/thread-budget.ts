/**
 * How many worker threads, and how many onnxruntime intra-op threads each: onnxruntime-node runs a
 * session synchronously on its calling thread, so parallel files need parallel threads, and the
 * cores are shared out so that workers x intra-op threads never oversubscribes the machine.
 */
import { availableParallelism } from 'node:os';
import { ConfigError } from '@voirs/core';

/** A pool's thread plan. */
export interface ThreadBudget {
  readonly cores: number;
  readonly workers: number;
  /** floor(cores / workers), at least 1, unless set explicitly. */
  readonly intraOpThreads: number;
}

/**
 * Plans `workers` threads (default: one per core) on `cores` cores (default: the machine's), each
 * with `intraOpThreads` onnxruntime threads when given (default floor(cores / workers), at least 1).
 * @throws ConfigError `E_INVALID_ARGUMENT` for a count that is not a positive integer.
 */
export function threadBudget(
  workers?: number,
  cores: number = availableParallelism(),
  intraOpThreads?: number,
): ThreadBudget {
  const n = workers ?? cores;
  if (!Number.isInteger(n) || n < 1 || n > 1024) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `The worker count must be an integer from 1 to 1024, got ${n}.`,
    );
  }
  if (
    intraOpThreads !== undefined &&
    (!Number.isInteger(intraOpThreads) || intraOpThreads < 1 || intraOpThreads > 256)
  ) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Intra-op threads must be an integer from 1 to 256, got ${intraOpThreads}.`,
    );
  }
  return {
    cores,
    workers: n,
    intraOpThreads: intraOpThreads ?? Math.max(1, Math.floor(cores / n)),
  };
}
