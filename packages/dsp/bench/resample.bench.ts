/**
 * Resampling speed on 60 s of mono audio for the common rate pairs (default quality), plus the
 * streaming resampler fed 512-frame blocks and a real (non-rational) ratio.
 *
 *   pnpm --filter @voirs/dsp bench
 */
import { Bench } from 'tinybench';
import { resampleSamples } from '../src/resample/resample.js';
import { StreamingResampler } from '../src/resample/streaming-resampler.js';

const signal = (rate: number): Float32Array =>
  Float32Array.from(
    { length: rate * 60 },
    (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate),
  );
const inputs = new Map<number, Float32Array>(
  [22050, 16000, 44100, 48000].map((r) => [r, signal(r)]),
);

const bench = new Bench({ time: 2000 });
for (const [from, to] of [
  [22050, 16000],
  [16000, 22050],
  [44100, 22050],
  [48000, 22050],
] as const) {
  bench.add(`resample ${from} -> ${to}, 60 s`, () => {
    resampleSamples(inputs.get(from)!, from, to);
  });
}
bench
  .add('resample 44100 -> 22050 * 1.0123 (real ratio), 60 s', () => {
    resampleSamples(inputs.get(44100)!, 44100, 22050 * 1.0123);
  })
  .add('StreamingResampler 48000 -> 22050, 60 s in 512-frame blocks', () => {
    const r = new StreamingResampler(48000, 22050);
    const x = inputs.get(48000)!;
    for (let i = 0; i < x.length; i += 512) r.process(x.subarray(i, i + 512));
    r.flush();
  });
await bench.run();
console.table(bench.table());
