/**
 * Command-line parsing on top of `node:util` parseArgs: strict (unknown options are errors), with
 * typed number parsing and usage errors as `E_CLI_USAGE`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '@voirs/core';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  json: { type: 'boolean' },
} as const satisfies OptionSpec;

/** Throws the usage error every command reports the same way. */
export function usageError(message: string, command?: string): never {
  throw new ConfigError(
    'E_CLI_USAGE',
    `${message}${command ? `\nRun "voirs-vocoder ${command} --help" for usage.` : ''}`,
  );
}

/** The parseArgs configuration a command's options produce. */
type CommandParseConfig<O extends OptionSpec> = {
  args: string[];
  options: typeof COMMON_OPTIONS & O;
  allowPositionals: true;
  strict: true;
};

/** Parsed values and positionals of a command. */
export type ParsedCommandArgs<O extends OptionSpec> = ReturnType<
  typeof parseArgs<CommandParseConfig<O>>
>;

/** Parses `argv` strictly against `options`, turning parseArgs errors into `E_CLI_USAGE`. */
export function parseCommandArgs<const O extends OptionSpec>(
  argv: readonly string[],
  options: O,
  command: string,
): ParsedCommandArgs<O> {
  const config: CommandParseConfig<O> = {
    args: [...argv],
    options: { ...COMMON_OPTIONS, ...options },
    allowPositionals: true,
    strict: true,
  };
  try {
    return parseArgs(config);
  } catch (error) {
    usageError((error as Error).message, command);
  }
}

/** Parses an integer option within bounds. */
export function intOption(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  command: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    usageError(`--${name} must be an integer between ${min} and ${max}, got "${value}".`, command);
  }
  return n;
}

/** Parses a finite number option within bounds. */
export function numberOption(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  command: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    usageError(`--${name} must be a number between ${min} and ${max}, got "${value}".`, command);
  }
  return n;
}

/** Checks a value against a list of choices. */
export function choiceOption<T extends string>(
  value: string | undefined,
  name: string,
  choices: readonly T[],
  command: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    usageError(`--${name} must be one of ${choices.join(', ')}, got "${value}".`, command);
  }
  return value as T;
}

/** Returns exactly `count` positionals or fails with usage. */
export function positionals(
  values: readonly string[],
  names: readonly string[],
  command: string,
): string[] {
  if (values.length !== names.length) {
    usageError(
      `Expected ${names.map((n) => `<${n}>`).join(' ')} but got ${values.length ? values.map((v) => `"${v}"`).join(' ') : 'nothing'}.`,
      command,
    );
  }
  return [...values];
}
