/**
 * Streaming latency of HiFi-GAN V2 (the official LJSpeech checkpoint from ../shared) on this
 * machine's CPU, through measureStreamingLatency():
 *
 *   pnpm exec tsx --conditions=@voirs/source packages/streaming/bench/latency.ts [--threads N] [--runs N] [--json out.json]
 *
 * - latency-target mode (50 ms): the plan (calibrated chunk), then `runs` streams of LJ001-0001
 *   with the mel delivered all at once in chunks of `chunk + lookahead` frames; "first audio" is
 *   the time from the first mel chunk's arrival to the first audio chunk;
 * - the same plan with the mel delivered at real-time pace (late chunks would be underruns);
 * - fixed chunk sizes, for the latency / throughput trade-off;
 * - a cold start: a fresh vocoder, no calibration and no warm-up.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { HIFIGAN_PRESET, type Vocoder } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { computeMel, readWav } from '@voirs/dsp';
import { hifiganPlugin } from '@voirs/hifigan';
import { measureStreamingLatency, planStream, type LatencyReport } from '../src/index.js';

const { values } = parseArgs({
  options: { threads: { type: 'string' }, runs: { type: 'string' }, json: { type: 'string' } },
});
const threads = Number(values.threads ?? 1);
const runs = Number(values.runs ?? 5);
const checkpoint = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const clip = sharedFile('data/ljspeech/LJ001-0001.wav');
if (checkpoint === undefined || clip === undefined)
  throw new Error('This bench needs ../shared (HiFi-GAN V2 and LJ001-0001).');

const config = JSON.parse(readFileSync(join(dirname(checkpoint), 'config.json'), 'utf8')) as Record<
  string,
  unknown
>;
const backend = createNodeBackend();
const load = (): Promise<Vocoder> =>
  hifiganPlugin.create({
    model: { bytes: new Uint8Array(readFileSync(checkpoint)), config, name: 'generator_v2' },
    backend,
    modelConfig: { threads },
  });
const mel = computeMel(readWav(new Uint8Array(readFileSync(clip))).audio, HIFIGAN_PRESET);
const ms = (x: number) => x.toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

// cold start first, before anything warmed onnxruntime up
const cold = await load();
const coldReport = await measureStreamingLatency(cold, mel, { chunkFrames: 32, warmup: false });
await cold.dispose();

const vocoder = await load();
const plan = await planStream(vocoder, { latencyTargetMs: 50 });
const targetRuns: LatencyReport[] = [];
for (let i = 0; i < runs; i++)
  targetRuns.push(await measureStreamingLatency(vocoder, mel, { plan, warmup: false }));
const realtime = await measureStreamingLatency(vocoder, mel, {
  plan,
  realtime: true,
  warmup: false,
});
const realtimeSmall = await measureStreamingLatency(vocoder, mel, {
  plan,
  realtime: true,
  inputChunkFrames: 8,
  warmup: false,
});
const fixed: LatencyReport[] = [];
for (const chunkFrames of [8, 16, 32, 64, 128, 256])
  fixed.push(await measureStreamingLatency(vocoder, mel, { chunkFrames }));
await vocoder.dispose();

const firsts = targetRuns.map((r) => r.summary.firstAudioMs);
console.log(
  `HiFi-GAN V2 (official LJSpeech checkpoint), onnxruntime-node, ${threads} thread(s); LJ001-0001 (${mel.frames} frames, ${((mel.frames * 256) / 22050).toFixed(2)} s)`,
);
console.log(
  `latency target 50 ms: calibrated ${ms(plan.cost.fixedMs)} ms + ${plan.cost.perFrameMs.toFixed(3)} ms/frame -> chunk ${plan.chunkFrames} frames ` +
    `(predicted first audio ${ms(plan.predictedFirstAudioMs)} ms, window ${ms(plan.predictedWindowMs)} ms, RTF ${plan.realTimeFactor.toFixed(3)}); ` +
    `lookahead ${ms(plan.algorithmicLatencyMs)} ms`,
);
console.log(
  `  first audio after the first mel chunk, ${runs} runs: median ${ms(median(firsts))} ms, max ${ms(Math.max(...firsts))} ms`,
);
const s = targetRuns[0]!.summary;
console.log(
  `  chunk compute: mean ${ms(s.computeMs.mean)} p95 ${ms(s.computeMs.p95)} max ${ms(s.computeMs.max)} ms; compute RTF ${s.computeRtf.toFixed(3)}`,
);
console.log(
  `  real-time paced input: first audio ${ms(realtime.summary.firstAudioMs)} ms after the first chunk, ` +
    `playback without underruns can start ${ms(realtime.playbackDelayMs)} ms after the first chunk`,
);
console.log(
  `  real-time paced input in 8-frame chunks: first audio ${ms(realtimeSmall.summary.firstAudioMs)} ms after the first chunk ` +
    `(it waits for the lookahead); playback without underruns can start ${ms(realtimeSmall.playbackDelayMs)} ms after it`,
);
console.log('| chunk frames | first audio ms | compute p50 / p95 / max ms | compute RTF |');
console.log('| --- | --- | --- | --- |');
for (const r of fixed) {
  const c = r.summary.computeMs;
  console.log(
    `| ${r.chunkFrames} | ${ms(r.summary.firstAudioMs)} | ${ms(c.p50)} / ${ms(c.p95)} / ${ms(c.max)} | ${r.summary.computeRtf.toFixed(3)} |`,
  );
}
console.log(
  `cold start (fresh session, no warm-up, 32-frame chunks): first audio ${ms(coldReport.summary.firstAudioMs)} ms`,
);

if (values.json !== undefined) {
  const strip = (r: LatencyReport) => ({ ...r, chunks: undefined });
  writeFileSync(
    values.json,
    JSON.stringify(
      {
        threads,
        plan,
        targetRuns: targetRuns.map(strip),
        realtime: strip(realtime),
        realtimeSmall: strip(realtimeSmall),
        fixed: fixed.map(strip),
        cold: strip(coldReport),
      },
      null,
      2,
    ),
  );
}
