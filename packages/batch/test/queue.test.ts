import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import {
  JobPool,
  planJobs,
  queueJobId,
  queueStatus,
  redisConnection,
  sha256File,
  startQueueWorker,
  submitJobs,
  verifyOutput,
  type QueueStatus,
  type QueueWorkerEvent,
} from '../src/index.js';
import { hasRedisServer, startRedisServer, type RedisServer } from '../src/testing/index.js';
import { TEST_JOB_MODULE, tempDir, writeClips } from './helpers.js';

let redis: RedisServer | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('BullMQ queue', () => {
  it.skipIf(!hasRedisServer() && process.env.CI !== 'true')(
    'processes submitted jobs with retries, progress, a dead-letter queue and idempotent resubmission',
    async () => {
      const url = redis!.url;
      const dir = tempDir('queue');
      const input = writeClips(dir, 3);
      writeFileSync(join(input, 'clip-1.wav'), 'not a WAV');
      const jobs = await planJobs(input, join(dir, 'out'));
      const settings = { iterations: 2, failOn: 'clip-2', failTimes: 1 };
      const queue = 'q-test';
      expect(
        await submitJobs({
          redisUrl: url,
          queue,
          jobs,
          settings,
          settingsKey: 'k',
          attempts: 3,
          backoffMs: 10,
        }),
      ).toEqual({ queue, added: 3, pending: 0 });
      expect(
        await submitJobs({ redisUrl: url, queue, jobs, settings, settingsKey: 'k' }),
      ).toMatchObject({ added: 0, pending: 3 });

      const events: QueueWorkerEvent[] = [];
      const pool = new JobPool({ jobModule: TEST_JOB_MODULE, workers: 1, cores: 2 });
      const worker = await startQueueWorker({
        redisUrl: url,
        queue,
        pool,
        name: 'w1',
        onEvent: (e) => events.push(e),
      });
      let status: QueueStatus | undefined;
      try {
        await until('the jobs to settle', async () => {
          status = await queueStatus(url, queue);
          return status.completed === 2 && status.failed === 1;
        });
        expect(status).toMatchObject({ waiting: 0, active: 0, delayed: 0, dead: 1 });
        expect(status!.deadJobs[0]).toMatchObject({
          job: jobs[1],
          error: { code: 'E_WAV_INVALID' },
          attemptsMade: 1,
          worker: 'w1',
        });
        expect(
          events.filter((e) => e.type === 'retrying').map((e) => e.type === 'retrying' && e.input),
        ).toEqual([jobs[2]!.input]);

        const q = new Queue(queue, { connection: redisConnection(url) });
        const done = await q.getJob(queueJobId(jobs[2]!, 'k'));
        expect(done?.returnvalue).toMatchObject({
          status: 'done',
          worker: 'w1',
          output: jobs[2]!.output,
        });
        expect(done?.progress).toBe(100);
        expect(done?.attemptsMade).toBe(2); // a failed try, then the one that succeeded
        await q.close();
        for (const job of [jobs[0]!, jobs[2]!]) {
          expect(
            (
              await verifyOutput(job.output, {
                inputSha256: await sha256File(job.input),
                settingsKey: 'k',
              })
            ).complete,
          ).toBe(true);
        }

        // resubmitting finished work queues it again; complete outputs are verified and skipped
        events.length = 0;
        expect(
          await submitJobs({ redisUrl: url, queue, jobs: [jobs[0]!], settings, settingsKey: 'k' }),
        ).toMatchObject({ added: 1, pending: 0 });
        await until('the resubmitted job', async () => events.some((e) => e.type === 'completed'));
        expect(events.find((e) => e.type === 'completed')).toMatchObject({
          status: 'skipped',
          output: jobs[0]!.output,
        });
      } finally {
        await worker.close();
      }
      expect(readdirSync(join(dir, 'out')).sort()).toEqual([
        'clip-0.wav',
        'clip-0.wav.voirs.json',
        'clip-2.wav',
        'clip-2.wav.voirs.json',
      ]);
    },
  );

  it('fails fast with E_QUEUE when Redis is unreachable, and rejects bad URLs', async () => {
    await expect(queueStatus('http://localhost:1')).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
    });
    await expect(queueStatus('redis://127.0.0.1:1', 'x')).rejects.toMatchObject({
      code: 'E_QUEUE',
    });
  });
});
