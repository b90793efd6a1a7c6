/**
 * `voirs-vocoder batch <input dir | manifest.jsonl> -o <out dir> …`: vocodes many files on a pool of
 * worker threads (@voirs/batch), resumably, with a JSON report.
 */
import { resolve } from 'node:path';
import { JobPool, fromJobError, planJobs, runBatch } from '@voirs/batch';
import { writeFileAtomic } from '@voirs/dsp/node';
import { intOption, parseCommandArgs, positionals, usageError } from '../args.js';
import { BATCH_JOB_MODULE } from '../batch-job.js';
import { describeFile, formatDuration, showProgress } from '../batch-progress.js';
import { BATCH_VOCODE_FLAGS, BATCH_VOCODE_HELP, batchVocodeSettings } from '../batch-settings.js';
import type { Command } from '../command.js';
import { Reporter } from '../reporter.js';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  workers: { type: 'string', short: 'j' },
  threads: { type: 'string' },
  retries: { type: 'string' },
  force: { type: 'boolean' },
  report: { type: 'string' },
  ...BATCH_VOCODE_FLAGS,
} as const;

export const batchCommand: Command = {
  name: 'batch',
  summary: 'vocode a folder or a JSONL manifest of files on all cores (resumable, with a report)',
  help: `Usage: voirs-vocoder batch <input dir | manifest.jsonl> -o <out dir> [options]

Vocodes every .wav (copy synthesis) and .npy mel in a folder (recursively), or every line of a JSON
Lines manifest ({"input": "a.wav", "output"?: "a.wav", "id"?: "a"}; relative inputs are resolved
against the manifest's folder, outputs against -o), into WAV files under the output folder, on a
pool of worker threads, each with its own model session and floor(cores / workers) threads.

Outputs are written atomically and then recorded in <output>.voirs.json (size, sha256, input hash,
settings). Running the same command again skips outputs that are complete and verified, so an
interrupted batch resumes where it stopped. A failing file is retried (transient errors) and never
stops the others. Ctrl-C stops taking new files, lets the running ones finish and writes the report
(exit code 130); a second Ctrl-C quits at once (unfinished outputs are never left as files).

Options:
  -o, --output <dir>     output folder
  -j, --workers <n>      worker threads (default: one per core)
  --threads <n>          onnxruntime threads per worker (default floor(cores / workers))
  --retries <n>          extra tries after a transient failure (default 2)
  --force                redo files whose outputs are complete
  --report <file>        the JSON report (default <out dir>/batch-report.json)
${BATCH_VOCODE_HELP}
  -q, --quiet            no messages or progress bar
  --json                 print the report's totals on stdout`,
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(argv, OPTIONS, 'batch');
    const [source] = positionals(rest, ['input dir | manifest.jsonl'], 'batch');
    const outDir = resolve(
      context.cwd,
      values.output ?? usageError('Missing -o <out dir>.', 'batch'),
    );
    const workers = intOption(values.workers, 'workers', 1, 1024, 'batch');
    const intraOpThreads = intOption(values.threads, 'threads', 1, 256, 'batch');
    const retries = intOption(values.retries, 'retries', 0, 100, 'batch') ?? 2;
    const reportPath = resolve(context.cwd, values.report ?? resolve(outDir, 'batch-report.json'));
    const reporter = new Reporter(context.streams, values);

    const { settings, settingsKey } = await batchVocodeSettings(values, 'batch');
    const jobs = await planJobs(resolve(context.cwd, source!), outDir);
    const pool = new JobPool({ jobModule: BATCH_JOB_MODULE, workers, intraOpThreads });
    const { budget } = pool;
    reporter.info(
      `Vocoding ${jobs.length} files with ${settings.vocoder} on ${budget.workers} worker threads ` +
        `(${budget.intraOpThreads} onnxruntime threads each, ${budget.cores} cores).`,
    );
    const onStop = () =>
      reporter.info(
        'Stopping: no new files; waiting for the running ones (Ctrl-C again quits now).',
      );
    context.signal.addEventListener('abort', onStop, { once: true });
    let report;
    try {
      report = await runBatch({
        jobs,
        pool,
        settings,
        settingsKey,
        retries,
        force: values.force === true,
        stop: context.signal,
        onProgress: (p) => showProgress(reporter, p),
        onFile: (file) =>
          file.status === 'failed'
            ? context.streams.stderr.write(`${describeFile(file)}\n`)
            : reporter.info(describeFile(file)),
      });
    } finally {
      context.signal.removeEventListener('abort', onStop);
      await pool.close();
    }
    await writeFileAtomic(
      reportPath,
      new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`),
    );
    const { totals } = report;
    reporter.info(
      `${totals.done} done, ${totals.skipped} skipped, ${totals.failed} failed, ${totals['not-started']} not started ` +
        `in ${formatDuration(report.wallSeconds)} (${report.throughput.toFixed(2)} s of audio per second). Report: ${reportPath}`,
    );
    reporter.summary({
      ok: totals.failed === 0 && !report.interrupted && !report.fatal,
      report: reportPath,
      totals,
      interrupted: report.interrupted,
      audioSeconds: report.audioSeconds,
      wallSeconds: report.wallSeconds,
      throughput: report.throughput,
      threads: report.threads,
    });
    if (report.fatal) throw fromJobError(report.fatal);
    if (report.interrupted) {
      reporter.info('Interrupted: run the same command again to resume.');
      return 130;
    }
    return totals.failed > 0 ? 1 : 0;
  },
};
