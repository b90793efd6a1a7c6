/**
 * Peak memory of streaming a long mel through HiFi-GAN V2: the mel is synthesised chunk by chunk
 * (LJ001-0001's frames, cycled) and never held whole; the audio goes to a streaming WAV writer on
 * a sink that only counts bytes (or to a file with --out). One hour of 22050 Hz audio is 318 MB as
 * float32, so a bounded peak RSS shows that nothing accumulates.
 *
 *   pnpm exec tsx --conditions=@voirs/source packages/streaming/bench/memory.ts [--minutes 60] [--chunk-frames 256] [--threads 1] [--out file.wav]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { HIFIGAN_PRESET, concatMelFrames, sliceMelFrames, type MelSpectrogram } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { WavStreamWriter, computeMel, readWav } from '@voirs/dsp';
import { createWavFileWriter } from '@voirs/dsp/node';
import { hifiganPlugin } from '@voirs/hifigan';
import { vocodeChunks } from '../src/index.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    'chunk-frames': { type: 'string' },
    threads: { type: 'string' },
    out: { type: 'string' },
  },
});
const minutes = Number(values.minutes ?? 60);
const chunkFrames = Number(values['chunk-frames'] ?? 256);
const threads = Number(values.threads ?? 1);
const checkpoint = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const clip = sharedFile('data/ljspeech/LJ001-0001.wav');
if (checkpoint === undefined || clip === undefined)
  throw new Error('This bench needs ../shared (HiFi-GAN V2 and LJ001-0001).');

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 250);

const config = JSON.parse(readFileSync(join(dirname(checkpoint), 'config.json'), 'utf8')) as Record<
  string,
  unknown
>;
const vocoder = await hifiganPlugin.create({
  model: { bytes: new Uint8Array(readFileSync(checkpoint)), config, name: 'generator_v2' },
  backend: createNodeBackend(),
  modelConfig: { threads },
});
const base = computeMel(readWav(new Uint8Array(readFileSync(clip))).audio, HIFIGAN_PRESET);
const totalFrames = Math.round((minutes * 60 * 22050) / 256);
sample();
const rssAfterLoad = process.memoryUsage().rss;

/** `totalFrames` frames of mel in 64-frame chunks, made on demand from the base clip's frames. */
async function* longMel(): AsyncGenerator<MelSpectrogram> {
  for (let done = 0; done < totalFrames;) {
    const n = Math.min(64, totalFrames - done);
    const parts: MelSpectrogram[] = [];
    for (let need = n, at = done % base.frames; need > 0; at = 0) {
      const take = Math.min(need, base.frames - at);
      parts.push(sliceMelFrames(base, at, at + take));
      need -= take;
    }
    done += n;
    yield parts.length === 1 ? parts[0]! : concatMelFrames(parts);
  }
}

let bytes = 0;
const writer =
  values.out === undefined
    ? new WavStreamWriter(
        { write: (chunk) => void (bytes += chunk.length), close: () => {} },
        { sampleRate: 22050 },
      )
    : await createWavFileWriter(values.out, { sampleRate: 22050 });
const started = performance.now();
let frames = 0;
let nextReport = 0;
for await (const audio of vocodeChunks(vocoder, longMel(), { chunkFrames })) {
  await writer.write(audio);
  frames += audio.stats.frames;
  if (frames >= nextReport) {
    sample();
    const m = process.memoryUsage();
    console.error(
      `${((frames * 256) / 22050 / 60).toFixed(1)} min vocoded, RSS ${mb(m.rss)} MB ` +
        `(JS heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)})`,
    );
    nextReport += Math.round((5 * 60 * 22050) / 256);
  }
}
const summary = await writer.close();
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
sample();
await vocoder.dispose();
const audioSeconds = (summary.frames as number) / 22050;
console.log(
  `HiFi-GAN V2, ${threads} thread(s), chunks of ${chunkFrames} frames: ${(audioSeconds / 60).toFixed(1)} min of audio ` +
    `(${frames} frames, ${summary.frames} samples${values.out === undefined ? `, ${mb(bytes)} MB of WAV counted` : ` to ${values.out}`}) ` +
    `in ${seconds.toFixed(1)} s (RTF ${(seconds / audioSeconds).toFixed(3)})`,
);
console.log(
  `RSS after loading the model: ${mb(rssAfterLoad)} MB; peak RSS sampled every 250 ms: ${mb(peakRss)} MB; ` +
    `process maxRSS: ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
);
