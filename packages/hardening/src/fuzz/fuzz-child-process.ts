/**
 * The parent side of the fuzz child: sends inputs one at a time, detects hangs (the child is
 * killed after `timeoutMs` and restarted) and deaths (native crashes, out-of-memory), and restarts
 * the child after either.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Outcome } from './outcome.js';

/** The result of one input. */
export interface RunResult {
  readonly outcome: Outcome;
  /** Milliseconds the run took (the timeout for a hang). */
  readonly ms: number;
  /** Array bytes the run asked for (0 for hangs and deaths). */
  readonly allocated: number;
}

const CHILD = fileURLToPath(new URL('./fuzz-child.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Pending {
  readonly child: ChildProcess;
  readonly id: number;
  readonly resolve: (result: RunResult) => void;
  readonly timer: NodeJS.Timeout;
  readonly started: number;
}

/** One fuzz child process, restarted on demand. */
export class FuzzChild {
  #child: ChildProcess | undefined;
  #ready: Promise<void> | undefined;
  #pending: Pending | undefined;
  #nextId = 1;
  #stderr = '';
  /** How many times the child was (re)started. */
  starts = 0;

  #start(): Promise<void> {
    this.starts++;
    this.#stderr = '';
    const child = fork(CHILD, [], {
      execArgv: [
        '--conditions=@voirs/source',
        '--import',
        TSX,
        '--expose-gc',
        '--max-old-space-size=3072',
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.#child = child;
    child.stderr!.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-4000);
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message: { ready?: boolean; id?: number } & RunResult) => {
        if (message.ready) return resolve();
        const pending = this.#pending;
        if (pending === undefined || pending.child !== child || pending.id !== message.id) return;
        clearTimeout(pending.timer);
        this.#pending = undefined;
        pending.resolve({ outcome: message.outcome, ms: message.ms, allocated: message.allocated });
      });
      child.on('exit', (code, signal) => {
        if (this.#child === child) {
          this.#child = undefined;
          this.#ready = undefined;
        }
        const reason = `exit ${signal ?? code}; stderr: ${this.#stderr.trim().slice(-600)}`;
        reject(new Error(`the fuzz child failed to start (${reason})`));
        const pending = this.#pending;
        if (pending !== undefined && pending.child === child) {
          clearTimeout(pending.timer);
          this.#pending = undefined;
          pending.resolve({
            outcome: { kind: 'died', reason },
            ms: performance.now() - pending.started,
            allocated: 0,
          });
        }
      });
    });
    return ready;
  }

  /** Starts the child now (so that its start-up does not count against a campaign's budget). */
  async ready(): Promise<void> {
    this.#ready ??= this.#start();
    await this.#ready;
  }

  /** Runs one input through `target`; never rejects for the input's sake. */
  async run(target: string, input: unknown, timeoutMs: number): Promise<RunResult> {
    await this.ready();
    const child = this.#child!;
    const id = this.#nextId++;
    return new Promise<RunResult>((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        this.#pending = undefined;
        this.#child = undefined;
        this.#ready = undefined;
        child.kill('SIGKILL');
        resolve({ outcome: { kind: 'hang', ms: timeoutMs }, ms: timeoutMs, allocated: 0 });
      }, timeoutMs);
      this.#pending = { child, id, resolve, timer, started };
      child.send({ id, target, input });
    });
  }

  /** Stops the child. */
  close(): void {
    const child = this.#child;
    this.#child = undefined;
    this.#ready = undefined;
    child?.kill('SIGKILL');
  }
}
