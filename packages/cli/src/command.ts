/**
 * The shape of a CLI sub-command.
 */
import type { CliStreams } from './reporter.js';

/** Everything a command receives besides its arguments. */
export interface CommandContext {
  readonly streams: CliStreams;
  /** Aborted on SIGINT/SIGTERM: commands stop cleanly and leave no partial output. */
  readonly signal: AbortSignal;
  readonly cwd: string;
}

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full help text (usage, options, examples). */
  readonly help: string;
  /** Runs the command; resolves to the exit code. */
  run(argv: readonly string[], context: CommandContext): Promise<number>;
}
