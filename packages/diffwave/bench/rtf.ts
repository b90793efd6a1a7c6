/**
 * Real-time factor of DiffWave on backend-node, with PyTorch measured in the same run.
 *
 *   pnpm exec tsx --conditions=@voirs/source packages/diffwave/bench/rtf.ts [--seconds 10] [--rounds 3]
 *       [--threads 2] [--loops [--steps 6,50]] [--no-torch]
 *
 * Model: the base network (30 layers x 64 channels) with hash weights (speed does not depend on
 * the weights). Input: a mel of `seconds` of audio (861 frames for 10 s).
 *
 * Default (per step): `rounds` interleaved rounds of one network evaluation in onnxruntime-node and
 * one in PyTorch (tools/reference/diffwave_reference.py --bench --per-step, after a warm-up each),
 * so both see the same machine load; the RTF of a sampler is then steps x median evaluation /
 * duration plus the TypeScript sampler's own cost (measured here with a zero denoiser). With
 * `--loops`: whole vocode() calls with the fast (6 steps) and/or full (50 steps) schedules instead,
 * and PyTorch's whole sampling loops.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DIFFWAVE_PRESET, createTensor, type MelSpectrogram } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import { writeSafetensors } from '@voirs/checkpoint';
import {
  AUDIO_INPUT,
  DIFFWAVE_BASE,
  MEL_INPUT,
  OFFICIAL_TRAINING_BETAS,
  STEP_INPUT,
  diffwavePlugin,
  prepareDiffwaveModel,
  sampleDdpm,
  scheduleLevels,
  seededNoise,
} from '../src/index.js';
import { hashStateDict } from '../test/hash-weights.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    threads: { type: 'string', default: '2' },
    loops: { type: 'boolean', default: false },
    steps: { type: 'string', default: '6,50' },
    'no-torch': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const threads = Number(values.threads);
const frames = Math.round((seconds * 22050) / 256);
const samples = frames * 256;
const duration = samples / 22050;
const REFERENCE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'tools',
  'reference',
  'diffwave_reference.py',
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function torch(args: string[]): { results: Record<string, { median: number; seconds: number[] }> } {
  const run = spawnSync(
    '/usr/bin/python3',
    [REFERENCE, '--bench', '--seconds', String(seconds), '--threads', String(threads), ...args],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  if (run.status !== 0) throw new Error(`PyTorch bench failed: ${run.stderr}`);
  process.stderr.write(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as {
    results: Record<string, { median: number; seconds: number[] }>;
  };
}

const model = prepareDiffwaveModel({
  bytes: writeSafetensors(hashStateDict(DIFFWAVE_BASE)),
  name: 'base-hash',
});
const mel: MelSpectrogram = {
  data: Float32Array.from({ length: 80 * frames }, (_, i) => 0.5 + 0.4 * Math.sin(i * 0.37)),
  nMels: 80,
  frames,
  convention: DIFFWAVE_PRESET,
};
const backend = createNodeBackend();
await backend.init?.();
console.error(
  `DiffWave base (30 x 64, ${model.parameters} parameters), ${duration.toFixed(3)} s of audio (${frames} frames), ${threads} threads`,
);

// the TypeScript sampler's own cost: 50 DDPM steps with seeded noise and a zero denoiser
const zero = new Float32Array(samples);
const overheadStart = performance.now();
await sampleDdpm(scheduleLevels(OFFICIAL_TRAINING_BETAS, OFFICIAL_TRAINING_BETAS), {
  denoise: async () => zero,
  noise: seededNoise(1, samples),
});
const overheadPerStep = (performance.now() - overheadStart) / 1000 / 50;
console.error(
  `sampler overhead (noise generation + updates): ${(overheadPerStep * 1000).toFixed(1)} ms per step`,
);

const report: Record<string, unknown> = { seconds: duration, frames, threads, overheadPerStep };
if (!values.loops) {
  const session = await backend.createSession(model.onnx, { intraOpThreads: threads });
  const feeds = {
    [AUDIO_INPUT]: createTensor('float32', seededNoise(2, samples).row(0), [1, samples]),
    [STEP_INPUT]: createTensor('float32', Float32Array.of(3.5), [1]),
    [MEL_INPUT]: createTensor('float32', mel.data, [1, 80, frames]),
  };
  await session.run(feeds); // warm-up
  const ort: number[] = [];
  const py: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    await session.run(feeds);
    ort.push((performance.now() - started) / 1000);
    console.error(`round ${r + 1}: onnxruntime-node ${ort[r]!.toFixed(2)} s per evaluation`);
    if (!values['no-torch'])
      py.push(torch(['--per-step', '--repeats', '1', '--steps', '']).results.step!.median);
  }
  await session.dispose();
  const rows = [6, 50].map((steps) => ({
    steps,
    ortRtf: (steps * (median(ort) + overheadPerStep)) / duration,
    torchRtf: py.length ? (steps * median(py)) / duration : undefined,
  }));
  Object.assign(report, { mode: 'per-step', ortStep: ort, torchStep: py, rows });
} else {
  const vocoder = await diffwavePlugin.create({
    model: { bytes: model.onnx },
    backend,
    modelConfig: { threads },
  });
  const rows = [];
  const wanted = values.steps.split(',').map(Number);
  const runs = (
    [
      [6, 'fast'],
      [50, 'full'],
    ] as const
  ).filter(([n]) => wanted.includes(n));
  for (const [steps, schedule] of runs) {
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const started = performance.now();
      await vocoder.vocode(mel, { seed: r, options: { schedule } });
      times.push((performance.now() - started) / 1000);
      console.error(`${schedule}: onnxruntime-node ${times[r]!.toFixed(1)} s`);
    }
    const py = values['no-torch']
      ? undefined
      : torch(['--steps', String(steps), '--repeats', String(rounds)]).results[String(steps)]!
          .median;
    rows.push({
      steps,
      ortSeconds: times,
      ortRtf: median(times) / duration,
      torchRtf: py === undefined ? undefined : py / duration,
    });
  }
  await vocoder.dispose();
  Object.assign(report, { mode: 'loops', rows });
}

const fmt = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(2));
console.log('| sampler | steps | onnxruntime-node RTF | PyTorch RTF | speed-up |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of report.rows as { steps: number; ortRtf: number; torchRtf?: number }[]) {
  const name = row.steps === 6 ? 'DDPM, fast schedule' : 'DDPM, full schedule';
  console.log(
    `| ${name} | ${row.steps} | ${fmt(row.ortRtf)} | ${fmt(row.torchRtf)} | ${row.torchRtf ? `${(row.torchRtf / row.ortRtf).toFixed(2)}x` : 'n/a'} |`,
  );
}
console.log(JSON.stringify(report));
