/**
 * Real-time factor of WaveGlow on backend-node next to PyTorch, in the same run.
 *
 * The model is NVIDIA's configuration (12 flows, group 8, WN 8 layers x 256 channels, 87.9M
 * parameters) with hash weights generated here (test/hash-weights.ts); PyTorch runs the same
 * weights through tools/reference/waveglow_reference.py --bench. Both vocode `--seconds` of a
 * random mel with sigma 0.6 and the same thread count; medians of `--runs` timed runs after a
 * warm-up run on a 1 s mel. Wall time is the RTF; the process CPU time (user + system) is
 * reported too, because on a shared machine the wall time includes waiting for a core.
 *
 *   pnpm exec tsx --conditions=@voirs/source packages/waveglow/bench/rtf.ts [--seconds 10] [--threads 1]
 *     [--runs 3] [--torch-runs N (default: --runs)] [--no-torch]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WAVEGLOW_PRESET, createMel, sliceMelFrames } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import { writeSafetensors } from '@voirs/checkpoint';
import { WAVEGLOW_CONFIG, waveglowPlugin } from '../src/index.js';
import { hashStateDict } from '../test/hash-weights.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    threads: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    'torch-runs': { type: 'string' },
    'no-torch': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const threads = Number(values.threads);
const runs = Number(values.runs);
const torchRuns = Number(values['torch-runs'] ?? values.runs);
const frames = Math.floor((seconds * 22050) / 256);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const started = performance.now();
const bytes = writeSafetensors(hashStateDict(WAVEGLOW_CONFIG));
const backend = createNodeBackend();
await backend.init?.();
const vocoder = await waveglowPlugin.create({
  model: { bytes, name: 'waveglow-hash' },
  backend,
  modelConfig: { threads },
});
const loadSeconds = (performance.now() - started) / 1000;
console.log(
  `loaded ${String(vocoder.metadata.extra?.parameters)} parameters (hash weights) in ${loadSeconds.toFixed(1)} s`,
);

let state = 12345;
const mel = createMel(
  Float32Array.from({ length: 80 * frames }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return -8 + (state / 2 ** 32) * 8;
  }),
  80,
  WAVEGLOW_PRESET,
);
await vocoder.vocode(sliceMelFrames(mel, 0, Math.min(frames, 86)), { options: { sigma: 0.6 } }); // warm-up
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  const audio = await vocoder.vocode(mel, { seed: i, options: { sigma: 0.6 } });
  const used = process.cpuUsage(c);
  times.push((performance.now() - t) / 1000);
  cpu.push((used.user + used.system) / 1e6);
  if (audio.samples.length !== frames * 256) throw new Error('wrong length');
}
await vocoder.dispose();
const audioSeconds = (frames * 256) / 22050;
const ours = {
  peer: 'voirs backend-node',
  threads,
  audioSeconds,
  runs: times.map((t) => +t.toFixed(3)),
  medianSeconds: +median(times).toFixed(3),
  rtf: +(median(times) / audioSeconds).toFixed(3),
  medianCpuSeconds: +median(cpu).toFixed(3),
};
console.log(JSON.stringify(ours));

if (!values['no-torch']) {
  const script = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    '..',
    'tools',
    'reference',
    'waveglow_reference.py',
  );
  const torch = spawnSync(
    '/usr/bin/python3',
    [
      script,
      '--bench',
      '--seconds',
      String(seconds),
      '--threads',
      String(threads),
      '--runs',
      String(torchRuns),
    ],
    {
      encoding: 'utf8',
    },
  );
  if (torch.status !== 0) {
    console.log(
      `PyTorch peer not run (${torch.error?.message ?? torch.stderr.trim().split('\n').at(-1)})`,
    );
  } else {
    const peer = JSON.parse(torch.stdout.trim().split('\n').at(-1)!) as {
      medianSeconds: number;
      rtf: number;
      medianCpuSeconds: number;
      torch: string;
    };
    console.log(JSON.stringify(peer));
    console.log(
      `\n| ${seconds} s of audio, ${threads} thread(s) | median wall s | RTF | median CPU s |\n| --- | --- | --- | --- |\n` +
        `| @voirs/waveglow, backend-node | ${ours.medianSeconds} | ${ours.rtf} | ${ours.medianCpuSeconds} |\n` +
        `| PyTorch ${peer.torch} | ${peer.medianSeconds} | ${peer.rtf} | ${peer.medianCpuSeconds} |\n` +
        `\nratio ours / PyTorch: wall ${(ours.medianSeconds / peer.medianSeconds).toFixed(2)}, ` +
        `CPU ${(ours.medianCpuSeconds / peer.medianCpuSeconds).toFixed(2)}`,
    );
  }
}
