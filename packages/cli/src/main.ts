/**
 * Entry point of the `voirs-vocoder` CLI: dispatches sub-commands and turns errors into messages and
 * exit codes (0 success, 1 failure, 2 usage error, 130 interrupted, 70 internal error).
 */
import { isVocoderError, VocoderError } from '@voirs/core';
import type { Command, CommandContext } from './command.js';
import { batchCommand } from './commands/batch.js';
import { benchCommand } from './commands/bench.js';
import { evalCommand } from './commands/eval.js';
import { fxCommand } from './commands/fx.js';
import { infoCommand } from './commands/info.js';
import { melCommand } from './commands/mel.js';
import { modelsCommand } from './commands/models.js';
import { queueCommand } from './commands/queue.js';
import { vocodeCommand } from './commands/vocode.js';
import { workerCommand } from './commands/worker.js';
import type { CliStreams } from './reporter.js';
import { VERSION } from './version.js';

export const COMMANDS: readonly Command[] = [
  vocodeCommand,
  melCommand,
  infoCommand,
  evalCommand,
  benchCommand,
  modelsCommand,
  fxCommand,
  batchCommand,
  queueCommand,
  workerCommand,
];

export const EXIT = { ok: 0, failure: 1, usage: 2, internal: 70, interrupted: 130 } as const;

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `voirs-vocoder ${VERSION}: mel spectrograms to speech (HiFi-GAN, DiffWave, WaveGlow, Griffin-Lim).`,
    '',
    'Usage: voirs-vocoder <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "voirs-vocoder <command> --help" for the options of a command.',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(
  argv: readonly string[],
  streams: CliStreams = { stdout: process.stdout, stderr: process.stderr },
  options: { signal?: AbortSignal; cwd?: string } = {},
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    streams.stdout.write(`${mainHelp()}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    streams.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    streams.stderr.write(`voirs-vocoder: unknown command "${name}".\n\n${mainHelp()}\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    streams.stdout.write(`${command.help}\n`);
    return EXIT.ok;
  }
  const controller = new AbortController();
  const onSignal = () =>
    controller.abort(new VocoderError('E_ABORTED', 'Interrupted; no partial output was kept.'));
  options.signal?.addEventListener('abort', onSignal, { once: true });
  const ownsProcess = options.signal === undefined;
  if (ownsProcess) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const context: CommandContext = {
    streams,
    signal: controller.signal,
    cwd: options.cwd ?? process.cwd(),
  };
  try {
    return await command.run(rest, context);
  } catch (error) {
    return reportError(error, streams, rest.includes('--json'));
  } finally {
    if (ownsProcess) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}

function reportError(error: unknown, streams: CliStreams, json: boolean): number {
  if (isVocoderError(error)) {
    streams.stderr.write(`voirs-vocoder: ${error.message} [${error.code}]\n`);
    if (json)
      streams.stdout.write(
        `${JSON.stringify({ ok: false, error: { code: error.code, message: error.message } })}\n`,
      );
    if (error.code === 'E_CLI_USAGE') return EXIT.usage;
    if (error.code === 'E_ABORTED') return EXIT.interrupted;
    return EXIT.failure;
  }
  streams.stderr.write(
    `voirs-vocoder: internal error (please report it): ${(error as Error)?.stack ?? String(error)}\n`,
  );
  if (json)
    streams.stdout.write(
      `${JSON.stringify({ ok: false, error: { code: 'E_INTERNAL', message: String(error) } })}\n`,
    );
  return EXIT.internal;
}
