/**
 * Runs the real `voirs-vocoder` bin and signals it mid-write: as soon as its temporary output
 * appears in the watched folder (the write phase), after a random delay, it is sent SIGKILL (or
 * SIGTERM). The caller then checks what the folder holds.
 */
import { readdirSync } from 'node:fs';
import { spawnCli } from '../cli/run-cli.js';

/** What happened to one signalled run. */
export interface KillOutcome {
  /** The signal was sent while the process ran. */
  readonly signalled: boolean;
  /** Milliseconds after the temporary output appeared when the signal was sent. */
  readonly afterTempMs: number | undefined;
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Options of {@link runAndSignal}. */
export interface KillOptions {
  readonly argv: readonly string[];
  /** The folder where the temporary output (or staging folder) appears. */
  readonly watch: string;
  /** Names that mark the write phase (default: `.partial-` and `.staging-`). */
  readonly tempPattern?: RegExp;
  /** The signal is sent a uniformly random number of ms in [0, maxDelayMs] after the temp appears. */
  readonly maxDelayMs: number;
  readonly signal: 'SIGKILL' | 'SIGTERM';
  /** Gives up waiting for the temporary output after this long (the run is then killed). */
  readonly timeoutMs: number;
  /** Random source (for reproducible delays). */
  readonly random: () => number;
}

const TEMP = /\.partial-|\.staging-/;

/** Spawns the command and signals it during its write phase; see the module comment. */
export function runAndSignal(options: KillOptions): Promise<KillOutcome> {
  const child = spawnCli(options.argv);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout!.resume();
  const pattern = options.tempPattern ?? TEMP;
  let tempSeenAt: number | undefined;
  let signalledAt: number | undefined;
  let exited = false;
  const started = performance.now();
  const send = (signal: NodeJS.Signals) => {
    if (exited || signalledAt !== undefined) return;
    signalledAt = performance.now();
    child.kill(signal);
  };
  const poll = setInterval(() => {
    if (tempSeenAt !== undefined || exited) return;
    let names: string[] = [];
    try {
      names = readdirSync(options.watch);
    } catch {
      return;
    }
    if (names.some((n) => pattern.test(n))) {
      tempSeenAt = performance.now();
      setTimeout(
        () => send(options.signal),
        Math.floor(options.random() * (options.maxDelayMs + 1)),
      );
    } else if (performance.now() - started > options.timeoutMs) send('SIGKILL');
  }, 1);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, exitSignal) => {
      exited = true;
      clearInterval(poll);
      resolve({
        signalled:
          signalledAt !== undefined && (exitSignal !== null || options.signal === 'SIGTERM'),
        afterTempMs:
          signalledAt !== undefined && tempSeenAt !== undefined
            ? signalledAt - tempSeenAt
            : undefined,
        exitCode,
        exitSignal,
        stderr,
      });
    });
  });
}

/** A small seeded generator (mulberry32) for reproducible kill points. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
