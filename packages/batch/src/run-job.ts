/**
 * One job inside a worker: skip it when a verified complete output exists (this makes queue
 * redeliveries idempotent), otherwise clear a killed writer's leftovers, run the job module and commit
 * the output with its completion record.
 */
import { commitOutput, removePartials, sha256File, verifyOutput } from './completion-record.js';
import { toJobError } from './job-error.js';
import type { FileJob, JobOutcome, JobRunner } from './job.js';
import { VocoderError } from '@voirs/core';

/** Options of {@link runJob}. */
export interface RunJobOptions {
  readonly settingsKey: string;
  /** Redo the job even when a complete output exists. */
  readonly force?: boolean;
  readonly onProgress?: (fraction: number) => void;
}

async function inputHash(input: string): Promise<string> {
  try {
    return await sha256File(input);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new VocoderError(
      missing ? 'E_FILE_NOT_FOUND' : 'E_IO',
      `Cannot read the input ${input}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Runs `job` with `runner`; never throws: failures come back as a `failed` outcome. */
export async function runJob(
  runner: JobRunner,
  job: FileJob,
  options: RunJobOptions,
): Promise<JobOutcome> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  try {
    const inputSha256 = await inputHash(job.input);
    const expected = { inputSha256, settingsKey: options.settingsKey };
    if (!options.force) {
      const state = await verifyOutput(job.output, expected);
      if (state.complete) {
        const { sha256, bytes, audioSeconds } = state.record;
        return {
          status: 'skipped',
          output: job.output,
          sha256,
          bytes,
          audioSeconds,
          elapsedSeconds: elapsed(),
        };
      }
    }
    await removePartials(job.output);
    const result = await runner.run(job, options.onProgress ?? (() => undefined));
    const record = await commitOutput(job.output, result.bytes, {
      input: job.input,
      ...expected,
      audioSeconds: result.audioSeconds,
    });
    return {
      status: 'done',
      output: job.output,
      sha256: record.sha256,
      bytes: record.bytes,
      audioSeconds: result.audioSeconds,
      elapsedSeconds: elapsed(),
    };
  } catch (error) {
    return { status: 'failed', stage: 'job', error: toJobError(error), elapsedSeconds: elapsed() };
  }
}
