/**
 * Where HiFi-GAN's time goes: runs the generator built by @voirs/hifigan in onnxruntime-node with
 * onnxruntime's profiler on, and prints the kernel time per operator type, per stage (with the
 * rate its convolutions run at) and the slowest nodes (with their rate for convolutions), plus
 * the wall time of unprofiled runs.
 *
 *   pnpm --filter @voirs/bench-app profile:hifigan [--model DIR|FILE] [--seconds 10] [--threads 1]
 *     [--windows N] [--batch N] [--runs 5] [--layout blocked|portable] [--precision fp32|int8]
 *     [--json OUT]
 *
 * `--model` is a checkpoint folder (checkpoint + config.json), a checkpoint file, a converted .onnx,
 * or `v1-random` (the bench's V1 with random weights, built now); default: the official V2
 * checkpoint in ../shared. `--windows N`: the graph runs N time windows side by side after
 * conv_pre (default: as many as threads, what the vocoder builds). `--batch N` runs N items of
 * seconds/N each plus their receptive-field context (the mel chunks of the vocoder's
 * `parallelChunks` option). `--layout`: the graph the vocoder runs on this machine (`blocked`,
 * arranged for onnxruntime's NCHWc blocks when the CPU has them; the default) or the portable
 * graph converted models store.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { nodeBackend } from '@voirs/backend-node';
import type { ModelSource } from '@voirs/core';
import {
  graphWindowsFrom,
  prepareHifiganModel,
  quantizeHifiganModel,
  receptiveField,
} from '@voirs/hifigan';
import { prepareRandomV1 } from './inputs.js';
import { HIFIGAN_V2_DIR } from './paths.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    threads: { type: 'string', default: '1' },
    batch: { type: 'string', default: '1' },
    windows: { type: 'string' },
    stages: { type: 'string' },
    'windows-from': { type: 'string' },
    runs: { type: 'string', default: '5' },
    json: { type: 'string' },
    top: { type: 'string', default: '15' },
    layout: { type: 'string', default: 'blocked' },
    precision: { type: 'string', default: 'fp32' },
  },
});

const threads = Number(values.threads);
const windows = Number(values.windows ?? threads);
const batch = Number(values.batch);
const seconds = Number(values.seconds);
const runs = Number(values.runs);
/** A checkpoint folder (checkpoint + config.json), a checkpoint file or a converted .onnx. */
function readModelSource(path: string): ModelSource {
  if (!statSync(path).isDirectory()) return { bytes: readFileSync(path), name: path };
  const names = readdirSync(path);
  const checkpoint = names.find((n) => !n.endsWith('.json') && !n.endsWith('.md'));
  if (checkpoint === undefined) throw new Error(`no checkpoint in ${path}`);
  const config = names.includes('config.json')
    ? (JSON.parse(readFileSync(join(path, 'config.json'), 'utf8')) as Record<string, unknown>)
    : undefined;
  return { bytes: readFileSync(join(path, checkpoint)), name: checkpoint, config };
}

const modelPath = values.model === 'v1-random' ? prepareRandomV1().path : values.model;
const prepared = prepareHifiganModel(readModelSource(modelPath ?? HIFIGAN_V2_DIR));
// int8: quantised (and calibrated) as the plugin does at load
const model =
  values.precision === 'int8'
    ? await quantizeHifiganModel(prepared, (onnx) => nodeBackend.createSession(onnx))
    : prepared;
const channelBlock =
  values.layout === 'blocked' && model.precision === 'fp32'
    ? nodeBackend.convolutionLayout?.()?.blockChannels
    : undefined;
const onnx =
  model.build === undefined || (channelBlock === undefined && windows === 1)
    ? model.onnx
    : model.build({
        channelBlock,
        parallelWindows: windows,
        stages: values.stages === undefined ? undefined : Number(values.stages),
        windowsFrom:
          values['windows-from'] === undefined
            ? graphWindowsFrom(model.config)
            : Number(values['windows-from']),
      });
