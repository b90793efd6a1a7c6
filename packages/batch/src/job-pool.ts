/**
 * A piscina pool of worker threads that run {@link FileJob}s through a job module, one model session
 * per thread (see thread-budget.ts for the sizing).
 */
import { MessageChannel } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import { Piscina } from 'piscina';
import { threadBudget, type ThreadBudget } from './thread-budget.js';
import type { FileJob, JobOutcome } from './job.js';
import type { WorkerTask } from './worker-task.js';

const ENTRY = fileURLToPath(new URL('../worker/piscina-entry.js', import.meta.url));

/** Options of {@link JobPool}. */
export interface JobPoolOptions {
  /** The job module (absolute path or file URL) exporting `createJobRunner`. */
  readonly jobModule: string | URL;
  /** Worker threads (default: one per core). */
  readonly workers?: number;
  /** Cores to share out (default: the machine's). */
  readonly cores?: number;
  /** Intra-op threads per worker instead of floor(cores / workers) (benchmarks, shared machines). */
  readonly intraOpThreads?: number;
}

/** What one job needs besides the file paths. */
export interface PoolJobOptions {
  /** Structured-cloneable settings handed to the job module's `createJobRunner`. */
  readonly settings: unknown;
  /** Identifies the settings (and model) in completion records. */
  readonly settingsKey: string;
  readonly force?: boolean;
  readonly onProgress?: (fraction: number) => void;
}

/** The pool; see the module comment. */
export class JobPool {
  readonly budget: ThreadBudget;
  readonly #pool: Piscina<WorkerTask, JobOutcome>;
  readonly #jobModule: string;

  constructor(options: JobPoolOptions) {
    const module = options.jobModule;
    if (typeof module === 'string' && !isAbsolute(module) && !module.startsWith('file:')) {
      throw new TypeError('jobModule must be an absolute path or a file URL');
    }
    this.#jobModule =
      module instanceof URL
        ? module.href
        : module.startsWith('file:')
          ? module
          : pathToFileURL(module).href;
    this.budget = threadBudget(options.workers, options.cores, options.intraOpThreads);
    this.#pool = new Piscina({
      filename: ENTRY,
      minThreads: this.budget.workers,
      maxThreads: this.budget.workers,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  }

  /** Worker threads. */
  get workers(): number {
    return this.budget.workers;
  }

  /** Runs one job in a worker; resolves to its outcome (failures included), rejects only if the thread died. */
  async run(job: FileJob, options: PoolJobOptions): Promise<JobOutcome> {
    const channel = options.onProgress ? new MessageChannel() : undefined;
    if (channel) {
      channel.port1.on('message', (fraction: number) => options.onProgress!(fraction));
      channel.port1.unref();
    }
    const task: WorkerTask = {
      jobModule: this.#jobModule,
      settings: options.settings,
      settingsKey: options.settingsKey,
      intraOpThreads: this.budget.intraOpThreads,
      job,
      force: options.force === true,
      ...(channel ? { progress: channel.port2 } : {}),
    };
    try {
      return await this.#pool.run(task, channel ? { transferList: [channel.port2] } : {});
    } finally {
      channel?.port1.close();
    }
  }

  /** Waits for queued and running jobs, then stops the threads. */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  /** Stops the threads now; running jobs reject. */
  async destroy(): Promise<void> {
    await this.#pool.destroy();
  }
}
