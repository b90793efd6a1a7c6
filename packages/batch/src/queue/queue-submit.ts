/**
 * `voirs-vocoder queue submit`: enqueues one BullMQ job per file with retries and exponential
 * backoff. A job already waiting or running is left alone; a finished one (completed or failed) is
 * queued again, which costs a verification only when its output is complete.
 */
import { Queue } from 'bullmq';
import type { FileJob } from '../job.js';
import {
  checkQueueName,
  DEFAULT_QUEUE,
  redisConnection,
  waitForRedis,
} from './queue-connection.js';
import { queueJobId, type QueueJobData } from './queue-job.js';

/** Options of {@link submitJobs}. */
export interface SubmitOptions {
  readonly redisUrl: string;
  readonly queue?: string;
  readonly jobs: readonly FileJob[];
  readonly settings: unknown;
  readonly settingsKey: string;
  /** Tries per job before it goes to the dead-letter queue (default 3). */
  readonly attempts?: number;
  /** First retry delay in ms, doubled each time (default 5000). */
  readonly backoffMs?: number;
}

/** What {@link submitJobs} did. */
export interface SubmitResult {
  readonly queue: string;
  /** Jobs added (or re-added after finishing). */
  readonly added: number;
  /** Jobs already waiting, delayed or running. */
  readonly pending: number;
}

/** Enqueues `jobs`; see the module comment. @throws VocoderError `E_QUEUE` when Redis is unreachable. */
export async function submitJobs(options: SubmitOptions): Promise<SubmitResult> {
  const name = checkQueueName(options.queue ?? DEFAULT_QUEUE);
  const queue = new Queue<QueueJobData>(name, { connection: redisConnection(options.redisUrl) });
  try {
    await waitForRedis(queue, options.redisUrl);
    const entries = options.jobs.map((job) => ({ job, id: queueJobId(job, options.settingsKey) }));
    let pending = 0;
    const fresh: typeof entries = [];
    for (const entry of entries) {
      const existing = await queue.getJob(entry.id);
      const state = existing === undefined ? undefined : await existing.getState();
      if (state === 'completed' || state === 'failed') await existing!.remove();
      if (state === undefined || state === 'unknown' || state === 'completed' || state === 'failed')
        fresh.push(entry);
      else pending++;
    }
    await queue.addBulk(
      fresh.map(({ job, id }) => ({
        name: 'vocode',
        data: { job, settings: options.settings, settingsKey: options.settingsKey },
        opts: {
          jobId: id,
          attempts: options.attempts ?? 3,
          backoff: { type: 'exponential', delay: options.backoffMs ?? 5000 },
        },
      })),
    );
    return { queue: name, added: fresh.length, pending };
  } finally {
    await queue.close();
  }
}
