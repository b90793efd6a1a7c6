/**
 * The benchmark app as a function: parse options, run (or read) results, write them, update or
 * check the baseline. Exit codes: 0 done, 1 regression or failure, 2 usage error, 130 interrupted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { isVocoderError, VocoderError } from '@voirs/core';
import { compareToBaseline, makeBaseline, parseBaseline, type CheckReport } from './baseline.js';
import { HELP, parseOptions } from './options.js';
import { checkSection } from './report/markdown.js';
import { formatValue } from './report/svg.js';
import { readResults, writeResults } from './report/write.js';
import { LATEST_DIR } from './paths.js';
import type { BenchResults } from './results.js';
import { runBench, type RunHooks } from './runner.js';
import { evaluateTargets } from './targets.js';

/** Where the app writes. */
export interface AppIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Options for tests: where relative paths start, and the dsp scripts to run. */
export interface AppContext {
  readonly cwd?: string;
  readonly signal?: AbortSignal;
  readonly dspFiles?: RunHooks['dspFiles'];
}

function readBaseline(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new VocoderError(
      'E_FILE_NOT_FOUND',
      `No baseline at ${path}. Create one with pnpm bench --update-baseline.`,
      { cause },
    );
  }
  try {
    return parseBaseline(JSON.parse(text), path);
  } catch (cause) {
    if (isVocoderError(cause)) throw cause;
    throw new VocoderError('E_CONFIG_INVALID', `${path} is not JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
}

function summaryLines(results: BenchResults): string[] {
  return evaluateTargets(results).map(
    ({ target, measured, status }) =>
      `${status === 'pass' ? 'PASS' : status === 'fail' ? 'FAIL' : '----'}  ${target.label}: ` +
      `${measured === undefined ? 'not measured' : `${formatValue(measured)} ${target.unit}`} (goal ${target.bound === 'max' ? '≤' : '≥'} ${target.threshold})`,
  );
}

/** Runs the app with `argv`; resolves to the exit code. */
export async function runApp(
  argv: readonly string[],
  io: AppIo,
  context: AppContext = {},
): Promise<number> {
  const cwd = context.cwd ?? process.env.INIT_CWD ?? process.cwd();
  try {
    const options = parseOptions(argv);
    if (options.help) {
      io.stdout.write(`${HELP}\n`);
      return 0;
    }
    const out = options.out === undefined ? undefined : resolve(cwd, options.out);
    const baselinePath = resolve(cwd, options.baseline);
    const fresh = options.results === undefined;
    const results = fresh
      ? await runBench(options, {
          log: (line) => io.stderr.write(`${line}\n`),
          signal: context.signal,
          dspFiles: context.dspFiles,
        })
      : readResults(resolve(cwd, options.results!));
    let check: CheckReport | undefined;
    if (options.check)
      check = compareToBaseline(results, readBaseline(baselinePath), options.threshold);
    if (fresh || out !== undefined) {
      const dir = out ?? LATEST_DIR;
      const files = writeResults(dir, results, check);
      io.stderr.write(`Wrote ${files.length} files to ${dir}\n`);
    }
    if (options.updateBaseline) {
      writeFileSync(baselinePath, `${JSON.stringify(makeBaseline(results), null, 2)}\n`);
      io.stderr.write(`Wrote the baseline ${baselinePath}\n`);
    }
    io.stdout.write(`${summaryLines(results).join('\n')}\n`);
    if (check !== undefined) {
      io.stdout.write(`\n${checkSection(check)}\n`);
      return check.regressions.length > 0 ? 1 : 0;
    }
    return 0;
  } catch (error) {
    if (isVocoderError(error)) {
      io.stderr.write(`bench: ${error.message} [${error.code}]\n`);
      return error.code === 'E_CLI_USAGE' ? 2 : error.code === 'E_ABORTED' ? 130 : 1;
    }
    io.stderr.write(`bench: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 70;
  }
}
