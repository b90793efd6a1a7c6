/**
 * `voirs-vocoder worker`: a BullMQ worker that runs queued jobs on a {@link JobPool}, one job per
 * worker thread at a time. The vocoding runs in the pool's threads, so this thread's event loop stays
 * free to renew the job locks. Outputs are committed atomically with completion records, so a job
 * redelivered after a worker died (BullMQ's at-least-once delivery) is either redone from scratch or,
 * when its output is complete and verified, skipped: never lost, never written twice. Jobs that fail
 * for good (out of attempts, a bad input, or stalled too often) are copied with their error to the
 * dead-letter queue.
 */
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { hostname } from 'node:os';
import { isPermanent, toJobError } from '../job-error.js';
import type { JobError, JobOutcome } from '../job.js';
import type { JobPool } from '../job-pool.js';
import {
  checkQueueName,
  deadLetterQueueName,
  DEFAULT_QUEUE,
  redisConnection,
  waitForRedis,
} from './queue-connection.js';
import type { QueueJobData } from './queue-job.js';

/** Something that happened in the worker, for logs. */
export type QueueWorkerEvent =
  | { readonly type: 'started'; readonly jobId: string; readonly input: string }
  | {
      readonly type: 'completed';
      readonly jobId: string;
      readonly output: string;
      readonly status: 'done' | 'skipped';
      readonly elapsedSeconds: number;
    }
  | {
      readonly type: 'retrying' | 'dead';
      readonly jobId: string;
      readonly input: string;
      readonly error: JobError;
    }
  | { readonly type: 'error'; readonly error: JobError };

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  readonly redisUrl: string;
  readonly queue?: string;
  readonly pool: JobPool;
  /** Worker name stored on its jobs (default host:pid). */
  readonly name?: string;
  /** Lock time of a job; a worker silent for longer is presumed dead and its job redelivered (default 30 s). */
  readonly lockDurationMs?: number;
  /** Interval of the stalled-job check (default 30 s). */
  readonly stalledIntervalMs?: number;
  readonly onEvent?: (event: QueueWorkerEvent) => void;
}

/** The result stored on a completed job. */
export type QueueJobResult = Extract<JobOutcome, { status: 'done' | 'skipped' }> & {
  readonly worker: string;
};

/** A running worker. */
export interface QueueWorker {
  readonly name: string;
  /** Stops taking jobs, lets the running ones finish, then closes the pool and connections. */
  close(): Promise<void>;
}

/**
 * Connects to Redis and starts processing.
 * @throws VocoderError `E_QUEUE` when Redis cannot be reached within 10 s.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const queueName = checkQueueName(options.queue ?? DEFAULT_QUEUE);
  const connection = redisConnection(options.redisUrl);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const emit = (event: QueueWorkerEvent) => options.onEvent?.(event);
  const dead = new Queue(deadLetterQueueName(queueName), { connection });
  dead.on('error', () => undefined); // the same connection trouble is reported by the worker below
  try {
    await waitForRedis(dead, options.redisUrl);
  } catch (error) {
    await dead.close();
    throw error;
  }

  const bury = async (job: Job<QueueJobData>, error: JobError) => {
    await dead.add(
      'dead',
      {
        ...job.data,
        error,
        attemptsMade: job.attemptsMade + 1,
        failedAt: new Date().toISOString(),
        worker: name,
      },
      { jobId: job.id },
    );
    emit({ type: 'dead', jobId: job.id!, input: job.data.job.input, error });
  };

  const processJob = async (job: Job<QueueJobData>): Promise<QueueJobResult> => {
    const { job: file, settings, settingsKey } = job.data;
    emit({ type: 'started', jobId: job.id!, input: file.input });
    let outcome: JobOutcome;
    try {
      outcome = await options.pool.run(file, {
        settings,
        settingsKey,
        onProgress: (f) => void job.updateProgress(Math.round(f * 100)).catch(() => undefined),
      });
    } catch (error) {
      outcome = { status: 'failed', stage: 'job', error: toJobError(error), elapsedSeconds: 0 };
    }
    if (outcome.status !== 'failed') {
      emit({
        type: 'completed',
        jobId: job.id!,
        output: outcome.output,
        status: outcome.status,
        elapsedSeconds: outcome.elapsedSeconds,
      });
      return { ...outcome, worker: name };
    }
    const { error } = outcome;
    // a model that does not load here is this worker's problem, not the job's: retry (maybe elsewhere)
    const permanent = outcome.stage === 'job' && isPermanent(error);
    const message = `${error.message} [${error.code}]`;
    if (permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
      await bury(job, error);
      throw permanent ? new UnrecoverableError(message) : new Error(message);
    }
    emit({ type: 'retrying', jobId: job.id!, input: file.input, error });
    throw new Error(message);
  };

  const worker = new Worker<QueueJobData, QueueJobResult>(queueName, processJob, {
    connection,
    name,
    concurrency: options.pool.workers,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    autorun: false,
  });
  worker.on('failed', (job, error) => {
    // failures the processor never saw: a job redelivered more often than maxStalledCount
    if (job !== undefined && /stalled/i.test(error.message)) {
      void bury(job, { code: 'E_QUEUE', message: error.message }).catch(() => undefined);
    }
  });
  worker.on('error', (error) => emit({ type: 'error', error: toJobError(error) }));
  try {
    await waitForRedis(worker, options.redisUrl);
  } catch (error) {
    await Promise.all([worker.close(true), dead.close()]);
    throw error;
  }
  void worker.run().catch((error: unknown) => emit({ type: 'error', error: toJobError(error) }));

  let closing: Promise<void> | undefined;
  return {
    name,
    close: () =>
      (closing ??= (async () => {
        await worker.close();
        await options.pool.close();
        await dead.close();
      })()),
  };
}
