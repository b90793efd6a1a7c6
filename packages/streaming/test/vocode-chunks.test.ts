import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  VocoderError,
  createMel,
  HIFIGAN_PRESET,
  type MelSpectrogram,
  type Vocoder,
} from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { hifiganPlugin } from '@voirs/hifigan';
import { melChunks, vocodeChunks, type AudioChunk } from '../src/index.js';
import { ToyVocoder, collect, join, maxAbsDiff, noiseMel, sleep, speechMel } from './helpers.js';

const checkpoint = sharedFile('models/hifigan-v2-ljspeech/generator_v2');

function checkContiguous(chunks: readonly AudioChunk[], frames: number, hop: number): void {
  let next = 0;
  chunks.forEach((c, i) => {
    expect(c.stats.index).toBe(i);
    expect(c.stats.startFrame).toBe(next);
    expect(c.samples.length).toBe(c.stats.frames * hop);
    expect(c.stats.windowFrames).toBe(
      c.stats.frames + c.stats.leftContextFrames + c.stats.rightContextFrames,
    );
    next += c.stats.frames;
  });
  expect(next).toBe(frames);
}

describe.skipIf(!checkpoint)('vocodeChunks with the official HiFi-GAN V2', () => {
  let vocoder: Vocoder;
  beforeAll(async () => {
    const config = JSON.parse(
      readFileSync(joinPath(dirname(checkpoint!), 'config.json'), 'utf8'),
    ) as Record<string, unknown>;
    vocoder = await hifiganPlugin.create({
      model: { bytes: new Uint8Array(readFileSync(checkpoint!)), config, name: 'generator_v2' },
      backend: createNodeBackend(),
      modelConfig: { threads: 1 },
    });
  });
  afterAll(async () => vocoder?.dispose());

  it('equals offline vocoding within 1e-4 for random chunkings from 1 frame up, frames * hop samples (property)', async () => {
    const mel = speechMel(HIFIGAN_PRESET, 90);
    const offline = (await vocoder.vocode(mel)).samples;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        fc.option(fc.integer({ min: 1, max: 48 }), { nil: undefined }),
        async (sizes, chunkFrames) => {
          const chunks = await collect(
            vocodeChunks(vocoder, melChunks(mel, sizes), { chunkFrames }),
          );
          checkContiguous(chunks, mel.frames, 256);
          const streamed = join(chunks);
          expect(streamed.length).toBe(mel.frames * 256);
          expect(maxAbsDiff(streamed, offline)).toBeLessThanOrEqual(1e-4);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('single-frame chunks also match, with the declared lookahead as right context', async () => {
    const mel = speechMel(HIFIGAN_PRESET, 40);
    const offline = (await vocoder.vocode(mel)).samples;
    const chunks = await collect(vocodeChunks(vocoder, melChunks(mel, 1), { chunkFrames: 1 }));
    expect(chunks).toHaveLength(40);
    expect(
      chunks
        .filter((c) => !c.stats.flushed)
        .every((c) => c.stats.rightContextFrames === vocoder.metadata.receptiveField.rightFrames),
    ).toBe(true);
    expect(maxAbsDiff(join(chunks), offline)).toBeLessThanOrEqual(1e-4);
  });
});

describe.skipIf(!checkpoint)('cancelling a HiFi-GAN V2 stream', () => {
  it('aborts between windows and releases the session', async () => {
    const config = JSON.parse(
      readFileSync(joinPath(dirname(checkpoint!), 'config.json'), 'utf8'),
    ) as Record<string, unknown>;
    const vocoder = await hifiganPlugin.create({
      model: { bytes: new Uint8Array(readFileSync(checkpoint!)), config },
      backend: createNodeBackend(),
      modelConfig: { threads: 1 },
    });
    const controller = new AbortController();
    const chunks: AudioChunk[] = [];
    const run = async () => {
      for await (const c of vocodeChunks(vocoder, melChunks(speechMel(HIFIGAN_PRESET, 200), 20), {
        chunkFrames: 10,
        signal: controller.signal,
        disposeVocoder: true,
      })) {
        chunks.push(c);
        if (chunks.length === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ code: 'E_ABORTED' });
    expect(chunks).toHaveLength(2);
    await expect(vocoder.vocode(speechMel(HIFIGAN_PRESET, 4))).rejects.toMatchObject({
      code: 'E_DISPOSED',
    });
  });
});

describe('vocodeChunks', () => {
  it('reports per-chunk statistics that add up', async () => {
    const toy = new ToyVocoder({ k: 3, delayMs: 5 });
    const seen: number[] = [];
    const chunks = await collect(
      vocodeChunks(toy, melChunks(noiseMel(50), [7, 2, 11]), {
        chunkFrames: 8,
        onChunk: (s) => seen.push(s.index),
      }),
    );
    checkContiguous(chunks, 50, 256);
    expect(seen).toEqual(chunks.map((_, i) => i));
    for (const c of chunks) {
      expect(c.sampleRate).toBe(22050);
      expect(c.channels).toBe(1);
      expect(c.stats.frames).toBeLessThanOrEqual(8);
      expect(c.stats.computeMs).toBeGreaterThan(0);
      expect(c.stats.latencyMs).toBeGreaterThanOrEqual(c.stats.computeMs);
      expect(c.stats.elapsedMs).toBeGreaterThanOrEqual(c.stats.latencyMs - 1e-6);
      if (!c.stats.flushed)
        expect(
          c.stats.receivedFrames - (c.stats.startFrame + c.stats.frames),
        ).toBeGreaterThanOrEqual(3);
    }
    expect(toy.windows).toEqual(chunks.map((c) => c.stats.windowFrames));
  });

  it('is pull-based: the source is read only as far as the next chunk needs', async () => {
    const toy = new ToyVocoder({ k: 2 });
    let pulled = 0;
    function* source() {
      for (const c of melChunks(noiseMel(1000), 4)) {
        pulled += c.frames;
        yield c;
      }
    }
    const it = vocodeChunks(toy, source(), { chunkFrames: 4 })[Symbol.asyncIterator]();
    await it.next();
    expect(pulled).toBe(8); // frames [0, 4) need 2 of lookahead: two 4-frame chunks
    await it.next();
    expect(pulled).toBe(12); // frames [4, 8)
    await it.next();
    expect(pulled).toBe(16);
    await it.return(undefined);
  });

  it('picks the chunk from a latency target (calibrating first) and still matches offline', async () => {
    const toy = new ToyVocoder({ k: 2 });
    const mel = noiseMel(300);
    const offline = (await toy.vocode(mel)).samples;
    const chunks = await collect(vocodeChunks(toy, melChunks(mel, 64), { latencyTargetMs: 1000 }));
    expect(maxAbsDiff(join(chunks), offline)).toBe(0);
    expect(Math.max(...chunks.map((c) => c.stats.frames))).toBeGreaterThan(1);
  });

  it('cancels on abort while waiting for the source, closes the source and releases the vocoder', async () => {
    const toy = new ToyVocoder({ k: 1 });
    let returned = false;
    let served = 0;
    const source: AsyncIterable<MelSpectrogram> = {
      [Symbol.asyncIterator]: () => ({
        next: () =>
          served++ < 2
            ? Promise.resolve({ done: false, value: noiseMel(4) })
            : new Promise(() => {}),
        return: async () => {
          returned = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const controller = new AbortController();
    const it = vocodeChunks(toy, source, { signal: controller.signal, disposeVocoder: true });
    await it.next(); // frames [0, 3) after the first chunk
    await it.next();
    const pending = it.next(); // the source never delivers a third chunk
    await sleep(5);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'E_ABORTED' });
    expect(returned).toBe(true);
    expect(toy.released).toBe(1);
    await expect(toy.vocode(noiseMel(2))).rejects.toMatchObject({ code: 'E_DISPOSED' });
  });

  it('cancels a running window on abort and disposes only after it settled', async () => {
    const toy = new ToyVocoder({ k: 1, delayMs: 40 });
    const controller = new AbortController();
    const run = collect(
      vocodeChunks(toy, melChunks(noiseMel(30), 10), {
        signal: controller.signal,
        disposeVocoder: true,
      }),
    );
    setTimeout(() => controller.abort(new VocoderError('E_ABORTED', 'user stop')), 10);
    await expect(run).rejects.toMatchObject({ code: 'E_ABORTED', message: 'user stop' });
    expect(toy.released).toBe(1);
    expect(toy.windows.length).toBe(1);
  });

  it('propagates errors of the source, the chunks and the vocoder', async () => {
    const toy = new ToyVocoder({ k: 1 });
    async function* failing() {
      yield noiseMel(5);
      throw new Error('socket closed');
    }
    await expect(collect(vocodeChunks(toy, failing()))).rejects.toThrow('socket closed');
    const nan = noiseMel(4);
    nan.data[5] = Number.NaN;
    await expect(collect(vocodeChunks(toy, [noiseMel(4), nan]))).rejects.toMatchObject({
      code: 'E_MEL_NONFINITE',
    });
    const other = createMel(new Float32Array(80 * 3), 80, {
      ...HIFIGAN_PRESET,
      name: 'x',
      fmax: 7000,
    });
    await expect(collect(vocodeChunks(toy, [noiseMel(4), other]))).rejects.toMatchObject({
      code: 'E_MEL_CONVENTION',
    });
    await expect(
      collect(vocodeChunks(toy, [{ frames: 3 } as unknown as MelSpectrogram])),
    ).rejects.toThrow(TypeError);
    const broken = new ToyVocoder({ k: 1 });
    broken.failAt = { index: 1, error: new VocoderError('E_BACKEND_RUN', 'session lost') };
    await expect(
      collect(vocodeChunks(broken, melChunks(noiseMel(20), 5), { disposeVocoder: true })),
    ).rejects.toMatchObject({ code: 'E_BACKEND_RUN' });
    expect(broken.released).toBe(1);
  });

  it('validates its options', async () => {
    const toy = new ToyVocoder();
    await expect(
      collect(vocodeChunks(toy, [noiseMel(4)], { chunkFrames: 0 })),
    ).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
    await expect(
      collect(vocodeChunks(toy, [noiseMel(4)], { crossfadeShape: 'cubic' as never })),
    ).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
    await expect(collect(vocodeChunks({} as Vocoder, [noiseMel(4)]))).rejects.toThrow(TypeError);
    await expect(collect(vocodeChunks(toy, 42 as never))).rejects.toThrow(TypeError);
  });
});
