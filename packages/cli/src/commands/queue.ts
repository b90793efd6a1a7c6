/**
 * `voirs-vocoder queue submit|status`: the producer side of the BullMQ queue (@voirs/batch).
 */
import { resolve } from 'node:path';
import { DEFAULT_QUEUE, planJobs, queueStatus, submitJobs } from '@voirs/batch';
import { intOption, parseCommandArgs, positionals, usageError } from '../args.js';
import { BATCH_VOCODE_FLAGS, BATCH_VOCODE_HELP, batchVocodeSettings } from '../batch-settings.js';
import type { Command, CommandContext } from '../command.js';
import { Reporter } from '../reporter.js';

const QUEUE_FLAGS = {
  redis: { type: 'string' },
  queue: { type: 'string' },
} as const;

const SUBMIT_OPTIONS = {
  ...QUEUE_FLAGS,
  output: { type: 'string', short: 'o' },
  attempts: { type: 'string' },
  'backoff-ms': { type: 'string' },
  ...BATCH_VOCODE_FLAGS,
} as const;

const redisUrl = (value: string | undefined, sub: string) =>
  value ??
  process.env.VOIRS_REDIS_URL ??
  usageError('Missing --redis <redis://host:port> (or VOIRS_REDIS_URL).', `queue ${sub}`);

async function submit(argv: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals: rest } = parseCommandArgs(argv, SUBMIT_OPTIONS, 'queue submit');
  const [source] = positionals(rest, ['input dir | manifest.jsonl'], 'queue submit');
  const outDir = resolve(
    context.cwd,
    values.output ?? usageError('Missing -o <out dir>.', 'queue submit'),
  );
  const url = redisUrl(values.redis, 'submit');
  const attempts = intOption(values.attempts, 'attempts', 1, 100, 'queue submit');
  const backoffMs = intOption(values['backoff-ms'], 'backoff-ms', 0, 86_400_000, 'queue submit');
  const reporter = new Reporter(context.streams, values);
  const { settings, settingsKey } = await batchVocodeSettings(values, 'queue submit');
  const jobs = await planJobs(resolve(context.cwd, source!), outDir);
  const result = await submitJobs({
    redisUrl: url,
    queue: values.queue,
    jobs,
    settings,
    settingsKey,
    attempts,
    backoffMs,
  });
  reporter.info(
    `Queued ${result.added} jobs on "${result.queue}" (${result.pending} already waiting or running). Start workers with "voirs-vocoder worker --redis ${url}".`,
  );
  reporter.summary({ ok: true, ...result, jobs: jobs.length });
  return 0;
}

async function status(argv: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals: rest } = parseCommandArgs(argv, QUEUE_FLAGS, 'queue status');
  positionals(rest, [], 'queue status');
  const reporter = new Reporter(context.streams, values);
  const s = await queueStatus(redisUrl(values.redis, 'status'), values.queue);
  reporter.info(
    `${s.queue}: ${s.waiting} waiting, ${s.active} active, ${s.delayed} delayed, ${s.completed} completed, ${s.failed} failed, ${s.dead} dead`,
  );
  for (const d of s.deadJobs)
    reporter.info(
      `  dead ${d.job.input}: ${d.error.message} [${d.error.code}] after ${d.attemptsMade} tries`,
    );
  reporter.summary({ ok: true, ...s });
  return 0;
}

export const queueCommand: Command = {
  name: 'queue',
  summary: 'submit batch jobs to a Redis queue (BullMQ) for "worker" processes; show its status',
  help: `Usage: voirs-vocoder queue submit <input dir | manifest.jsonl> -o <out dir> --redis <url> [options]
       voirs-vocoder queue status --redis <url> [--queue <name>] [--json]

submit enqueues one job per input file (as "batch" finds them) with the vocoding settings; any number
of "voirs-vocoder worker --redis <url>" processes, on any machines that see the same paths (shared
storage), process them. Submitting the same work again queues it once: a job still waiting or running
is left alone, a finished one is checked again (a complete output is skipped, not rewritten).
status prints the job counts and the dead-letter queue (jobs that failed for good, with their errors).

Options:
  --redis <url>          redis://host:port (default: the VOIRS_REDIS_URL environment variable)
  --queue <name>         queue name (default ${DEFAULT_QUEUE})
  -o, --output <dir>     output folder (submit)
  --attempts <n>         tries per job before the dead-letter queue (default 3)
  --backoff-ms <ms>      first retry delay, doubled for each next try (default 5000)
${BATCH_VOCODE_HELP}
  -q, --quiet            no messages
  --json                 print the result as JSON on stdout`,
  async run(argv, context) {
    const [sub, ...rest] = argv;
    if (sub === 'submit') return submit(rest, context);
    if (sub === 'status') return status(rest, context);
    usageError(
      `Expected "queue submit" or "queue status", got ${sub === undefined ? 'nothing' : `"${sub}"`}.`,
      'queue',
    );
  },
};
