/**
 * Summary statistics of timing samples, for `voirs-vocoder bench` and the benchmark app (which
 * imports them from `@voirs/cli`): every source (the CLI's runs, tinybench tasks, PyTorch's
 * timings) hands over raw samples and they are all summarised here, so peers are compared on the
 * same statistic. Definitions follow tinybench (and `voirs-vocoder bench`): quantiles interpolate
 * linearly between order statistics, `sd` is the sample standard deviation, `rme` the 95 % margin of
 * error of the mean (Student t) in percent of the mean.
 */
import { InputError } from '@voirs/core';

/** A summary, in the unit of the samples. */
export interface SampleStats {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly p75: number;
  readonly p99: number;
  readonly sd: number;
  /** 95 % relative margin of error of the mean, percent (0 for one sample). */
  readonly rme: number;
}

/** Two-sided 95 % Student t critical values for 1..30 degrees of freedom (normal beyond). */
const T_95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** The linearly interpolated `q` quantile (0..1) of ascending `sorted` values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (position - low) * (sorted[high]! - sorted[low]!);
}

/**
 * Summarises samples.
 * @throws InputError `E_INVALID_ARGUMENT` for an empty sample or a non-finite value.
 */
export function summarize(samples: readonly number[]): SampleStats {
  if (!Array.isArray(samples)) throw new TypeError('samples must be an array of numbers');
  if (samples.length === 0)
    throw new InputError('E_INVALID_ARGUMENT', 'Cannot summarise an empty sample.');
  if (samples.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new InputError('E_INVALID_ARGUMENT', 'Timing samples must be finite numbers.');
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, x) => s + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const critical = T_95[n - 2] ?? 1.96; // n - 1 degrees of freedom
  const rme = n > 1 && mean !== 0 ? ((critical * sd) / Math.sqrt(n) / Math.abs(mean)) * 100 : 0;
  return {
    n,
    median: quantileSorted(sorted, 0.5),
    min: sorted[0]!,
    max: sorted[n - 1]!,
    mean,
    p75: quantileSorted(sorted, 0.75),
    p99: quantileSorted(sorted, 0.99),
    sd,
    rme,
  };
}

/** Every statistic times `factor` (a unit change, e.g. ms to RTF); `n` and `rme` are kept. */
export function scaleStats(stats: SampleStats, factor: number): SampleStats {
  if (!(factor > 0) || !Number.isFinite(factor)) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Cannot scale statistics by ${factor}: expected a positive factor.`,
    );
  }
  return {
    ...stats,
    median: stats.median * factor,
    min: stats.min * factor,
    max: stats.max * factor,
    mean: stats.mean * factor,
    p75: stats.p75 * factor,
    p99: stats.p99 * factor,
    sd: stats.sd * factor,
  };
}