const hop = model.hop;
const field = receptiveField(model.config);
const totalFrames = Math.round((seconds * model.convention.sampleRate) / hop);
const frames =
  batch === 1 ? totalFrames : Math.ceil(totalFrames / batch) + field.leftFrames + field.rightFrames;
const nMels = model.config.nMels;
const mel = new Float32Array(batch * nMels * frames);
let seed = 1;
for (let i = 0; i < mel.length; i++) {
  seed = (seed * 1103515245 + 12345) >>> 0;
  mel[i] = -6 + 5 * (seed / 2 ** 32); // log-mel range of speech
}
const feeds = { mel: new ort.Tensor('float32', mel, [batch, nMels, frames]) };

const base: ort.InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  intraOpNumThreads: threads,
  graphOptimizationLevel: 'all',
};

// wall time, profiler off
const session = await ort.InferenceSession.create(onnx, base);
await session.run(feeds);
const wall: number[] = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  await session.run(feeds);
  wall.push(performance.now() - t);
}
await session.release();
wall.sort((a, b) => a - b);
const median = wall[Math.floor(wall.length / 2)]!;
const audioSeconds = (totalFrames * hop) / model.convention.sampleRate; // what the run is worth

// profile
const dir = mkdtempSync(join(tmpdir(), 'voirs-profile-'));
const profiled = await ort.InferenceSession.create(onnx, {
  ...base,
  enableProfiling: true,
  profileFilePrefix: join(dir, 'hifigan'),
});
await profiled.run(feeds);
const profileRuns = 3;
for (let i = 0; i < profileRuns; i++) await profiled.run(feeds);
profiled.endProfiling();
await profiled.release();
const file = readdirSync(dir).find((f) => f.endsWith('.json'));
if (file === undefined) throw new Error('onnxruntime wrote no profile');
interface Event {
  cat: string;
  name: string;
  dur: number;
  args?: {
    op_name?: string;
    input_type_shape?: Record<string, number[]>[];
    output_type_shape?: Record<string, number[]>[];
  };
}
const events = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Event[];

/**
 * Operations (2 x multiply-adds) an fp32 convolution node performs, from its profiled shapes:
 * output [N, C_out, ...spatial] times the weight's [C_out, C_in / group, ...kernel] inputs per
 * output value. Counts what the kernel executes, so zero blocks (a time-folded stage's
 * block-diagonal weights, channels padded to a block) count too. 0 for other operators, int8
 * convolutions included: onnxruntime prepacks their weights, which the profile then leaves out.
 */
function convolutionOps(op: string, inputs: number[][], outputs: number[][]): number {
  const weight = op === 'Conv' ? inputs[1] : undefined;
  const output = outputs[0];
  if (weight === undefined || weight.length < 3 || output?.length !== weight.length) return 0;
  const product = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
  return 2 * product(output) * product(weight.slice(1));
}
rmSync(dir, { recursive: true, force: true });

const kernels = events.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time'));
// the first run is the warm-up: keep the last `profileRuns`
const perRun = kernels.length / (profileRuns + 1);
const measured = kernels.slice(kernels.length - perRun * profileRuns);
const byType = new Map<string, number>();
const byStage = new Map<string, number>();
const byStageType = new Map<string, number>();
const byNode = new Map<string, { op: string; us: number; shapes: string; ops: number }>();
/** Multiply-adds x 2 per stage and the kernel time of the convolutions that do them. */
const convByStage = new Map<string, { ops: number; us: number }>();
for (const e of measured) {
  const op = e.args?.op_name ?? '?';
  const node = e.name.replace(/_kernel_time$/, '');
  byType.set(op, (byType.get(op) ?? 0) + e.dur / profileRuns);
  const stage = /ups\.(\d+)|resblocks\.(\d+)/.exec(node);
  const key =
    stage === null
      ? 'other'
      : stage[1] !== undefined
        ? `stage ${stage[1]}`
        : `stage ${Math.floor(Number(stage[2]) / model.config.resblockKernelSizes.length)}`;
  byStage.set(key, (byStage.get(key) ?? 0) + e.dur / profileRuns);
  const cell = `${key}\t${op}`;
  byStageType.set(cell, (byStageType.get(cell) ?? 0) + e.dur / profileRuns);
  const prev = byNode.get(node);
  const inputs = (e.args?.input_type_shape ?? []).map((t) => Object.values(t)[0] ?? []);
  const outputs = (e.args?.output_type_shape ?? []).map((t) => Object.values(t)[0] ?? []);
  const shapes = [...inputs, ...outputs].map((dims) => JSON.stringify(dims)).join(' ');
  const ops = convolutionOps(op, inputs, outputs);
  if (ops > 0) {
    const c = convByStage.get(key) ?? { ops: 0, us: 0 };
    convByStage.set(key, { ops: c.ops + ops / profileRuns, us: c.us + e.dur / profileRuns });
  }
  byNode.set(node, { op, us: (prev?.us ?? 0) + e.dur / profileRuns, shapes, ops });
}
const total = [...byType.values()].reduce((a, b) => a + b, 0);
const ms = (us: number) => (us / 1000).toFixed(1);
const pct = (us: number) => ((100 * us) / total).toFixed(1);
/** Rate of convolution work, in 10^9 operations per second of kernel time. */
const gflops = ({ ops, us }: { ops: number; us: number }) => (us > 0 ? ops / us / 1e3 : 0);

