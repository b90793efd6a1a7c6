/**
 * The contracts of a batch: a {@link FileJob} (one input file, one output file), the job module that
 * turns an input into output bytes inside a worker thread, and the {@link JobOutcome} a worker reports.
 */

/** One unit of work: vocode `input` into `output`. Paths are absolute (or resolved by every worker alike). */
export interface FileJob {
  /** Stable identifier (the input's relative path without extension, or the manifest's `id`). */
  readonly id: string;
  readonly input: string;
  readonly output: string;
}

/** What a worker thread gives the job module when it creates a runner. */
export interface JobRunnerContext {
  /** Intra-op threads this worker's session may use: floor(cores / workers), at least 1. */
  readonly intraOpThreads: number;
}

/** What a job module's runner produces for one job. */
export interface JobResult {
  /** The complete output file (e.g. an encoded WAV). */
  readonly bytes: Uint8Array;
  /** Seconds of audio produced, for the real-time factor. */
  readonly audioSeconds: number;
}

/** A loaded model (one per worker thread), reused for every job with the same settings. */
export interface JobRunner {
  run(job: FileJob, onProgress: (fraction: number) => void): Promise<JobResult>;
  /** Frees the model's session. */
  dispose(): Promise<void>;
}

/**
 * A job module: an ES module (a file path or URL a worker thread can import) exporting
 * `createJobRunner`. The CLI's is `packages/cli/src/batch-job.ts`. `settings` must be structured-cloneable.
 */
export interface JobModule<S = unknown> {
  createJobRunner(settings: S, context: JobRunnerContext): Promise<JobRunner>;
}

/** An error as it crosses threads and processes: its stable code and message. */
export interface JobError {
  readonly code: string;
  readonly message: string;
}

/** What happened to one job in a worker. */
export type JobOutcome =
  | {
      /** `done`: vocoded and committed; `skipped`: a verified complete output already existed. */
      readonly status: 'done' | 'skipped';
      readonly output: string;
      readonly sha256: string;
      readonly bytes: number;
      readonly audioSeconds: number;
      /** Wall time of the job in the worker (reading, vocoding, writing). */
      readonly elapsedSeconds: number;
    }
  | {
      readonly status: 'failed';
      /** `setup`: the runner (model) could not be created; `job`: this input failed. */
      readonly stage: 'setup' | 'job';
      readonly error: JobError;
      readonly elapsedSeconds: number;
    };
