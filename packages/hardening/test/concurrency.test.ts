/**
 * Concurrency on one vocoder instance, for every vocoder: 16 concurrent `vocode` calls give the
 * results of 16 sequential ones; `dispose()` while calls and streams run is safe (calls already
 * running finish, later ones reject with E_DISPOSED, nothing hangs); an abort mid-call rejects
 * with E_ABORTED and leaves the vocoder usable; a cancelled WHATWG stream leaves nothing behind.
 * A process-level listener fails the file on any unhandled rejection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sliceMelFrames, type AudioBuffer, type MelSpectrogram, type Vocoder } from '@voirs/core';
import { vocodeChunks, vocodeReadableStream } from '@voirs/streaming';
import { guardRejections } from '../src/guard-rejections.js';
import { VOCODER_NAMES, createVocoder, speechMel } from '../src/models/vocoders.js';

guardRejections();

const maxAbsDiff = (a: Float32Array, b: Float32Array) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

async function* chunksOf(mel: MelSpectrogram, size: number): AsyncGenerator<MelSpectrogram> {
  for (let start = 0; start < mel.frames; start += size) {
    await new Promise((resolve) => setImmediate(resolve));
    yield sliceMelFrames(mel, start, Math.min(mel.frames, start + size));
  }
}

async function collect(stream: AsyncIterable<{ samples: Float32Array }>): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  for await (const part of stream) parts.push(part.samples);
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

describe.each(VOCODER_NAMES)('concurrency: %s', (name) => {
  let vocoder: Vocoder;
  let mels: MelSpectrogram[];
  beforeAll(async () => {
    vocoder = await createVocoder(name);
    mels = Array.from({ length: 16 }, (_, i) =>
      speechMel(vocoder.metadata.convention, 4 + (i % 5) * 3),
    );
  });
  afterAll(() => vocoder.dispose());
  const config = (i: number) => ({ seed: 100 + i, quality: 'low' as const });

  it('16 concurrent vocode calls equal 16 sequential ones', async () => {
    const sequential: AudioBuffer[] = [];
    for (const [i, mel] of mels.entries()) sequential.push(await vocoder.vocode(mel, config(i)));
    const concurrent = await Promise.all(mels.map((mel, i) => vocoder.vocode(mel, config(i))));
    concurrent.forEach((audio, i) =>
      expect(maxAbsDiff(audio.samples, sequential[i]!.samples)).toBe(0),
    );
  });

  it('concurrent streams and calls interleave without changing results', async () => {
    const mel = speechMel(vocoder.metadata.convention, 24);
    const offlineStream = await collect(vocoder.vocodeStream(chunksOf(mel, 5), config(1)));
    const [a, b, c] = await Promise.all([
      collect(vocoder.vocodeStream(chunksOf(mel, 5), config(1))),
      collect(vocodeChunks(vocoder, chunksOf(mel, 7), { chunkFrames: 6, synthesis: config(2) })),
      vocoder.vocode(mels[3]!, config(3)).then((r) => r.samples),
    ]);
    expect(maxAbsDiff(a, offlineStream)).toBe(0);
    expect(b.length).toBe(24 * vocoder.metadata.hop);
    expect(maxAbsDiff(c, (await vocoder.vocode(mels[3]!, config(3))).samples)).toBe(0);
  });

  it('an abort mid-call rejects with E_ABORTED and the vocoder stays usable', async () => {
    const controller = new AbortController();
    const running = vocoder.vocode(speechMel(vocoder.metadata.convention, 40), {
      ...config(5),
      signal: controller.signal,
    });
    controller.abort(); // while the call is pending: its continuation has not run yet, whatever the machine's speed
    await expect(running).rejects.toMatchObject({ code: 'E_ABORTED' });
    const again = await vocoder.vocode(mels[5]!, config(5));
    expect(again.samples.every(Number.isFinite)).toBe(true);
  });

  it('a cancelled WHATWG stream stops cleanly', async () => {
    const mel = speechMel(vocoder.metadata.convention, 40);
    const reader = vocodeReadableStream(vocoder, chunksOf(mel, 4), {
      chunkFrames: 4,
      synthesis: config(6),
    }).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel('the listener left');
    expect((await reader.read()).done).toBe(true);
  });

  it('dispose during inference: running calls finish, later calls reject with E_DISPOSED', async () => {
    const own = await createVocoder(name);
    const expected = await Promise.all(
      mels.slice(0, 6).map((mel, i) => own.vocode(mel, config(i))),
    );
    const running = mels.slice(0, 6).map((mel, i) => own.vocode(mel, config(i)));
    const stream = collect(
      own.vocodeStream(chunksOf(speechMel(own.metadata.convention, 30), 3), config(9)),
    ).then(
      () => 'completed',
      (e: { code?: string }) => e.code,
    );
    await new Promise((resolve) => setImmediate(resolve));
    const disposed = own.dispose();
    await expect(own.vocode(mels[0]!)).rejects.toMatchObject({ code: 'E_DISPOSED' });
    const results = await Promise.all(running);
    results.forEach((audio, i) => expect(maxAbsDiff(audio.samples, expected[i]!.samples)).toBe(0));
    expect(['completed', 'E_DISPOSED']).toContain(await stream);
    await disposed;
    await own.dispose();
    await expect(own.vocode(mels[0]!)).rejects.toMatchObject({ code: 'E_DISPOSED' });
  });
});
