/**
 * What a run is made of: cells (one measured configuration each, run in fresh processes) and the
 * stable metric ids they produce, which ratios, targets and the baseline refer to.
 */
import type { Implementation, SuiteName } from '../results.js';

/** Files the runner prepares before a cell that needs them. */
export type ResourceName = 'mel' | 'audio60' | 'v2' | 'v1' | 'naive-v2' | 'naive-v1' | 'torch';
/** Resolved resource paths (`torch` is the torch version). */
export type Resources = Readonly<Partial<Record<ResourceName, string>>>;

/** What a `voirs-vocoder bench` cell's JSON turns into. */
export type CliReading = 'rtf' | 'stream' | 'memory' | 'cold-start';

interface CellBase {
  /** Metric id prefix (the main metric's id). */
  readonly id: string;
  readonly suite: SuiteName;
  readonly label: string;
  readonly impl: Implementation;
  readonly requires: readonly ResourceName[];
  /** Ids of peer metrics, best first. */
  readonly peers?: readonly string[];
}

/** A run of `voirs-vocoder bench --json` (also for the naive ONNX peer, via `--session`). */
export interface CliCell extends CellBase {
  readonly kind: 'cli';
  readonly reading: CliReading;
  readonly args: (r: Resources) => string[];
  /** Separate processes to run (cold starts: one sample each). */
  readonly repeat: number;
  /** Environment variables for the CLI process, on top of this one's. */
  readonly env?: Readonly<Record<string, string>>;
}

/** PyTorch timing the reference generator (tools/reference/bench_torch.py generator). */
export interface TorchGeneratorCell extends CellBase {
  readonly kind: 'torch-generator';
  readonly arch: 'v1' | 'v2';
  readonly threads: number;
  /** Audio per run (the first frames of the bench mel). */
  readonly seconds: number;
}

/** The hifigan mel frontend on 60 s: voirs (worker) or torch (bench_torch.py mel). */
export interface MelCell extends CellBase {
  readonly kind: 'mel';
}

/** One of packages/dsp/bench/*.bench.ts, run under the capture worker. */
export interface DspCell extends CellBase {
  readonly kind: 'dsp';
  readonly file: string;
}

export type Cell = CliCell | TorchGeneratorCell | MelCell | DspCell;

/** Metric id of a voirs vocoder configuration. */
export const rtfId = (name: string, backend: string, threads: number, batch = 1) =>
  `rtf/${name}/${backend}/t${threads}/b${batch}`;
/** Metric id of the naive torch.onnx.export peer. */
export const naiveId = (name: string, backend: string, threads: number) =>
  `peer/onnx-naive/${name}/${backend}/t${threads}`;
/** Metric id of the PyTorch peer. */
export const torchId = (name: string, threads: number) => `peer/torch/${name}/t${threads}`;
/** Metric ids of the mel frontend comparison. */
export const MEL_VOIRS_ID = 'mel/hifigan-60s/voirs';
export const MEL_TORCH_ID = 'peer/torch/mel/hifigan-60s';
/** Metric id of the V2 cold start. */
export const coldStartId = (threads: number) => `cold-start/hifigan-v2/node/t${threads}`;
