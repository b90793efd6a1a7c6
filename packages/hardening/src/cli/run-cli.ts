/**
 * Runs the `voirs-vocoder` CLI the two ways a user can: in-process through `runCli` (fast; the
 * same code as the command minus the launcher) and as the real `bin/voirs-vocoder.js` in a child
 * process (for kill tests and for behaviour that depends on the process, such as its working
 * directory).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { runCli } from '@voirs/cli';

/** What a run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function capture(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

/** Runs the CLI in this process with captured output. */
export async function cli(...argv: string[]): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(argv, { stdout, stderr }, { signal: new AbortController().signal });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The launcher of the installed command (`packages/cli/bin/voirs-vocoder.js`). */
export const CLI_BIN = fileURLToPath(
  new URL('../../node_modules/@voirs/cli/bin/voirs-vocoder.js', import.meta.url),
);

/** Starts the real command in a child process. */
export function spawnCli(
  argv: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ChildProcess {
  return spawn(process.execPath, [CLI_BIN, ...argv], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the real command to completion. */
export function runCliProcess(
  argv: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const child = spawnCli(argv, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }),
    );
  });
}

/** The error code a failed run ended its message with (`… [E_CODE]`), if any. */
export function errorCode(result: CliResult): string | undefined {
  return /\[(E_[A-Z0-9_]+)\]\s*$/.exec(result.stderr.trim())?.[1];
}
