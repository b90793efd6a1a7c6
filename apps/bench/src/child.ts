/**
 * Child processes: every measurement runs in a fresh process, so one cell's memory, thread pools
 * (onnxruntime-web sizes its pool once per process) and JIT state never leak into the next.
 */
import { spawn } from 'node:child_process';
import { InputError, VocoderError } from '@voirs/core';

/** The outcome of a finished child. */
export interface ChildResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runChild}. */
export interface ChildOptions {
  readonly cwd?: string;
  /** Killed (SIGKILL) after this long; default 20 minutes. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs `command args…` to completion and captures its output.
 * @throws VocoderError `E_IO` when it cannot start or runs past its timeout, `E_ABORTED` when the
 * signal fires (the child is killed).
 */
export function runChild(
  command: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      options.timeoutMs ?? 20 * 60_000,
    );
    const onAbort = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error) => {
      done();
      reject(new VocoderError('E_IO', `Cannot run ${command}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      done();
      if (options.signal?.aborted)
        reject(new VocoderError('E_ABORTED', `Stopped ${command} (interrupted).`));
      else if (timedOut)
        reject(
          new VocoderError(
            'E_IO',
            `${command} ${args.join(' ')} ran past its time limit and was killed.`,
          ),
        );
      else resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** The last non-empty line of a child's stderr, for one-line failure reasons. */
export function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1) ?? '(no output)'
  );
}

/**
 * Runs a child that prints one JSON object on stdout and returns it.
 * @throws VocoderError `E_IO` when it fails or prints no JSON, with its last stderr line.
 */
export async function runJsonChild(
  command: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<Record<string, unknown>> {
  const result = await runChild(command, args, options);
  const start = result.stdout.indexOf('{');
  if (result.code !== 0 || start < 0) {
    throw new VocoderError(
      'E_IO',
      `exit ${result.code}: ${lastLine(result.stderr || result.stdout)}`,
      {
        details: { command, args, stderr: result.stderr.slice(-4000) },
      },
    );
  }
  try {
    return JSON.parse(result.stdout.slice(start)) as Record<string, unknown>;
  } catch (cause) {
    throw new VocoderError(
      'E_IO',
      `${command} printed malformed JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/** The raw timings (`samples_ms`, milliseconds) a worker or script printed. */
export function samplesField(json: Record<string, unknown>, source: string): number[] {
  const samples = json.samples_ms;
  if (
    !Array.isArray(samples) ||
    samples.length === 0 ||
    samples.some((x) => typeof x !== 'number')
  ) {
    throw new InputError('E_INVALID_ARGUMENT', `${source} printed no timings (samples_ms).`);
  }
  return samples as number[];
}
