/**
 * The JSON report of a batch run: one entry per file (status, attempts, audio duration, real-time
 * factor, error) and the totals.
 */
import type { JobError } from './job.js';
import type { ThreadBudget } from './thread-budget.js';

/** Status of one file at the end of a run. */
export type FileStatus = 'done' | 'skipped' | 'failed' | 'not-started';

/** One file of the report. */
export interface FileReport {
  readonly id: string;
  readonly input: string;
  readonly output: string;
  readonly status: FileStatus;
  /** Times the file was tried in this run (0 for skipped and not-started files). */
  readonly attempts: number;
  readonly audioSeconds?: number;
  /** Worker wall time of the last attempt. */
  readonly elapsedSeconds?: number;
  /** elapsedSeconds / audioSeconds (below 1 is faster than real time). */
  readonly rtf?: number;
  readonly sha256?: string;
  readonly error?: JobError;
}

/** The whole report. */
export interface BatchReport {
  readonly version: 1;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** True when a stop request (SIGINT) ended the run before every file was tried. */
  readonly interrupted: boolean;
  /** Set when the model could not be loaded: the run stopped. */
  readonly fatal?: JobError;
  readonly threads: ThreadBudget;
  readonly totals: Readonly<Record<FileStatus, number>> & { readonly files: number };
  /** Audio seconds written in this run. */
  readonly audioSeconds: number;
  readonly wallSeconds: number;
  /** Audio seconds written per wall-clock second. */
  readonly throughput: number;
  readonly files: readonly FileReport[];
}

/** Totals of a list of file reports. */
export function countStatuses(files: readonly FileReport[]): BatchReport['totals'] {
  const totals = { files: files.length, done: 0, skipped: 0, failed: 0, 'not-started': 0 };
  for (const f of files) totals[f.status]++;
  return totals;
}
