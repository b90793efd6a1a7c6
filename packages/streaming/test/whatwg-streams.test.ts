import { describe, expect, it } from 'vitest';
import { VocoderError, type MelSpectrogram } from '@voirs/core';
import {
  VocodeTransformStream,
  melChunks,
  vocodeReadableStream,
  type AudioChunk,
} from '../src/index.js';
import { ToyVocoder, join, noiseMel, readAll, sleep } from './helpers.js';

/** A mel ReadableStream over `mel` in `size`-frame chunks (pull-based), counting what was pulled. */
function melReadable(
  mel: MelSpectrogram,
  size: number,
  counter = { frames: 0, cancelled: undefined as unknown },
) {
  const chunks = melChunks(mel, size);
  const stream = new ReadableStream<MelSpectrogram>(
    {
      pull(controller) {
        const next = chunks.next();
        if (next.done === true) controller.close();
        else {
          counter.frames += next.value.frames;
          controller.enqueue(next.value);
        }
      },
      cancel(reason) {
        counter.cancelled = reason ?? 'cancelled';
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

/** An endless pull-based mel source. */
function endlessMel(size: number) {
  const counter = { frames: 0, cancelled: undefined as unknown };
  const stream = new ReadableStream<MelSpectrogram>(
    {
      pull(controller) {
        counter.frames += size;
        controller.enqueue(noiseMel(size, counter.frames));
      },
      cancel(reason) {
        counter.cancelled = reason ?? 'cancelled';
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

describe('vocodeReadableStream', () => {
  it('reads a mel ReadableStream and streams the offline audio', async () => {
    const toy = new ToyVocoder({ k: 3 });
    const mel = noiseMel(77);
    const chunks = await readAll(
      vocodeReadableStream(toy, melReadable(mel, 9).stream, { chunkFrames: 10 }),
    );
    expect(join(chunks)).toEqual((await toy.vocode(mel)).samples);
  });

  it('applies backpressure: a slow reader keeps the producer within a few chunks', async () => {
    const toy = new ToyVocoder({ k: 2 });
    const { stream, counter } = endlessMel(8);
    const audio = vocodeReadableStream(toy, stream, { chunkFrames: 8 });
    const reader = audio.getReader();
    let frames = 0;
    for (let i = 0; i < 20; i++) {
      frames += (await reader.read()).value!.stats.frames;
      await sleep(2);
      // read frames + one queued output chunk + its lookahead + the chunk being assembled
      expect(counter.frames).toBeLessThanOrEqual(frames + 8 + 2 + 8 + 8);
    }
    const before = counter.frames;
    await sleep(30);
    expect(counter.frames).toBe(before); // nothing is read while nobody reads
    await reader.cancel();
    expect(counter.cancelled).toBeDefined();
  });

  it('cancel() closes the source and releases the vocoder', async () => {
    const toy = new ToyVocoder({ k: 1, delayMs: 5 });
    const { stream, counter } = endlessMel(4);
    let settled: unknown = 'not yet';
    const audio = vocodeReadableStream(toy, stream, {
      disposeVocoder: true,
      onSettled: (e) => (settled = e),
    });
    const reader = audio.getReader();
    await reader.read();
    await reader.cancel(new VocoderError('E_ABORTED', 'listener left'));
    expect(counter.cancelled).toBeDefined();
    expect(toy.released).toBe(1);
    expect(settled).toMatchObject({ code: 'E_ABORTED' });
  });

  it('errors the stream with the vocoder’s error', async () => {
    const toy = new ToyVocoder({ k: 1 });
    toy.failAt = { index: 2, error: new VocoderError('E_BACKEND_RUN', 'session lost') };
    const { stream, counter } = endlessMel(4);
    await expect(readAll(vocodeReadableStream(toy, stream))).rejects.toMatchObject({
      code: 'E_BACKEND_RUN',
    });
    expect(counter.cancelled).toBeDefined();
  });
});

describe('VocodeTransformStream', () => {
  it('works with pipeThrough and equals offline output', async () => {
    const toy = new ToyVocoder({ k: 3 });
    const mel = noiseMel(64);
    const out = await readAll(
      melReadable(mel, 5).stream.pipeThrough(new VocodeTransformStream(toy, { chunkFrames: 6 })),
    );
    expect(join(out)).toEqual((await toy.vocode(mel)).samples);
  });

  it('holds a fast writer back while the reader is slow', async () => {
    const toy = new ToyVocoder({ k: 2 });
    const transform = new VocodeTransformStream(toy, { chunkFrames: 4 });
    const writer = transform.writable.getWriter();
    let written = 0;
    const producer = (async () => {
      for (let i = 0; i < 200; i++) {
        await writer.ready;
        void writer.write(noiseMel(4, i + 1)).catch(() => {});
        written += 4;
      }
    })();
    const reader = transform.readable.getReader();
    let read = 0;
    for (let i = 0; i < 10; i++) {
      read += (await reader.read()).value!.stats.frames;
      await sleep(3);
      expect(written).toBeLessThanOrEqual(read + 4 + 2 + 4 * 4);
    }
    await reader.cancel();
    await expect(producer).rejects.toBeDefined();
  });

  it('propagates an aborted writable to the readable side', async () => {
    const toy = new ToyVocoder({ k: 1 });
    const transform = new VocodeTransformStream(toy);
    const writer = transform.writable.getWriter();
    const reading = readAll(transform.readable);
    await writer.write(noiseMel(6));
    await writer.abort(new VocoderError('E_IO', 'upstream socket reset'));
    await expect(reading).rejects.toMatchObject({ code: 'E_IO' });
  });

  it('propagates a vocoder error to the reader and to the writer', async () => {
    const toy = new ToyVocoder({ k: 1 });
    toy.failAt = { index: 1, error: new VocoderError('E_BACKEND_RUN', 'session lost') };
    const transform = new VocodeTransformStream(toy, { chunkFrames: 2, disposeVocoder: true });
    const source = melReadable(noiseMel(40), 4);
    const chunks: AudioChunk[] = [];
    const piping = source.stream
      .pipeThrough(transform)
      .pipeTo(new WritableStream({ write: (c) => void chunks.push(c) }));
    await expect(piping).rejects.toMatchObject({ code: 'E_BACKEND_RUN' });
    expect(chunks).toHaveLength(1);
    await sleep(0);
    expect(source.counter.cancelled).toBeDefined();
    expect(toy.released).toBe(1);
  });
});
