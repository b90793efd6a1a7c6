/**
 * The task every pool worker thread runs (loaded by worker/piscina-entry.js). Each thread keeps one
 * runner (one model session) and reuses it while the settings stay the same; progress goes back
 * through the MessagePort sent with the task.
 */
import type { MessagePort } from 'node:worker_threads';
import { toJobError } from './job-error.js';
import type { FileJob, JobModule, JobOutcome, JobRunner } from './job.js';
import { runJob } from './run-job.js';

/** The message a pool sends for one job. */
export interface WorkerTask {
  /** Path or file URL of the job module. */
  readonly jobModule: string;
  readonly settings: unknown;
  readonly settingsKey: string;
  readonly intraOpThreads: number;
  readonly job: FileJob;
  readonly force: boolean;
  /** Receives progress fractions (0..1), when given. */
  readonly progress?: MessagePort;
}

let current: { key: string; runner: Promise<JobRunner> } | undefined;

async function runnerFor(task: WorkerTask): Promise<JobRunner> {
  const key = `${task.jobModule}\n${task.settingsKey}\n${task.intraOpThreads}`;
  if (current?.key !== key) {
    const previous = current?.runner;
    current = {
      key,
      runner: (async () => {
        await previous?.then((r) => r.dispose()).catch(() => undefined);
        const module = (await import(task.jobModule)) as Partial<JobModule>;
        if (typeof module.createJobRunner !== 'function') {
          throw new TypeError(
            `${task.jobModule} does not export createJobRunner(settings, context)`,
          );
        }
        return module.createJobRunner(task.settings, { intraOpThreads: task.intraOpThreads });
      })(),
    };
  }
  const entry = current;
  return entry.runner.catch((error: unknown) => {
    if (current === entry) current = undefined; // let the next task try again
    throw error;
  });
}

/** Runs one task in this worker thread. */
export async function runWorkerTask(task: WorkerTask): Promise<JobOutcome> {
  const started = performance.now();
  let runner: JobRunner;
  try {
    runner = await runnerFor(task);
  } catch (error) {
    task.progress?.close();
    return {
      status: 'failed',
      stage: 'setup',
      error: toJobError(error),
      elapsedSeconds: (performance.now() - started) / 1000,
    };
  }
  let last = -1;
  const onProgress = (fraction: number) => {
    if (fraction - last < 0.01 && fraction < 1) return;
    last = fraction;
    task.progress?.postMessage(fraction);
  };
  try {
    return await runJob(runner, task.job, {
      settingsKey: task.settingsKey,
      force: task.force,
      onProgress,
    });
  } finally {
    task.progress?.close();
  }
}
