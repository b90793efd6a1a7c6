/**
 * Runs a batch on a {@link JobPool}: skips outputs that are already complete and verified, keeps one
 * job per worker thread in flight, retries transient failures with exponential backoff (bad inputs
 * fail at once, isolated to their file), stops taking new files when `stop` is aborted while the
 * running ones finish and are committed, and returns the {@link BatchReport}.
 */
import { stat } from 'node:fs/promises';
import { sha256File, verifyOutput } from './completion-record.js';
import { countStatuses, type BatchReport, type FileReport } from './batch-report.js';
import { INTERNAL_CODE, isPermanent } from './job-error.js';
import type { FileJob, JobError, JobOutcome } from './job.js';
import type { JobPool } from './job-pool.js';
import { ProgressTracker, type BatchProgress } from './progress-tracker.js';

/** Options of {@link runBatch}. */
export interface RunBatchOptions {
  readonly jobs: readonly FileJob[];
  readonly pool: Pick<JobPool, 'run' | 'budget'>;
  /** Handed to the job module in every worker. */
  readonly settings: unknown;
  /** Identifies settings and model in completion records: a change redoes every file. */
  readonly settingsKey: string;
  /** Extra tries after a transient failure (default 2). */
  readonly retries?: number;
  /** Delay before the first retry, doubled for each next one (default 250 ms). */
  readonly retryDelayMs?: number;
  /** Redo files whose outputs are complete. */
  readonly force?: boolean;
  /** Graceful stop: no new file starts once aborted; running files finish and are kept. */
  readonly stop?: AbortSignal;
  readonly onProgress?: (progress: BatchProgress) => void;
  /** Called once per file as it settles (skipped files first). */
  readonly onFile?: (file: FileReport) => void;
}

/** Files checked for completeness at once before the run. */
const PRECHECK_BATCH = 16;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function isComplete(job: FileJob, settingsKey: string): Promise<FileReport | undefined> {
  let inputSha256: string;
  try {
    inputSha256 = await sha256File(job.input);
  } catch {
    return undefined; // the worker reports the unreadable input
  }
  const state = await verifyOutput(job.output, { inputSha256, settingsKey });
  if (!state.complete) return undefined;
  const { audioSeconds, sha256 } = state.record;
  return { ...job, status: 'skipped', attempts: 0, audioSeconds, sha256 };
}

function fileReport(job: FileJob, attempts: number, outcome: JobOutcome): FileReport {
  if (outcome.status === 'failed') {
    return {
      ...job,
      status: 'failed',
      attempts,
      elapsedSeconds: outcome.elapsedSeconds,
      error: outcome.error,
    };
  }
  const { audioSeconds, elapsedSeconds, sha256 } = outcome;
  return {
    ...job,
    status: outcome.status,
    attempts,
    audioSeconds,
    elapsedSeconds,
    rtf: elapsedSeconds / audioSeconds,
    sha256,
  };
}

/** Runs the batch; see the module comment. Never throws for a file's failure: it is in the report. */
export async function runBatch(options: RunBatchOptions): Promise<BatchReport> {
  const startedAt = new Date();
  const started = performance.now();
  const { jobs, pool, settingsKey } = options;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const reports = new Map<string, FileReport>();
  const settle = (report: FileReport) => {
    reports.set(report.output, report);
    options.onFile?.(report);
  };

  // the resume check hashes inputs and outputs: a few files at a time, results kept in job order
  const checks: (FileReport | undefined)[] = [];
  for (let i = 0; i < jobs.length; i += PRECHECK_BATCH) {
    const slice = jobs.slice(i, i + PRECHECK_BATCH);
    checks.push(
      ...(await Promise.all(
        slice.map((job) => (options.force ? undefined : isComplete(job, settingsKey))),
      )),
    );
  }
  const todo: FileJob[] = [];
  const weights = new Map<string, number>();
  for (const [i, job] of jobs.entries()) {
    const done = checks[i];
    if (done) settle(done);
    else {
      todo.push(job);
      weights.set(
        job.output,
        await stat(job.input).then(
          (s) => s.size,
          () => 1,
        ),
      );
    }
  }

  const tracker = new ProgressTracker(weights);
  const report = () => options.onProgress?.(tracker.snapshot());
  let fatal: JobError | undefined;
  const stopped = () => options.stop?.aborted === true || fatal !== undefined;

  const attempt = async (job: FileJob): Promise<JobOutcome> => {
    try {
      return await pool.run(job, {
        settings: options.settings,
        settingsKey,
        force: options.force,
        onProgress: (f) => {
          tracker.update(job.output, f);
          report();
        },
      });
    } catch (error) {
      // the worker thread itself died (crash, out of memory): piscina replaces it
      return {
        status: 'failed',
        stage: 'job',
        error: {
          code: INTERNAL_CODE,
          message: `worker thread failed: ${(error as Error)?.message ?? String(error)}`,
        },
        elapsedSeconds: 0,
      };
    }
  };

  const processJob = async (job: FileJob) => {
    tracker.start(job.output);
    report();
    let outcome: JobOutcome;
    let tries = 0;
    for (;;) {
      outcome = await attempt(job);
      tries++;
      if (outcome.status !== 'failed') break;
      if (outcome.stage === 'setup') {
        fatal ??= outcome.error;
        break;
      }
      if (isPermanent(outcome.error) || tries > retries || stopped()) break;
      await sleep(retryDelayMs * 2 ** (tries - 1));
    }
    tracker.finish(job.output, outcome.status !== 'failed');
    settle(fileReport(job, tries, outcome));
    report();
  };

  let next = 0;
  const slot = async () => {
    while (!stopped() && next < todo.length) await processJob(todo[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(pool.budget.workers, todo.length) }, slot));

  const files = jobs.map(
    (job) => reports.get(job.output) ?? { ...job, status: 'not-started' as const, attempts: 0 },
  );
  const audioSeconds = files.reduce(
    (s, f) => s + (f.status === 'done' ? (f.audioSeconds ?? 0) : 0),
    0,
  );
  const wallSeconds = (performance.now() - started) / 1000;
  return {
    version: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    interrupted: options.stop?.aborted === true && files.some((f) => f.status === 'not-started'),
    ...(fatal ? { fatal } : {}),
    threads: pool.budget,
    totals: countStatuses(files),
    audioSeconds,
    wallSeconds,
    throughput: wallSeconds > 0 ? audioSeconds / wallSeconds : 0,
    files,
  };
}
