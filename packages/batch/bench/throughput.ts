/**
 * Throughput of `voirs-vocoder batch` with HiFi-GAN V2 (../shared/models/hifigan-v2-ljspeech) on the
 * 32 LJSpeech clips: one worker thread (with all cores as onnxruntime threads, and with one thread)
 * against one worker per core (one thread each), alternated and repeated, each run a fresh CLI
 * process redoing every file (--force). Throughput is seconds of audio written per wall
 * second, from start to end of the run (model loading included). The machine is shared, so the
 * 1-minute load average is printed with every run, and the best run of each configuration (the one
 * other processes disturbed least) is reported beside the median.
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
  readonly config: string;
  readonly throughput: number;
  readonly wallSeconds: number;
  readonly audioSeconds: number;
  readonly load1: number;
}

/** Runs one configuration: `<workers>` or `<workers>x<threads per worker>`. */
function run(config: string): Run {
  const load1 = loadavg()[0]!;
  const [workers, threads] = config.split('x');
  const args = [bin, 'batch', dirname(clip!), '-o', join(out, config), '--vocoder', 'hifigan'];
  args.push('--model', model!, '-j', workers!, '--force', '--json');
  if (threads !== undefined) args.push('--threads', threads);
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
    config,
    throughput: summary.throughput,
    wallSeconds: summary.wallSeconds,
    audioSeconds: summary.audioSeconds,
    load1,
  };
}

const configs = ['1', '1x1', String(many)];
const runs: Run[] = [];
for (let i = 0; i < repeat; i++) {
  for (const config of i % 2 === 0 ? configs : [...configs].reverse()) {
    const r = run(config);
    runs.push(r);
    console.log(
      `run ${i + 1}: -j ${config}: ${r.throughput.toFixed(2)} s audio/s (${r.audioSeconds.toFixed(1)} s in ${r.wallSeconds.toFixed(1)} s), load average ${r.load1.toFixed(2)} -> ${loadavg()[0]!.toFixed(2)}`,
    );
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const of = (config: string) => runs.filter((r) => r.config === config).map((r) => r.throughput);
const medians = Object.fromEntries(configs.map((c) => [c, median(of(c))]));
// the best run of each configuration is the one other processes disturbed least
const best = Object.fromEntries(configs.map((c) => [c, Math.max(...of(c))]));
for (const [label, stat] of [
  ['median', medians],
  ['best', best],
] as const) {
  const pooled = stat[String(many)]!;
  console.log(
    `${label} throughput (s audio/s): ${configs.map((c) => `-j ${c}: ${stat[c]!.toFixed(2)}`).join(', ')}; ` +
      `${many} workers vs 1 worker: ${(pooled / stat['1']!).toFixed(2)}x, vs 1 worker on 1 thread: ${(pooled / stat['1x1']!).toFixed(2)}x`,
  );
}
console.log(
  JSON.stringify({ cores: availableParallelism(), workers: many, repeat, medians, best, runs }),
);
