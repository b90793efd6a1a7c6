/**
 * `voirs-vocoder eval <ref.wav> <test.wav>`, `eval <file.wav>` and `eval --dir <refs> <tests>`:
 * objective metrics from @voirs/metrics, as text or JSON.
 */
import { join } from 'node:path';
import { isVocoderError, throwIfAborted, type AudioBuffer } from '@voirs/core';
import {
  DEFAULT_PAIR_METRICS,
  DEFAULT_SINGLE_METRICS,
  INTRUSIVE_METRICS,
  METRIC_NAMES,
  SINGLE_METRICS,
  evaluate,
  type AlignOptions,
  type DnsmosScorer,
  type Evaluation,
} from '@voirs/metrics';
import { choiceOption, intOption, numberOption, parseCommandArgs, usageError } from '../args.js';
import type { Command } from '../command.js';
import { Reporter } from '../reporter.js';
import { columnMeans, formatList, formatTable, jsonValues } from './eval-format.js';
import { loadDnsmos, matchFolders, readAudio } from './eval-inputs.js';

const OPTIONS = {
  metrics: { type: 'string', short: 'm' },
  dir: { type: 'boolean' },
  align: { type: 'string' },
  'max-lag-ms': { type: 'string' },
  'dnsmos-dir': { type: 'string' },
  threads: { type: 'string' },
} as const;

export const evalCommand: Command = {
  name: 'eval',
  summary: 'objective quality metrics of a file, a pair, or two folders',
  help: `Usage: voirs-vocoder eval <ref.wav> <test.wav> [options]
       voirs-vocoder eval <file.wav> [--metrics loudness,health,thd,dnsmos] [options]
       voirs-vocoder eval --dir <refs-folder> <tests-folder> [options]

Intrusive metrics compare a test with its reference. Before they run, both are mixed to mono, the
test is resampled to the reference's rate, and then (--align trim, the default) both are cut to the
shorter length, or (--align xcorr) the test is shifted by the lag of the cross-correlation peak
within +-max-lag-ms and both are cut to their overlap. Non-intrusive metrics rate the test alone
(or the single file). --dir matches the .wav files of both folders by name and prints one row per
file and the mean of each column.

Metrics (default pair: ${DEFAULT_PAIR_METRICS.join(',')}; default single file: ${DEFAULT_SINGLE_METRICS.join(',')}):
  intrusive:      ${Object.keys(INTRUSIVE_METRICS).join(', ')}
  non-intrusive:  ${Object.keys(SINGLE_METRICS).join(', ')}

Options:
  -m, --metrics <a,b,c>  metrics to compute
  --dir                  compare two folders of WAV files (matched by file name)
  --align <mode>         trim (default) or xcorr
  --max-lag-ms <ms>      largest lag xcorr searches (default 100)
  --dnsmos-dir <folder>  folder with sig_bak_ovr.onnx (and model_v8.onnx for P.808);
                         default: $VOIRS_DNSMOS_DIR
  --threads <n>          onnxruntime threads for DNSMOS
  -q, --quiet            no messages
  --json                 print the results as JSON on stdout`,
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(argv, OPTIONS, 'eval');
    const align: AlignOptions = {
      mode: choiceOption(values.align, 'align', ['trim', 'xcorr'] as const, 'eval') ?? 'trim',
      maxLagSeconds:
        (numberOption(values['max-lag-ms'], 'max-lag-ms', 0, 10_000, 'eval') ?? 100) / 1000,
    };
    const threads = intOption(values.threads, 'threads', 1, 256, 'eval');
    const single = !values.dir && rest.length === 1;
    if (values.dir ? rest.length !== 2 : rest.length < 1 || rest.length > 2) {
      usageError(
        values.dir
          ? 'eval --dir needs <refs-folder> <tests-folder>.'
          : 'eval needs <ref.wav> <test.wav>, or one <file.wav>.',
        'eval',
      );
    }
    const metrics = parseMetrics(values.metrics, single);
    const reporter = new Reporter(context.streams, values);
    let dnsmos: DnsmosScorer | undefined;
    if (metrics.includes('dnsmos')) {
      const loaded = await loadDnsmos(values['dnsmos-dir'], threads);
      dnsmos = loaded.scorer;
      reporter.info(
        `DNSMOS models from ${loaded.dir}${loaded.p808 ? '' : ' (no model_v8.onnx: no P.808 score)'}.`,
      );
    }
    try {
      const options = { metrics, align, dnsmos, signal: context.signal };
      if (values.dir) {
        const print = !values.json && !values.quiet;
        return await runFolders(
          rest[0]!,
          rest[1]!,
          options,
          reporter,
          print ? context.streams : undefined,
          context.signal,
        );
      }
      const [first, second] = rest;
      const test = await readAudio(second ?? first!);
      const reference = second === undefined ? undefined : await readAudio(first!);
      const result = await evaluate(reference, test, options);
      if (values.json) {
        reporter.summary({
          ok: true,
          ...(reference ? { reference: first, test: second } : { file: first }),
          ...jsonEvaluation(result),
        });
      } else if (!values.quiet) {
        if (result.alignment) reporter.info(describeAlignment(result.alignment));
        context.streams.stdout.write(`${formatList(result.values)}\n`);
      }
      return 0;
    } finally {
      await dnsmos?.dispose();
    }
  },
};