const report = {
  arch: model.arch,
  precision: model.precision,
  threads,
  batch,
  layout: channelBlock === undefined ? 'portable' : `blocked (${channelBlock} channels)`,
  windows: model.build === undefined ? 1 : windows,
  frames_per_item: frames,
  audio_seconds: audioSeconds,
  wall_ms_median: median,
  rtf: median / 1000 / audioSeconds,
  kernel_ms: total / 1000,
  by_type: Object.fromEntries(
    [...byType].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / 1000]),
  ),
  by_stage: Object.fromEntries([...byStage].sort().map(([k, v]) => [k, v / 1000])),
  conv_gflops_by_stage: Object.fromEntries(
    [...convByStage].sort().map(([k, c]) => [k, { gflop: c.ops / 1e9, gflops: gflops(c) }]),
  ),
};
console.log(
  `${model.arch} ${model.precision}, ${report.layout} graph, ${report.windows} window(s), ${threads} thread(s), batch ${batch} x ${frames} frames ` +
    `(${audioSeconds.toFixed(2)} s of audio): ` +
    `wall ${median.toFixed(1)} ms (RTF ${report.rtf.toFixed(4)}), kernel time ${ms(total)} ms`,
);
console.log('\nby operator type:');
for (const [op, us] of [...byType].sort((a, b) => b[1] - a[1]))
  console.log(`  ${op.padEnd(28)} ${ms(us).padStart(8)} ms  ${pct(us).padStart(5)} %`);
console.log('\nby stage (convolutions: operations executed and their rate per thread-second):');
for (const [stage, us] of [...byStage].sort()) {
  const conv = convByStage.get(stage);
  const rate =
    conv === undefined
      ? ''
      : `   conv ${(conv.ops / 1e9).toFixed(2).padStart(6)} GFLOP at ${gflops(conv).toFixed(0).padStart(4)} GFLOPS`;
  console.log(`  ${stage.padEnd(28)} ${ms(us).padStart(8)} ms  ${pct(us).padStart(5)} %${rate}`);
}
console.log('\nby stage and operator type:');
for (const [cell, us] of [...byStageType].sort()) {
  const [stage, op] = cell.split('\t');
  console.log(
    `  ${stage!.padEnd(10)} ${op!.padEnd(17)} ${ms(us).padStart(8)} ms  ${pct(us).padStart(5)} %`,
  );
}
console.log(`\nslowest ${values.top} nodes:`);
for (const [node, { op, us, shapes, ops }] of [...byNode]
  .sort((a, b) => b[1].us - a[1].us)
  .slice(0, Number(values.top))) {
  const rate = ops > 0 ? `${gflops({ ops, us }).toFixed(0).padStart(4)} GFLOPS  ` : '';
  console.log(
    `  ${node.slice(0, 44).padEnd(44)} ${op.padEnd(14)} ${ms(us).padStart(7)} ms  ${rate}${shapes}`,
  );
}
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
