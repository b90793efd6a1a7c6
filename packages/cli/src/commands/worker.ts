/**
 * `voirs-vocoder worker --redis <url>`: processes queued jobs until stopped (@voirs/batch).
 */
import { DEFAULT_QUEUE, JobPool, startQueueWorker, type QueueWorkerEvent } from '@voirs/batch';
import { intOption, parseCommandArgs, positionals, usageError } from '../args.js';
import { BATCH_JOB_MODULE } from '../batch-job.js';
import type { Command } from '../command.js';
import { Reporter } from '../reporter.js';

const OPTIONS = {
  redis: { type: 'string' },
  queue: { type: 'string' },
  workers: { type: 'string', short: 'j' },
  threads: { type: 'string' },
  name: { type: 'string' },
  'lock-ms': { type: 'string' },
  'stalled-ms': { type: 'string' },
} as const;

function describe(event: QueueWorkerEvent): string {
  switch (event.type) {
    case 'started':
      return `job ${event.jobId} started: ${event.input}`;
    case 'completed':
      return `job ${event.jobId} ${event.status}: ${event.output} (${event.elapsedSeconds.toFixed(2)} s)`;
    case 'retrying':
      return `job ${event.jobId} failed, will retry: ${event.error.message} [${event.error.code}]`;
    case 'dead':
      return `job ${event.jobId} failed for good (dead-letter queue): ${event.input}: ${event.error.message} [${event.error.code}]`;
    case 'error':
      return `queue error: ${event.error.message}`;
  }
}

export const workerCommand: Command = {
  name: 'worker',
  summary: 'process jobs of a Redis queue (BullMQ) submitted with "queue submit", until stopped',
  help: `Usage: voirs-vocoder worker --redis <url> [options]

Takes jobs from the queue and vocodes them on a pool of worker threads (one job per thread, each
with its own model session). Run one per machine, as many machines as you like; inputs, models and
outputs must be at the same paths on every machine (shared storage). A job whose worker dies is
given to another worker once its lock expires; outputs are written atomically and verified, so
none is lost or written twice. SIGINT/SIGTERM stop taking jobs and let the running ones finish.

Options:
  --redis <url>          redis://host:port (default: the VOIRS_REDIS_URL environment variable)
  --queue <name>         queue name (default ${DEFAULT_QUEUE})
  -j, --workers <n>      worker threads, i.e. jobs at a time (default: one per core)
  --threads <n>          onnxruntime threads per worker (default floor(cores / workers))
  --name <name>          worker name stored on its jobs (default host:pid)
  --lock-ms <ms>         job lock; a worker silent this long is presumed dead (default 30000)
  --stalled-ms <ms>      how often to look for jobs of dead workers (default 30000)
  -q, --quiet            no messages
  --json                 one JSON line per event on stdout`,
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(argv, OPTIONS, 'worker');
    positionals(rest, [], 'worker');
    const redisUrl =
      values.redis ??
      process.env.VOIRS_REDIS_URL ??
      usageError('Missing --redis <redis://host:port> (or VOIRS_REDIS_URL).', 'worker');
    const workers = intOption(values.workers, 'workers', 1, 1024, 'worker');
    const intraOpThreads = intOption(values.threads, 'threads', 1, 256, 'worker');
    const lockDurationMs = intOption(values['lock-ms'], 'lock-ms', 1000, 3_600_000, 'worker');
    const stalledIntervalMs = intOption(
      values['stalled-ms'],
      'stalled-ms',
      500,
      3_600_000,
      'worker',
    );
    const reporter = new Reporter(context.streams, values);
    const pool = new JobPool({ jobModule: BATCH_JOB_MODULE, workers, intraOpThreads });
    let worker;
    try {
      worker = await startQueueWorker({
        redisUrl,
        queue: values.queue,
        pool,
        name: values.name,
        lockDurationMs,
        stalledIntervalMs,
        onEvent: (event) => {
          if (values.json) context.streams.stdout.write(`${JSON.stringify(event)}\n`);
          else if (event.type === 'error' || event.type === 'dead')
            context.streams.stderr.write(`${describe(event)}\n`);
          else reporter.info(describe(event));
        },
      });
    } catch (error) {
      await pool.destroy();
      throw error;
    }
    reporter.info(
      `Worker ${worker.name} on "${values.queue ?? DEFAULT_QUEUE}" at ${redisUrl} with ${pool.budget.workers} threads (${pool.budget.intraOpThreads} onnxruntime threads each). Ctrl-C stops it.`,
    );
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    reporter.info('Stopping: finishing the running jobs.');
    await worker.close();
    reporter.info('Worker stopped.');
    return 0;
  },
};
