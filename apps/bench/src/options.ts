/**
 * Options of a benchmark run (`pnpm bench [options]`) and their parsing.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '@voirs/core';
import { BASELINE_FILE } from './paths.js';
import { SUITES, type SuiteName } from './results.js';

/** What to run and how long to measure. */
export interface BenchOptions {
  readonly suites: readonly SuiteName[];
  /** Audio per timed vocoder run, seconds. */
  readonly seconds: number;
  /** At least this many timed runs per cell… */
  readonly iterations: number;
  /** …and at least this many milliseconds of timed work. */
  readonly timeMs: number;
  readonly warmup: number;
  /** Thread counts of the model sessions. */
  readonly threads: readonly number[];
  /** Batch sizes besides 1 (HiFi-GAN V2 on node, most threads). */
  readonly batches: readonly number[];
  /** Streaming chunk sizes in mel frames. */
  readonly chunks: readonly number[];
  /** Length of the streamed mel whose peak memory is measured, seconds. */
  readonly longStreamSeconds: number;
  /** Fresh processes timing load + first inference. */
  readonly coldStarts: number;
  /** Also HiFi-GAN V1 on the web backend (slow). */
  readonly full: boolean;
  /** Measure the peers (naive ONNX export, PyTorch) when python has torch. */
  readonly peers: boolean;
  /** Keep only cells whose id contains this text. */
  readonly filter: string | undefined;
  /** Output folder; default `results/latest` for a fresh run, none with `--results`. */
  readonly out: string | undefined;
  /** Compare with the baseline after the run (or compare `results` without running). */
  readonly check: boolean;
  readonly baseline: string;
  /** An existing results.json to check or render instead of running. */
  readonly results: string | undefined;
  readonly updateBaseline: boolean;
  /** Regression threshold, percent. */
  readonly threshold: number;
}

/** The defaults of a full run. */
export const DEFAULT_OPTIONS: BenchOptions = Object.freeze({
  suites: SUITES,
  seconds: 10,
  iterations: 5,
  timeMs: 2000,
  warmup: 1,
  threads: [1, 2],
  batches: [4],
  chunks: [16, 32, 64],
  longStreamSeconds: 120,
  coldStarts: 3,
  full: false,
  peers: true,
  filter: undefined,
  out: undefined,
  check: false,
  baseline: BASELINE_FILE,
  results: undefined,
  updateBaseline: false,
  threshold: 15,
});

/** `--quick`: shorter runs and fewer cells; the DSP scripts (minutes) only when asked for. */
const QUICK: Partial<BenchOptions> = {
  suites: ['mel', 'vocoder', 'streaming'],
  seconds: 3,
  iterations: 3,
  timeMs: 500,
  batches: [],
  chunks: [32],
  longStreamSeconds: 20,
  coldStarts: 1,
};

export const HELP = `Usage: pnpm bench [options]        (pnpm bench:check = pnpm bench --check)

Runs the benchmark suites and writes results.json, results.md and SVG charts to --out.

  --suite <list>        comma-separated: ${SUITES.join(', ')} (default: all)
  --quick               shorter runs (3 s of audio, 3 iterations, fewer cells, no dsp
                        suite unless --suite names it)
  --full                also HiFi-GAN V1 on the web backend
  --seconds <s>         audio per timed vocoder run (default 10)
  --iterations <n>      at least n timed runs per cell (default 5)
  --time <ms>           and at least this much timed work per cell (default 2000)
  --threads <list>      session thread counts (default 1,2)
  --filter <text>       only cells whose id contains text (e.g. hifigan-v2/node)
  --no-peers            skip the naive ONNX export and PyTorch peers
  --out <dir>           output folder (default apps/bench/results/latest)
  --results <file>      use this results.json instead of running: check it (--check),
                        render it again (--out), make it the baseline (--update-baseline)
  --check               compare with the baseline; exit 1 on a regression
  --baseline <file>     baseline to check against (default apps/bench/baseline.json)
  --threshold <pct>     regression threshold in percent (default 15)
  --update-baseline     write the baseline from this run (or from --results)`;

function usage(message: string): never {
  throw new ConfigError('E_CLI_USAGE', `${message}\nRun "pnpm bench --help" for usage.`);
}

function number(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  integer: boolean,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (
    value.trim() === '' ||
    !Number.isFinite(n) ||
    n < min ||
    n > max ||
    (integer && !Number.isInteger(n))
  ) {
    usage(
      `--${name} must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}, got "${value}".`,
    );
  }
  return n;
}

function list(value: string | undefined, name: string): number[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((v) => number(v, name, 1, 256, true)!);
  if (new Set(items).size !== items.length) usage(`--${name} lists a value twice: "${value}".`);
  return items;
}

/**
 * Parses the command line of the app.
 * @throws ConfigError `E_CLI_USAGE` for unknown options or bad values.
 */
export function parseOptions(argv: readonly string[]): BenchOptions & { help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        suite: { type: 'string' },
        quick: { type: 'boolean' },
        full: { type: 'boolean' },
        seconds: { type: 'string' },
        iterations: { type: 'string' },
        time: { type: 'string' },
        threads: { type: 'string' },
        filter: { type: 'string' },
        'no-peers': { type: 'boolean' },
        out: { type: 'string' },
        check: { type: 'boolean' },
        results: { type: 'string' },
        baseline: { type: 'string' },
        threshold: { type: 'string' },
        'update-baseline': { type: 'boolean' },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  const suites = values.suite?.split(',').map((s) => s.trim());
  const unknown = suites?.filter((s) => !(SUITES as readonly string[]).includes(s));
  if (unknown?.length)
    usage(`Unknown suite "${unknown.join(', ')}"; choose from ${SUITES.join(', ')}.`);
  const uses = values.check || values.out !== undefined || values['update-baseline'];
  if (values.results !== undefined && !uses) {
    usage('--results needs --check, --out (render it again) or --update-baseline.');
  }
  const base = { ...DEFAULT_OPTIONS, ...(values.quick ? QUICK : {}) };
  return {
    ...base,
    suites: (suites as SuiteName[] | undefined) ?? base.suites,
    seconds: number(values.seconds, 'seconds', 0.05, 600, false) ?? base.seconds,
    iterations: number(values.iterations, 'iterations', 1, 10_000, true) ?? base.iterations,
    timeMs: number(values.time, 'time', 0, 600_000, true) ?? base.timeMs,
    threads: list(values.threads, 'threads') ?? base.threads,
    full: values.full ?? false,
    peers: !values['no-peers'],
    filter: values.filter,
    out: values.out ?? base.out,
    check: values.check ?? false,
    results: values.results,
    baseline: values.baseline ?? base.baseline,
    threshold: number(values.threshold, 'threshold', 0, 1000, false) ?? base.threshold,
    updateBaseline: values['update-baseline'] ?? false,
    help: values.help ?? false,
  };
}