function parseMetrics(value: string | undefined, single: boolean): string[] {
  const names =
    value === undefined
      ? [...(single ? DEFAULT_SINGLE_METRICS : DEFAULT_PAIR_METRICS)]
      : value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  if (names.length === 0) usageError('--metrics is empty.', 'eval');
  for (const name of names) {
    if (!METRIC_NAMES.includes(name))
      usageError(`Unknown metric "${name}". Known metrics: ${METRIC_NAMES.join(', ')}.`, 'eval');
    if (single && name in INTRUSIVE_METRICS) {
      usageError(
        `The ${name} metric needs a reference: eval <ref.wav> <test.wav>. One file supports ${Object.keys(SINGLE_METRICS).join(', ')}.`,
        'eval',
      );
    }
  }
  return [...new Set(names)];
}

function jsonEvaluation(result: Evaluation) {
  return {
    ...(result.alignment ? { alignment: result.alignment } : {}),
    metrics: jsonValues(result.values),
  };
}

function describeAlignment(a: NonNullable<Evaluation['alignment']>): string {
  const parts = [`aligned (${a.mode}) over ${a.seconds.toFixed(2)} s`];
  if (a.resampledFrom !== undefined) parts.push(`test resampled from ${a.resampledFrom} Hz`);
  if (a.lag !== 0) parts.push(`test lag ${a.lag} samples`);
  if (a.droppedReference + a.droppedTest > 0)
    parts.push(`dropped ${a.droppedReference} reference / ${a.droppedTest} test samples`);
  return parts.join(', ');
}

async function runFolders(
  refs: string,
  tests: string,
  options: Parameters<typeof evaluate>[2],
  reporter: Reporter,
  table: Parameters<Command['run']>[1]['streams'] | undefined,
  signal: AbortSignal,
): Promise<number> {
  const matched = await matchFolders(refs, tests);
  if (matched.names.length === 0)
    usageError(`No .wav file name is present in both "${refs}" and "${tests}".`, 'eval');
  if (matched.onlyReferences.length > 0)
    reporter.info(`No test for: ${matched.onlyReferences.join(', ')}.`);
  if (matched.onlyTests.length > 0)
    reporter.info(`No reference for: ${matched.onlyTests.join(', ')}.`);
  const rows: Array<{
    file: string;
    values?: Record<string, number>;
    alignment?: Evaluation['alignment'];
    error?: string;
    code?: string;
  }> = [];
  for (const [i, file] of matched.names.entries()) {
    throwIfAborted(signal);
    reporter.progress(i / matched.names.length, 'evaluating');
    try {
      const reference: AudioBuffer = await readAudio(join(refs, file));
      const result = await evaluate(reference, await readAudio(join(tests, file)), options);
      rows.push({ file, values: result.values, alignment: result.alignment });
    } catch (error) {
      if (!isVocoderError(error) || error.code === 'E_ABORTED') throw error;
      rows.push({ file, error: error.message, code: error.code });
    }
  }
  reporter.progress(1, 'evaluating');
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.values ?? {})))];
  const { means, counts } = columnMeans(
    rows.filter((r) => r.values).map((r) => r.values!),
    columns,
  );
  const failed = rows.filter((r) => r.error !== undefined).length;
  reporter.summary({
    ok: failed === 0,
    references: refs,
    tests: tests,
    metrics: columns,
    rows: rows.map((r) =>
      r.values
        ? { file: r.file, alignment: r.alignment, metrics: jsonValues(r.values) }
        : { file: r.file, error: { code: r.code, message: r.error } },
    ),
    means: jsonValues(means),
    counts,
    unmatched: { references: matched.onlyReferences, tests: matched.onlyTests },
  });
  table?.stdout.write(`${formatTable(rows, columns, means)}\n`);
  if (failed > 0) reporter.info(`${failed} of ${rows.length} files failed (see their rows).`);
  return failed === 0 ? 0 : 1;
}
