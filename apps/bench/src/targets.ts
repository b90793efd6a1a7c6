/**
 * The speed targets of the project (issue 10), checked against a run's metrics. Targets are
 * measured by the bench and reported, never asserted by unit tests.
 */
import { coldStartId, MEL_TORCH_ID, MEL_VOIRS_ID, rtfId } from './cells/cell.js';
import { findMetric, type BenchResults } from './results.js';

/** A target on one metric's median (`value`) or on a speed-up over a peer (`speedup`). */
export interface Target {
  readonly id: string;
  readonly label: string;
  readonly kind: 'value' | 'speedup';
  /** The metric (for `speedup`: the faster side). */
  readonly metric: string;
  /** For `speedup`: the peer whose median is divided by the metric's. */
  readonly peer?: string;
  /** `max`: the value must be at most `threshold`; `min`: at least. */
  readonly bound: 'max' | 'min';
  readonly threshold: number;
  readonly unit: string;
}

/** The targets on the 2-core reference machine (fp32 unless said). */
export const TARGETS: readonly Target[] = [
  {
    id: 'v2-node',
    label: 'HiFi-GAN V2 (official weights), backend-node, 2 threads',
    kind: 'value',
    metric: rtfId('hifigan-v2', 'node', 2),
    bound: 'max',
    threshold: 0.015,
    unit: 'RTF',
  },
  {
    id: 'v1-node',
    label: 'HiFi-GAN V1 (random weights, V1 shape), backend-node, 2 threads, fp32',
    kind: 'value',
    metric: rtfId('hifigan-v1', 'node', 2),
    bound: 'max',
    threshold: 0.18,
    unit: 'RTF',
  },
  {
    id: 'v1-int8-node',
    label: 'HiFi-GAN V1 int8 (quantised in TypeScript at load), backend-node, 2 threads',
    kind: 'value',
    metric: rtfId('hifigan-v1-int8', 'node', 2),
    bound: 'max',
    threshold: 0.1,
    unit: 'RTF',
  },
  {
    id: 'v2-web',
    label: 'HiFi-GAN V2, backend-web (wasm), 2 threads',
    kind: 'value',
    metric: rtfId('hifigan-v2', 'web', 2),
    bound: 'max',
    threshold: 0.08,
    unit: 'RTF',
  },
  {
    id: 'mel-frontend',
    label: 'HiFi-GAN mel frontend on 60 s of audio vs torch.stft + matmul',
    kind: 'speedup',
    metric: MEL_VOIRS_ID,
    peer: MEL_TORCH_ID,
    bound: 'min',
    threshold: 2,
    unit: '× faster',
  },
  {
    id: 'v2-cold-start',
    label: 'HiFi-GAN V2 model load + first inference',
    kind: 'value',
    metric: coldStartId(2),
    bound: 'max',
    threshold: 300,
    unit: 'ms',
  },
];

/** A target with what was measured. */
export interface TargetResult {
  readonly target: Target;
  /** `undefined` when the metric (or its peer) was not measured. */
  readonly measured: number | undefined;
  readonly status: 'pass' | 'fail' | 'not measured';
}

/** Evaluates every target on the medians of a run. */
export function evaluateTargets(
  results: Pick<BenchResults, 'metrics'>,
  targets: readonly Target[] = TARGETS,
): TargetResult[] {
  return targets.map((target) => {
    const metric = findMetric(results, target.metric);
    const peer = target.peer === undefined ? undefined : findMetric(results, target.peer);
    const measured =
      metric === undefined
        ? undefined
        : target.kind === 'value'
          ? metric.stats.median
          : peer === undefined
            ? undefined
            : peer.stats.median / metric.stats.median;
    if (measured === undefined) return { target, measured, status: 'not measured' as const };
    const pass =
      target.bound === 'max' ? measured <= target.threshold : measured >= target.threshold;
    return { target, measured, status: pass ? ('pass' as const) : ('fail' as const) };
  });
}
