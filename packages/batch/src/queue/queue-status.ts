/**
 * `voirs-vocoder queue status`: job counts of a queue and the entries of its dead-letter queue.
 */
import { Queue } from 'bullmq';
import type { FileJob, JobError } from '../job.js';
import {
  checkQueueName,
  deadLetterQueueName,
  DEFAULT_QUEUE,
  redisConnection,
  waitForRedis,
} from './queue-connection.js';

/** A dead-lettered job. */
export interface DeadJob {
  readonly id: string;
  readonly job: FileJob;
  readonly error: JobError;
  readonly attemptsMade: number;
  readonly failedAt: string;
  readonly worker: string;
}

/** Counts and dead letters of a queue. */
export interface QueueStatus {
  readonly queue: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly completed: number;
  readonly failed: number;
  /** Jobs in the dead-letter queue. */
  readonly dead: number;
  /** Up to `limit` dead-lettered jobs, newest first. */
  readonly deadJobs: readonly DeadJob[];
}

/** Reads the status. @throws VocoderError `E_QUEUE` when Redis is unreachable. */
export async function queueStatus(
  redisUrl: string,
  queue: string = DEFAULT_QUEUE,
  limit = 50,
): Promise<QueueStatus> {
  const name = checkQueueName(queue);
  const connection = redisConnection(redisUrl);
  const main = new Queue(name, { connection });
  const dead = new Queue(deadLetterQueueName(name), { connection });
  try {
    await waitForRedis(main, redisUrl);
    const counts = await main.getJobCounts(
      'waiting',
      'prioritized',
      'active',
      'delayed',
      'completed',
      'failed',
    );
    const deadCount = (await dead.getJobCounts('waiting')).waiting ?? 0;
    const deadJobs = (await dead.getJobs(['waiting'], 0, limit - 1)).map((j) => ({
      id: j.id!,
      ...(j.data as Omit<DeadJob, 'id'>),
    }));
    return {
      queue: name,
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      dead: deadCount,
      deadJobs,
    };
  } finally {
    await Promise.all([main.close(), dead.close()]);
  }
}
