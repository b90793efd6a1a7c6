/**
 * The regression check (`pnpm bench:check`): a fresh run against the committed baseline
 * (apps/bench/baseline.json), metric by metric, by ratio.
 *
 * The machine is shared and noisy, so raw times are not compared directly. Each voirs metric is
 * first normalised by something measured in the same run under the same load:
 * - `peer`: its in-run peer (the naive torch.onnx.export of the same model on the same backend and
 *   threads, else PyTorch), when baseline and fresh run both have that peer;
 * - `calibration`: else the run's calibration workload (a fixed single-threaded JS loop);
 * - `raw`: memory (MiB), which load does not inflate.
 * Each side uses its best run (`min`), the statistic background load inflates least. A metric
 * regresses when its normalised value grew by more than the threshold (15 % by default).
 */
import { ConfigError } from '@voirs/core';
import { firstPeer, type BenchResults, type Metric, type MetricUnit } from './results.js';

/** Version of the baseline.json layout. */
export const BASELINE_SCHEMA = 1;

/** One metric of the baseline. */
export interface BaselineEntry {
  readonly label: string;
  readonly unit: MetricUnit;
  /** Best run. */
  readonly value: number;
  /** The in-run peer's best run, when it had one. */
  readonly peer?: { readonly id: string; readonly value: number };
}

/** The committed baseline. */
export interface Baseline {
  readonly schema: typeof BASELINE_SCHEMA;
  readonly createdAt: string;
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly commit: string;
    readonly loadAverageStart: readonly number[];
  };
  /** The calibration workload's best run, ms. */
  readonly calibration: number;
  readonly metrics: Readonly<Record<string, BaselineEntry>>;
}

/** How a metric was normalised before comparing. */
export type Basis = 'peer' | 'calibration' | 'raw';

/** The comparison of one metric. */
export interface Comparison {
  readonly id: string;
  readonly label: string;
  readonly basis: Basis;
  /** Normalised values. */
  readonly baseline: number;
  readonly fresh: number;
  /** `fresh / baseline - 1` (positive: slower or bigger). */
  readonly change: number;
  readonly regression: boolean;
}

/** The outcome of a check. */
export interface CheckReport {
  readonly threshold: number;
  readonly comparisons: readonly Comparison[];
  readonly regressions: readonly Comparison[];
  /** Baseline metrics the fresh run did not measure. */
  readonly missing: readonly string[];
  /** Fresh metrics the baseline does not know (add them with --update-baseline). */
  readonly added: readonly string[];
}

const ownMetrics = (results: Pick<BenchResults, 'metrics'>): Metric[] =>
  results.metrics.filter((m) => m.impl === 'voirs');

/** Builds a baseline from a run. */
export function makeBaseline(results: BenchResults): Baseline {
  const metrics: Record<string, BaselineEntry> = {};
  for (const m of ownMetrics(results)) {
    const peer = firstPeer(results, m);
    metrics[m.id] = {
      label: m.label,
      unit: m.unit,
      value: m.stats.min,
      ...(peer ? { peer: { id: peer.id, value: peer.stats.min } } : {}),
    };
  }
  const { cpu, cores, commit, loadAverageStart } = results.machine;
  return {
    schema: BASELINE_SCHEMA,
    createdAt: results.startedAt,
    machine: { cpu, cores, commit, loadAverageStart },
    calibration: results.calibration.min,
    metrics,
  };
}

/**
 * Checks that `value` is a baseline this code can read.
 * @throws ConfigError `E_CONFIG_INVALID` naming what is wrong.
 */
export function parseBaseline(value: unknown, source: string): Baseline {
  const b = value as Partial<Baseline> | null;
  const bad = (what: string): never => {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `${source} is not a benchmark baseline: ${what}. Recreate it with pnpm bench --update-baseline.`,
    );
  };
  if (b === null || typeof b !== 'object') bad('not a JSON object');
  if (b!.schema !== BASELINE_SCHEMA)
    bad(`schema ${String(b!.schema)}, expected ${BASELINE_SCHEMA}`);
  if (typeof b!.calibration !== 'number' || !(b!.calibration > 0)) bad('no calibration time');
  if (b!.metrics === null || typeof b!.metrics !== 'object') bad('no metrics');
  for (const [id, e] of Object.entries(b!.metrics!)) {
    if (typeof e?.value !== 'number' || !(e.value > 0)) bad(`metric ${id} has no positive value`);
  }
  return b as Baseline;
}

/** Compares a run with a baseline; `threshold` in percent. */
export function compareToBaseline(
  results: BenchResults,
  baseline: Baseline,
  threshold: number,
): CheckReport {
  const comparisons: Comparison[] = [];
  const seen = new Set<string>();
  const added: string[] = [];
  for (const m of ownMetrics(results)) {
    const base = baseline.metrics[m.id];
    if (base === undefined) {
      added.push(m.id);
      continue;
    }
    seen.add(m.id);
    const peer = firstPeer(results, m);
    let basis: Basis;
    let before: number;
    let after: number;
    if (m.unit === 'MiB') {
      [basis, before, after] = ['raw', base.value, m.stats.min];
    } else if (peer !== undefined && base.peer?.id === peer.id) {
      [basis, before, after] = ['peer', base.value / base.peer.value, m.stats.min / peer.stats.min];
    } else {
      [basis, before, after] = [
        'calibration',
        base.value / baseline.calibration,
        m.stats.min / results.calibration.min,
      ];
    }
    const change = after / before - 1;
    comparisons.push({
      id: m.id,
      label: m.label,
      basis,
      baseline: before,
      fresh: after,
      change,
      regression: change > threshold / 100,
    });
  }
  const missing = Object.keys(baseline.metrics).filter((id) => !seen.has(id));
  return {
    threshold,
    comparisons,
    regressions: comparisons.filter((c) => c.regression),
    missing,
    added,
  };
}
