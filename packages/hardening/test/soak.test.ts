/**
 * Streaming soak: for SOAK_SECONDS (20 s in CI, 30 minutes under `pnpm fuzz`), stream sessions
 * back to back through the WHATWG readable of @voirs/streaming into an atomic WAV file writer
 * (HiFi-GAN tiny, and every fifth session Griffin-Lim with its crossfaded seams), one vocoder of
 * each kind reused throughout, every fourth session cancelled half-way. RSS growth after the
 * warm-up quarter must stay bounded, every output file must be complete, and every file
 * descriptor must be closed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sliceMelFrames, type MelSpectrogram, type Vocoder } from '@voirs/core';
import { readWav } from '@voirs/dsp';
import { createWavFileWriter } from '@voirs/dsp/node';
import { vocodeReadableStream } from '@voirs/streaming';
import { guardRejections } from '../src/guard-rejections.js';
import { createVocoder, speechMel } from '../src/models/vocoders.js';
import { hardeningSettings } from '../src/settings.js';
import { mib, openFileDescriptors, sampleMemory, slope } from '../src/soak/resources.js';

guardRejections();
const { soakSeconds } = hardeningSettings();
const dir = mkdtempSync(join(tmpdir(), 'voirs-soak-'));

async function* chunksOf(mel: MelSpectrogram, size: number): AsyncGenerator<MelSpectrogram> {
  for (let start = 0; start < mel.frames; start += size) {
    await new Promise((resolve) => setImmediate(resolve));
    yield sliceMelFrames(mel, start, Math.min(mel.frames, start + size));
  }
}

/** One session: stream `mel` into `path`; `cancelAfter` chunks then cancel (the file must vanish). */
async function session(
  vocoder: Vocoder,
  mel: MelSpectrogram,
  path: string,
  cancelAfter?: number,
): Promise<number> {
  const writer = await createWavFileWriter(path, {
    sampleRate: vocoder.metadata.sampleRate,
    format: 's16',
  });
  const reader = vocodeReadableStream(vocoder, chunksOf(mel, 7), {
    chunkFrames: 8,
    synthesis: { seed: 1, quality: 'low' },
  }).getReader();
  let chunks = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await writer.write(value);
      if (++chunks === cancelAfter) {
        await reader.cancel('session cancelled');
        await writer.abort(new Error('session cancelled'));
        return chunks;
      }
    }
    await writer.close();
    return chunks;
  } catch (error) {
    await writer.abort(error);
    throw error;
  }
}

describe('streaming soak', () => {
  it(
    `streams for ${soakSeconds} s with bounded memory and no leaked handles`,
    async () => {
      const hifigan = await createVocoder('hifigan');
      const griffinlim = await createVocoder('griffinlim');
      const mel = speechMel(hifigan.metadata.convention, 120);
      const fdsBefore = openFileDescriptors();
      const start = performance.now();
      const end = start + soakSeconds * 1000;
      const times: number[] = [];
      const rss: number[] = [];
      let sessions = 0;
      let warm: ReturnType<typeof sampleMemory> | undefined;
      while (performance.now() < end) {
        const vocoder = sessions % 5 === 4 ? griffinlim : hifigan;
        const path = join(dir, `session-${sessions % 3}.wav`);
        const cancelled = sessions % 4 === 3;
        await session(
          vocoder,
          cancelled ? mel : sliceMelFrames(mel, 0, 60),
          path,
          cancelled ? 3 : undefined,
        );
        if (!cancelled) {
          const { audio } = readWav(new Uint8Array(readFileSync(path)));
          expect(audio.samples.length).toBe(60 * vocoder.metadata.hop);
          rmSync(path);
        }
        sessions++;
        const t = (performance.now() - start) / 1000;
        if (warm === undefined && t > soakSeconds / 4) warm = sampleMemory();
        if (warm !== undefined && sessions % 5 === 0) {
          times.push(t);
          rss.push(sampleMemory().rss);
        }
      }
      await hifigan.dispose();
      await griffinlim.dispose();
      const after = sampleMemory();
      const fdsAfter = openFileDescriptors();
      const perMinute = times.length > 2 ? slope(times, rss) * 60 : 0;
      console.info(
        `[soak] ${sessions} sessions in ${((performance.now() - start) / 1000).toFixed(0)} s: rss after warm-up ` +
          `${mib(warm?.rss ?? after.rss)} -> ${mib(after.rss)} (max ${mib(Math.max(...rss, after.rss))}, slope ${mib(perMinute)}/min), ` +
          `heap ${mib(warm?.heapUsed ?? 0)} -> ${mib(after.heapUsed)}, fds ${fdsBefore} -> ${fdsAfter}`,
      );
      expect(readdirSync(dir), 'cancelled sessions leave no file, temp files are removed').toEqual(
        [],
      );
      expect(fdsAfter).toBe(fdsBefore);
      expect(sessions).toBeGreaterThan(10);
      expect(Math.max(...rss, after.rss) - (warm?.rss ?? after.rss)).toBeLessThan(64 * 2 ** 20);
      expect(after.heapUsed - (warm?.heapUsed ?? after.heapUsed)).toBeLessThan(16 * 2 ** 20);
    },
    soakSeconds * 1000 + 120_000,
  );
});
