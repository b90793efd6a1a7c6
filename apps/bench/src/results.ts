/**
 * The shape of a benchmark run's results (results.json). Every measured quantity is a
 * {@link Metric} with a stable id; peers are metrics too, and ratios, targets and the baseline
 * comparison are computed from metrics by id.
 */
import type { MachineInfo } from './machine.js';
import type { SampleStats as Stats } from '@voirs/cli/bench-stats';

/** Version of the results.json layout. */
export const RESULTS_SCHEMA = 1;

/** The suites of a run. */
export const SUITES = ['dsp', 'mel', 'vocoder', 'streaming'] as const;
export type SuiteName = (typeof SUITES)[number];

/** Who produced a measurement: voirs-vocoder itself or a peer. */
export type Implementation = 'voirs' | 'onnx-naive' | 'torch';

/** Units of metrics (every one of them: lower is better). */
export type MetricUnit = 'rtf' | 'ms' | 'MiB';

/** One measured quantity. */
export interface Metric {
  /** Stable id, e.g. `rtf/hifigan-v2/node/t2/b1`; the baseline is keyed by it. */
  readonly id: string;
  readonly suite: SuiteName;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly impl: Implementation;
  /** Summary of the samples (in `unit`). The headline value is the median. */
  readonly stats: Stats;
  /**
   * Ids of in-run peers doing the same work (same model, backend, threads), best first. Ratios
   * and the regression check normalise by the first one present.
   */
  readonly peers?: readonly string[];
  /** Free-form facts about the measurement (model, frames, threads in use, load time…). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A measurement (or peer) that did not happen, and why. */
export interface Skipped {
  readonly what: string;
  readonly why: string;
}

/** A table some micro-benchmark printed besides its timings (e.g. quality figures). */
export interface ExtraTable {
  readonly title: string;
  readonly rows: readonly Record<string, string | number>[];
}

/** Lines a micro-benchmark script printed (e.g. the PyTorch timings mel.bench.ts adds). */
export interface Note {
  readonly source: string;
  readonly lines: readonly string[];
}

/** Everything a run produced. */
export interface BenchResults {
  readonly schema: typeof RESULTS_SCHEMA;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineInfo;
  /** The options the run used (seconds, iterations, suites…). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Where the mel and audio inputs came from. */
  readonly inputs: Readonly<Record<string, string>>;
  /**
   * A fixed single-threaded JavaScript workload timed at the start and the end (ms): a yardstick
   * of the machine's speed and load during the run, used when a metric has no in-run peer.
   */
  readonly calibration: Stats;
  readonly metrics: readonly Metric[];
  readonly skipped: readonly Skipped[];
  readonly tables: readonly ExtraTable[];
  readonly notes: readonly Note[];
}

/** The metric of that id, if measured. */
export function findMetric(results: Pick<BenchResults, 'metrics'>, id: string): Metric | undefined {
  return results.metrics.find((m) => m.id === id);
}

/** A metric's first in-run peer that was measured. */
export function firstPeer(
  results: Pick<BenchResults, 'metrics'>,
  metric: Metric,
): Metric | undefined {
  for (const id of metric.peers ?? []) {
    const peer = findMetric(results, id);
    if (peer !== undefined) return peer;
  }
  return undefined;
}
