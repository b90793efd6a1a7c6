/**
 * Griffin-Lim vocoder speed on 10 s of speech (LJ001-0001 from ../shared, else a synthetic
 * signal) at 32 and 64 iterations, and its quality: the log-mel L1 between a clip's hifigan mel
 * and the mel of the vocoded audio, for a few LJSpeech clips.
 *
 *   pnpm --filter @voirs/dsp bench
 */
import { readFileSync } from 'node:fs';
import { HIFIGAN_PRESET } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { Bench } from 'tinybench';
import { griffinLimPlugin } from '../src/griffinlim/plugin.js';
import { readWav } from '../src/io/wav-read.js';
import { computeMel } from '../src/spectral/compute-mel.js';

const clip = (name: string): Float32Array | undefined => {
  const path = sharedFile(`data/ljspeech/${name}.wav`);
  return path === undefined ? undefined : readWav(new Uint8Array(readFileSync(path))).audio.samples;
};
const synthetic = Float32Array.from(
  { length: 22050 * 10 },
  (_, i) => 0.3 * Math.sin(i * (0.01 + i * 1e-7)) + ((i * 7919) % 997) / 9970 - 0.05,
);
const speech = clip('LJ001-0001') ?? synthetic;
const tenSeconds = computeMel(speech.subarray(0, 861 * 256), HIFIGAN_PRESET);
const vocoder = await griffinLimPlugin.create();

const bench = new Bench({ time: 0, iterations: 5 });
for (const iterations of [32, 64]) {
  bench.add(`griffinlim vocode 10 s (NNLS + ${iterations} iterations)`, async () => {
    await vocoder.vocode(tenSeconds, { seed: 0, options: { iterations } });
  });
}
await bench.run();
console.table(bench.table());

const rows: Record<string, string | number>[] = [];
for (const name of ['LJ001-0001', 'LJ001-0002', 'LJ001-0003', 'LJ001-0004']) {
  const audio = clip(name);
  if (audio === undefined) continue;
  const mel = computeMel(audio.subarray(0, audio.length - (audio.length % 256)), HIFIGAN_PRESET);
  const row: Record<string, string | number> = {
    clip: name,
    seconds: +(audio.length / 22050).toFixed(2),
  };
  for (const iterations of [32, 64]) {
    const out = await vocoder.vocode(mel, { seed: 0, options: { iterations } });
    const again = computeMel(out.samples, HIFIGAN_PRESET);
    let l1 = 0;
    for (let i = 0; i < mel.data.length; i++) l1 += Math.abs(again.data[i]! - mel.data[i]!);
    row[`log-mel L1 @${iterations}`] = +(l1 / mel.data.length).toFixed(4);
  }
  rows.push(row);
}
if (rows.length > 0) console.table(rows);
