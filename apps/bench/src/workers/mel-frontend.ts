/**
 * Worker: times @voirs/dsp's computeMel (hifigan preset) on a float32 .npy clip with tinybench and
 * prints `{ samples_ms, audio_samples, frames }` as JSON.
 *
 *   node --conditions=@voirs/source --import tsx mel-frontend.ts AUDIO.npy ITERATIONS TIME_MS WARMUP
 */
import { readFileSync } from 'node:fs';
import { HIFIGAN_PRESET } from '@voirs/core';
import { computeMel, readNpy } from '@voirs/dsp';
import { Bench } from 'tinybench';

const [file, iterations, time, warmup] = process.argv.slice(2);
const npy = readNpy(new Uint8Array(readFileSync(file!)));
if (npy.dtype !== 'float32')
  throw new TypeError(`${file} must hold float32 samples, not ${npy.dtype}`);
const audio = npy.data as Float32Array;
let frames = 0;
const bench = new Bench({
  iterations: Number(iterations),
  time: Number(time),
  warmup: Number(warmup) > 0,
  warmupIterations: Number(warmup),
  warmupTime: 0,
  throws: true,
});
bench.add('computeMel hifigan', () => {
  frames = computeMel(audio, HIFIGAN_PRESET).frames;
});
await bench.run();
const samples = bench.tasks[0]!.result!.latency.samples;
process.stdout.write(
  `${JSON.stringify({ samples_ms: samples, audio_samples: audio.length, frames })}\n`,
);
