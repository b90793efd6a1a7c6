/**
 * Runs a benchmark: machine facts and calibration, then every cell of the plan in order (each in
 * fresh processes), collecting metrics; a cell that cannot run (missing input, no torch, a crash)
 * is recorded as skipped with its reason and the run goes on.
 */
import { isVocoderError, throwIfAborted } from '@voirs/core';
import { timeCalibration } from './calibration.js';
import { runCliCell } from './cells/cli-cell.js';
import { runTorchGenerator, runTorchMel } from './cells/torch-cell.js';
import { dspBenchFiles, runDspCell, runVoirsMel } from './cells/worker-cell.js';
import { machineInfo, withEndLoad } from './machine.js';
import type { BenchOptions } from './options.js';
import type { Cell, Resources } from './cells/cell.js';
import { buildPlan } from './plan.js';
import { ResourceProvider } from './resources.js';
import {
  RESULTS_SCHEMA,
  type BenchResults,
  type ExtraTable,
  type Note,
  type Metric,
  type Skipped,
} from './results.js';
import { summarize } from '@voirs/cli/bench-stats';

/** Hooks of {@link runBench}. */
export interface RunHooks {
  /** Progress lines for people. */
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** The dsp scripts to run (default: packages/dsp/bench/*.bench.ts). */
  readonly dspFiles?: readonly string[];
}

interface CellOutput {
  readonly metrics: Metric[];
  readonly tables?: ExtraTable[];
  readonly notes?: Note[];
  readonly failed?: string[];
}

async function runCell(
  cell: Cell,
  r: Resources,
  options: BenchOptions,
  signal?: AbortSignal,
): Promise<CellOutput> {
  switch (cell.kind) {
    case 'cli':
      return { metrics: await runCliCell(cell, r, signal) };
    case 'torch-generator':
      return { metrics: await runTorchGenerator(cell, r, options, signal) };
    case 'mel':
      return {
        metrics:
          cell.impl === 'torch'
            ? await runTorchMel(cell, r, options, signal)
            : await runVoirsMel(cell, r, options, signal),
      };
    case 'dsp':
      return runDspCell(cell, signal);
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs the suites the options select and returns everything measured. */
export async function runBench(options: BenchOptions, hooks: RunHooks = {}): Promise<BenchResults> {
  const log = hooks.log ?? (() => undefined);
  const startedAt = new Date().toISOString();
  const machine = machineInfo(options.peers);
  log(
    `${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAverageStart.join(' ')}; torch ${machine.torch ?? 'absent'}`,
  );
  const calibration = await timeCalibration();
  const plan = buildPlan(options, hooks.dspFiles ?? dspBenchFiles());
  const resources = new ResourceProvider(
    options.seconds,
    options.peers ? machine.torch : null,
    hooks.signal,
  );
  const metrics: Metric[] = [];
  const skipped: Skipped[] = [];
  const tables: ExtraTable[] = [];
  const notes: Note[] = [];
  for (const [index, cell] of plan.entries()) {
    throwIfAborted(hooks.signal);
    log(`[${index + 1}/${plan.length}] ${cell.label}`);
    let r: Resources;
    try {
      r = await resources.require(cell.requires);
    } catch (error) {
      skipped.push({ what: cell.label, why: reason(error) });
      log(`  skipped: ${reason(error)}`);
      continue;
    }
    try {
      const output = await runCell(cell, r, options, hooks.signal);
      metrics.push(...output.metrics);
      tables.push(...(output.tables ?? []));
      notes.push(...(output.notes ?? []));
      skipped.push(...(output.failed ?? []).map((why) => ({ what: cell.label, why })));
      for (const m of output.metrics)
        log(`  ${m.id}: ${m.stats.median.toPrecision(4)} ${m.unit} (median of ${m.stats.n})`);
    } catch (error) {
      if (isVocoderError(error, 'E_ABORTED')) throw error;
      skipped.push({ what: cell.label, why: `failed: ${reason(error)}` });
      log(`  failed: ${reason(error)}`);
    }
  }
  calibration.push(...(await timeCalibration()));
  return {
    schema: RESULTS_SCHEMA,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: withEndLoad(machine),
    options: {
      suites: options.suites,
      seconds: options.seconds,
      iterations: options.iterations,
      timeMs: options.timeMs,
      warmup: options.warmup,
      threads: options.threads,
      batches: options.batches,
      chunks: options.chunks,
      longStreamSeconds: options.longStreamSeconds,
      coldStarts: options.coldStarts,
      full: options.full,
      peers: options.peers,
      filter: options.filter ?? null,
    },
    inputs: resources.sources,
    calibration: summarize(calibration),
    metrics,
    skipped,
    tables,
    notes,
  };
}
