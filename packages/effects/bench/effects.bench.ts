/**
 * Throughput of every effect (samples per second, and times real time) on speech-like audio in
 * blocks of 1024 frames, mono and stereo at 22050 Hz, plus a typical post-processing chain.
 *
 *   pnpm --filter @voirs/effects bench
 */
import { Bench } from 'tinybench';
import type { Effect } from '@voirs/core';
import { effectTestSignal } from '@voirs/core/testing';
import { EFFECT_PLUGINS, createEffectChain } from '../src/index.js';

const RATE = 22050;
const BLOCK = 1024;
/** Parameters where the defaults do not make a representative effect. */
const PARAMS: Record<string, Record<string, unknown>> = {
  // a 1 s room impulse response
  convolution: {
    ir: Array.from({ length: RATE }, (_, i) => Math.exp(-i / 3000) * Math.sin(i * 1.7) * 0.1),
  },
  eq: {
    bands: [
      { type: 'highpass', frequency: 70 },
      { type: 'lowshelf', frequency: 200, gainDb: 2 },
      { type: 'peaking', frequency: 3000, gainDb: -3, q: 1.2 },
      { type: 'highshelf', frequency: 8000, gainDb: 2 },
    ],
  },
};
const CHAIN = [
  { effect: 'dc-blocker' },
  { effect: 'eq', params: PARAMS.eq },
  { effect: 'de-esser' },
  { effect: 'compressor' },
  { effect: 'reverb', mix: 0.2 },
  { effect: 'limiter' },
];

const channelsOf = new Map<string, number>();

function subject(make: () => Effect, channels: number): () => void {
  const effect = make();
  const source = effectTestSignal(BLOCK, RATE, channels, 1);
  const block = new Float32Array(source.length);
  return () => {
    block.set(source);
    effect.process({ samples: block, sampleRate: RATE, channels });
  };
}

const bench = new Bench({ time: 400, warmupTime: 100 });
for (const channels of [1, 2]) {
  for (const plugin of EFFECT_PLUGINS) {
    channelsOf.set(`${plugin.name} (${channels} ch)`, channels);
    bench.add(
      `${plugin.name} (${channels} ch)`,
      subject(
        () => plugin.create(PARAMS[plugin.name] ?? {}, { sampleRate: RATE, channels }),
        channels,
      ),
    );
  }
  channelsOf.set(`chain of 6 (${channels} ch)`, channels);
  bench.add(
    `chain of 6 (${channels} ch)`,
    subject(
      () => createEffectChain(CHAIN, { sampleRate: RATE, channels }, { plugins: EFFECT_PLUGINS }),
      channels,
    ),
  );
}
await bench.run();

const rows = bench.tasks.map((task) => {
  const result = task.result as { latency?: { mean: number }; period?: number } | undefined;
  const ms = result?.latency?.mean ?? result?.period ?? Number.NaN;
  const framesPerSecond = (BLOCK / ms) * 1000;
  return {
    effect: task.name,
    'samples/s': Math.round(framesPerSecond * channelsOf.get(task.name)!).toLocaleString('en'),
    'frames/s': Math.round(framesPerSecond).toLocaleString('en'),
    'x real time': Math.round(framesPerSecond / RATE).toLocaleString('en'),
    'ms per 1024 frames': ms.toFixed(4),
  };
});
console.table(rows);
