/** Hand-made results for the rendering and baseline tests. */
import type { MachineInfo } from '../src/machine.js';
import type { BenchResults, Metric } from '../src/results.js';
import { summarize } from '@voirs/cli/bench-stats';

export const MACHINE: MachineInfo = {
  cpu: 'Test CPU',
  cores: 2,
  memoryGiB: 8,
  freeMemoryGiB: 4,
  os: 'linux test',
  node: 'v20.0.0',
  onnxruntimeNode: '1.30.0',
  onnxruntimeWeb: '1.30.0',
  torch: '1.13.0',
  commit: 'abc1234',
  uncommitted: ['packages/hifigan/src/graph.ts'],
  loadAverageStart: [1, 1, 1],
  loadAverageEnd: [1.5, 1, 1],
};

/** A metric whose samples are `samples` (the median is their median). */
export function metric(
  id: string,
  samples: readonly number[],
  extra: Partial<Metric> = {},
): Metric {
  return {
    id,
    suite: 'vocoder',
    label: id,
    unit: 'rtf',
    impl: 'voirs',
    stats: summarize(samples),
    ...extra,
  };
}

export function results(
  metrics: readonly Metric[],
  extra: Partial<BenchResults> = {},
): BenchResults {
  return {
    schema: 1,
    startedAt: '2026-11-25T12:00:00.000Z',
    finishedAt: '2026-11-25T12:10:00.000Z',
    machine: MACHINE,
    options: { seconds: 10 },
    inputs: { mel: 'test mel' },
    calibration: summarize([20, 21, 22]),
    metrics,
    skipped: [],
    tables: [],
    notes: [],
    ...extra,
  };
}
