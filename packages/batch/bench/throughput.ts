/**
 * Throughput of `voirs-vocoder batch` with HiFi-GAN V2 (../shared/models/hifigan-v2-ljspeech) on the
 * 32 LJSpeech clips: one worker thread against one per core, alternated and repeated, each run a
 * fresh CLI process redoing every file (--force). Throughput is seconds of audio written per wall
 * second, from start to end of the run (model loading included). The machine is shared, so the
 * 1-minute load average is printed with every run.
 *
 *   pnpm --filter @voirs/batch bench [-- --repeat 3 --workers 2]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, sharedFile } from '@voirs/core/testing';

const { values } = parseArgs({
  options: { repeat: { type: 'string' }, workers: { type: 'string' } },
});
const repeat = Number(values.repeat ?? 3);
const many = Number(values.workers ?? availableParallelism());
const model = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const clip = sharedFile('data/ljspeech/LJ001-0001.wav');
if (!model || !clip) process.exit(0);

const out = mkdtempSync(join(tmpdir(), 'voirs-batch-bench-'));
const bin = join(REPO_ROOT, 'packages', 'cli', 'bin', 'voirs-vocoder.js');

interface Run {
  readonly workers: number;
  readonly throughput: number;
  readonly wallSeconds: number;
  readonly audioSeconds: number;
  readonly load1: number;
}

function run(workers: number): Run {
  const load1 = loadavg()[0]!;
  const args = [
    bin,
    'batch',
    dirname(clip!),
    '-o',
    join(out, String(workers)),
    '--vocoder',
    'hifigan',
    '--model',
    model!,
    '-j',
    String(workers),
    '--force',
    '--json',
  ];
  const child = spawnSync(process.execPath, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(`batch failed (${child.status}):\n${child.stderr}`);
  const summary = JSON.parse(child.stdout) as {
    totals: { done: number };
    throughput: number;
    wallSeconds: number;
    audioSeconds: number;
  };
  if (summary.totals.done !== 32) throw new Error(`expected 32 files, got ${summary.totals.done}`);
  return {
    workers,
    throughput: summary.throughput,
    wallSeconds: summary.wallSeconds,
    audioSeconds: summary.audioSeconds,
    load1,
  };
}

const runs: Run[] = [];
for (let i = 0; i < repeat; i++) {
  for (const workers of i % 2 === 0 ? [1, many] : [many, 1]) {
    const r = run(workers);
    runs.push(r);
    console.log(
      `run ${i + 1}: ${workers} worker(s): ${r.throughput.toFixed(2)} s audio/s (${r.audioSeconds.toFixed(1)} s in ${r.wallSeconds.toFixed(1)} s), load average ${r.load1.toFixed(2)} -> ${loadavg()[0]!.toFixed(2)}`,
    );
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const single = median(runs.filter((r) => r.workers === 1).map((r) => r.throughput));
const pooled = median(runs.filter((r) => r.workers === many).map((r) => r.throughput));
const pairs = runs
  .filter((r) => r.workers === many)
  .map((r, i) => r.throughput / runs.filter((s) => s.workers === 1)[i]!.throughput);
console.log(
  `\ncores ${availableParallelism()}, median throughput: 1 worker ${single.toFixed(2)}, ${many} workers ${pooled.toFixed(2)} s audio/s; speed-up ${(pooled / single).toFixed(2)}x (per pair: ${pairs.map((p) => p.toFixed(2)).join(', ')})`,
);
console.log(
  JSON.stringify({
    cores: availableParallelism(),
    workers: many,
    repeat,
    single,
    pooled,
    speedup: pooled / single,
    runs,
  }),
);
