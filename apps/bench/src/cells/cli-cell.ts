/**
 * Runs a `voirs-vocoder bench --json` cell in a fresh process and turns its JSON into metrics.
 */
import { InputError } from '@voirs/core';
import { runJsonChild } from '../child.js';
import { CLI_BIN, REPO_ROOT } from '../paths.js';
import type { CliCell, Resources } from './cell.js';
import type { Metric } from '../results.js';
import { summarize, type SampleStats as Stats } from '@voirs/cli/bench-stats';

const STAT_KEYS = ['n', 'median', 'min', 'max', 'mean', 'p75', 'p99', 'sd', 'rme'] as const;

/** Reads a statistics object printed by the CLI, checking every field. */
export function readStats(value: unknown, what: string): Stats {
  const record = value as Record<string, unknown> | null;
  if (
    record === null ||
    typeof record !== 'object' ||
    STAT_KEYS.some((k) => typeof record[k] !== 'number')
  ) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `The CLI's ${what} statistics are missing or malformed.`,
    );
  }
  return Object.fromEntries(STAT_KEYS.map((k) => [k, record[k]])) as unknown as Stats;
}

/** The RTF statistics of a CLI summary (`rtf` is the median, `rtf_min` the best run…). */
function rtfStats(json: Record<string, unknown>): Stats {
  return readStats(
    {
      n: json.iterations,
      median: json.rtf,
      min: json.rtf_min,
      max: json.rtf_max,
      mean: json.rtf_mean,
      p75: json.rtf_p75,
      p99: json.rtf_p99,
      sd: json.rtf_sd,
      rme: json.rtf_rme,
    },
    'RTF',
  );
}

/** Facts of a CLI summary worth keeping beside its metrics. */
function details(json: Record<string, unknown>): Record<string, unknown> {
  const keep = [
    'arch',
    'backend',
    'threads',
    'effective_threads',
    'native',
    'mode',
    'batch',
    'chunk_frames',
    'frames',
    'audio_seconds',
    'load_ms',
    'first_inference_ms',
    'memory',
  ];
  return Object.fromEntries(
    keep.filter((k) => json[k] !== undefined && json[k] !== null).map((k) => [k, json[k]]),
  );
}

/** Converts the CLI summaries of a cell (one per process) into its metrics. */
export function cliMetrics(cell: CliCell, runs: readonly Record<string, unknown>[]): Metric[] {
  const first = runs[0];
  if (first === undefined)
    throw new InputError('E_INVALID_ARGUMENT', `Cell ${cell.id} produced no result.`);
  const base = { suite: cell.suite, impl: cell.impl, peers: cell.peers, details: details(first) };
  switch (cell.reading) {
    case 'rtf':
      return [{ ...base, id: cell.id, label: cell.label, unit: 'rtf', stats: rtfStats(first) }];
    case 'stream': {
      const stream = first.stream as Record<string, unknown> | null;
      if (stream === null || typeof stream !== 'object') {
        throw new InputError(
          'E_INVALID_ARGUMENT',
          `Cell ${cell.id}: the CLI reported no streaming timings.`,
        );
      }
      const streamDetails = {
        ...base.details,
        lookahead_frames: stream.lookahead_frames,
        lookahead_ms: stream.lookahead_ms,
        chunk_audio_ms: stream.chunk_audio_ms,
      };
      const metrics: Metric[] = [
        {
          ...base,
          details: streamDetails,
          id: `${cell.id}/first-audio`,
          label: `${cell.label}: first audio`,
          unit: 'ms',
          stats: readStats(stream.first_audio_ms, 'first-audio'),
        },
        {
          ...base,
          details: streamDetails,
          id: `${cell.id}/rtf`,
          label: `${cell.label}: RTF`,
          unit: 'rtf',
          stats: rtfStats(first),
        },
      ];
      if (stream.chunk_ms !== null) {
        metrics.splice(1, 0, {
          ...base,
          details: streamDetails,
          id: `${cell.id}/chunk`,
          label: `${cell.label}: per-chunk latency`,
          unit: 'ms',
          stats: readStats(stream.chunk_ms, 'per-chunk'),
        });
      }
      return metrics;
    }
    case 'memory': {
      const memory = first.memory as Record<string, unknown> | undefined;
      if (typeof memory?.peak_rss_mib !== 'number') {
        throw new InputError(
          'E_INVALID_ARGUMENT',
          `Cell ${cell.id}: the CLI reported no peak memory.`,
        );
      }
      return [
        {
          ...base,
          id: cell.id,
          label: cell.label,
          unit: 'MiB',
          stats: summarize([memory.peak_rss_mib]),
        },
      ];
    }
    case 'cold-start': {
      const samples = runs.map((r) => Number(r.load_ms) + Number(r.first_inference_ms));
      const coldDetails = {
        ...base.details,
        load_ms: runs.map((r) => r.load_ms),
        first_inference_ms: runs.map((r) => r.first_inference_ms),
      };
      return [
        {
          ...base,
          details: coldDetails,
          id: cell.id,
          label: cell.label,
          unit: 'ms',
          stats: summarize(samples),
        },
      ];
    }
  }
}

/** Runs the cell (`repeat` fresh processes) and returns its metrics. */
export async function runCliCell(
  cell: CliCell,
  resources: Resources,
  signal?: AbortSignal,
): Promise<Metric[]> {
  const runs: Record<string, unknown>[] = [];
  for (let i = 0; i < cell.repeat; i++) {
    runs.push(
      await runJsonChild(process.execPath, [CLI_BIN, 'bench', '--json', ...cell.args(resources)], {
        cwd: REPO_ROOT,
        signal,
        env: cell.env === undefined ? undefined : { ...process.env, ...cell.env },
      }),
    );
  }
  return cliMetrics(cell, runs);
}
