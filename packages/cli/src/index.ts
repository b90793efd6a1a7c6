/**
 * @voirs/cli: the `voirs-vocoder` command. The programmatic entry runs it in-process (tests, apps).
 * @packageDocumentation
 */
export { runCli, COMMANDS, EXIT } from './main.js';
export type { Command, CommandContext } from './command.js';
export type { CliStreams } from './reporter.js';
