/**
 * Seam artefacts of streamed Griffin-Lim (the non-exact vocoder available here) for several
 * crossfade lengths and both curves, against offline Griffin-Lim of the same mel.
 *
 *   pnpm exec tsx --conditions=@voirs/source packages/streaming/bench/seams.ts [clip.wav ...]
 *
 * Default clips: LJ001-0001..0003 from ../shared (falls back to examples/speech.wav).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HIFIGAN_PRESET, type CrossfadeShape } from '@voirs/core';
import { REPO_ROOT, SHARED_DIR } from '@voirs/core/testing';
import { computeMel, griffinLimPlugin, readWav } from '@voirs/dsp';
import { melChunks, seamArtifacts, vocodeChunks } from '../src/index.js';

const clips = process.argv.slice(2);
if (clips.length === 0) {
  const lj = ['LJ001-0001', 'LJ001-0002', 'LJ001-0003'].map((n) =>
    join(SHARED_DIR, 'data/ljspeech', `${n}.wav`),
  );
  clips.push(...(lj.every(existsSync) ? lj : [join(REPO_ROOT, 'examples/speech.wav')]));
}
const CHUNK = 16;
const vocoder = await griffinLimPlugin.create();
const synthesis = { seed: 1, quality: (process.env.QUALITY ?? 'medium') as 'medium' };
const rows: Record<string, number[][]> = {};
for (const clip of clips) {
  const mel = computeMel(readWav(new Uint8Array(readFileSync(clip))).audio, HIFIGAN_PRESET, {
    resample: true,
  });
  const offline = (await vocoder.vocode(mel, synthesis)).samples;
  for (const crossfadeFrames of [0, 1, 2]) {
    for (const shape of ['linear', 'equal-power', 'adaptive'] as CrossfadeShape[]) {
      if (crossfadeFrames === 0 && shape === 'linear') continue;
      const parts: Float32Array[] = [];
      const seams: number[] = [];
      for await (const c of vocodeChunks(vocoder, melChunks(mel, 40), {
        chunkFrames: CHUNK,
        crossfadeFrames,
        crossfadeShape: shape,
        synthesis,
      })) {
        if (c.stats.index > 0) seams.push(c.stats.startFrame * 256 + crossfadeFrames * 128); // the middle of the crossfade
        parts.push(c.samples);
      }
      const streamed = new Float32Array(offline.length);
      parts.reduce((o, p) => (streamed.set(p, o), o + p.length), 0);
      const r = seamArtifacts(streamed, offline, seams);
      const key =
        crossfadeFrames === 0
          ? 'none (hard cut)'
          : `${crossfadeFrames} frame${crossfadeFrames > 1 ? 's' : ''} ${shape}`;
      (rows[key] ??= []).push([r.fluxExcess, r.clickExcess, r.maxClickExcess, r.levelRatio]);
    }
  }
}
console.log(
  `Griffin-Lim (quality ${synthesis.quality}, seed 1), ${CHUNK}-frame chunks, ${clips.length} clip(s); medians over clips`,
);
console.log('| crossfade | flux excess | click excess | worst click | level ratio |');
console.log('| --- | --- | --- | --- | --- |');
for (const [key, values] of Object.entries(rows)) {
  const med = (i: number) => {
    const sorted = values.map((v) => v[i]!).sort((a, b) => a - b);
    return sorted[sorted.length >> 1]!.toFixed(2);
  };
  console.log(`| ${key} | ${med(0)} | ${med(1)} | ${med(2)} | ${med(3)} |`);
}
await vocoder.dispose();
