import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createAudioBuffer, type AudioBuffer } from '@voirs/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  WAV_SAMPLE_FORMATS,
  WavStreamWriter,
  readNpy,
  readWav,
  writableStreamSink,
  writeWav,
  type WavSink,
} from '../src/io/index.js';
import {
  createWavFileWriter,
  nodeStreamSink,
  readNpyFile,
  readWavFile,
  writeNpyFile,
  writeWavFile,
} from '../src/node.js';

/** An in-memory sink; seekable unless told otherwise. */
function memorySink(seekable = true) {
  let bytes = new Uint8Array(0);
  const events: string[] = [];
  const put = (chunk: Uint8Array, at: number) => {
    if (at + chunk.length > bytes.length) {
      const grown = new Uint8Array(at + chunk.length);
      grown.set(bytes);
      bytes = grown;
    }
    bytes.set(chunk, at);
  };
  const sink: WavSink = {
    write: async (chunk) => {
      await new Promise((r) => setTimeout(r, 0)); // an asynchronous sink, to exercise ordering
      put(chunk, bytes.length);
    },
    close: () => void events.push('close'),
    abort: () => void events.push('abort'),
    ...(seekable ? { writeAt: (chunk: Uint8Array, at: number) => put(chunk, at) } : {}),
  };
  return { sink, events, bytes: () => bytes };
}

const rejectsCode = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (e: unknown) => (e as { code?: string }).code ?? String(e),
  );

function split(audio: AudioBuffer, sizes: number[]): Float32Array[] {
  const out: Float32Array[] = [];
  let at = 0;
  for (let i = 0; at < audio.samples.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!) * audio.channels;
    out.push(audio.samples.subarray(at, at + n));
    at += n;
  }
  return out;
}

describe('WavStreamWriter', () => {
  it('writes the same bytes as writeWav for any block sizes, dither included (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WAV_SAMPLE_FORMATS),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }),
        async (format, channels, frames, sizes) => {
          const audio = createAudioBuffer(
            Float32Array.from({ length: frames * channels }, (_, i) => Math.sin(i * 0.7)),
            16000,
            channels,
          );
          const mem = memorySink();
          const writer = new WavStreamWriter(mem.sink, {
            sampleRate: 16000,
            channels,
            format,
            dither: true,
            seed: 11,
          });
          const pending = split(audio, sizes).map((block) => writer.write(block)); // not awaited one by one
          await Promise.all(pending);
          const summary = await writer.close();
          expect(summary).toMatchObject({ frames, sized: true });
          expect(mem.bytes()).toEqual(writeWav(audio, { format, dither: true, seed: 11 }));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes the unknown-length header to non-seekable sinks, which readWav reads back', async () => {
    const mem = memorySink(false);
    const writer = new WavStreamWriter(mem.sink, { sampleRate: 22050, format: 'f32' });
    await writer.write(createAudioBuffer(Float32Array.of(0.1, 0.2, 0.3), 22050));
    await writer.write(Float32Array.of(0.4));
    expect(await writer.close()).toMatchObject({ frames: 4, dataBytes: 16, sized: false });
    const bytes = mem.bytes();
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(4, true)).toBe(0xffffffff);
    expect(view.getUint32(bytes.length - 16 - 4, true)).toBe(0xffffffff);
    const read = readWav(bytes);
    expect(read.streamed).toBe(true);
    expect(Array.from(read.audio.samples)).toEqual(Array.from(Float32Array.of(0.1, 0.2, 0.3, 0.4)));
  });

  it('writes a valid empty file when closed without audio; close is idempotent', async () => {
    const mem = memorySink();
    const writer = new WavStreamWriter(mem.sink, { sampleRate: 8000 });
    const [a, b] = await Promise.all([writer.close(), writer.close()]);
    expect(a).toBe(b);
    expect(mem.events).toEqual(['close']);
    expect(readWav(mem.bytes()).audio.samples.length).toBe(0);
    expect(await rejectsCode(writer.write(Float32Array.of(0)))).toBe('E_STREAM');
  });

  it('fails the stream and aborts the sink on a bad block; later calls say E_STREAM', async () => {
    const mem = memorySink();
    const writer = new WavStreamWriter(mem.sink, { sampleRate: 8000, channels: 2 });
    await writer.write(Float32Array.of(0, 0));
    expect(await rejectsCode(writer.write(createAudioBuffer(new Float32Array(2), 16000, 2)))).toBe(
      'E_SAMPLE_RATE',
    );
    expect(mem.events).toEqual(['abort']);
    expect(await rejectsCode(writer.write(Float32Array.of(0, 0)))).toBe('E_STREAM');
    expect(await rejectsCode(writer.close())).toBe('E_STREAM');
    const other = new WavStreamWriter(memorySink().sink, { sampleRate: 8000, channels: 2 });
    expect(await rejectsCode(other.write(Float32Array.of(0, 0, 0)))).toBe('E_AUDIO_INVALID');
    const nan = new WavStreamWriter(memorySink().sink, { sampleRate: 8000 });
    expect(await rejectsCode(nan.write(Float32Array.of(0, Number.NaN)))).toBe('E_AUDIO_INVALID');
  });

  it('validates its options', () => {
    const sink = memorySink().sink;
    expect(() => new WavStreamWriter(sink, { sampleRate: 0 })).toThrow(
      expect.objectContaining({ code: 'E_SAMPLE_RATE' }),
    );
    expect(() => new WavStreamWriter(sink, { sampleRate: 8000, channels: 65 })).toThrow(
      expect.objectContaining({ code: 'E_AUDIO_INVALID' }),
    );
    expect(() => new WavStreamWriter(sink, { sampleRate: 8000, format: 'mp3' as never })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => new WavStreamWriter({} as never, { sampleRate: 8000 })).toThrow(TypeError);
  });

  it('streams into a WHATWG WritableStream', async () => {
    const chunks: Uint8Array[] = [];
    const stream = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c) });
    const writer = new WavStreamWriter(writableStreamSink(stream), { sampleRate: 8000 });
    await writer.write(Float32Array.of(0.5, -0.5));
    await writer.close();
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    expect(Array.from(readWav(bytes).audio.samples)).toEqual([0.5, -0.5]);
  });

  it('streams into a Node stream with backpressure', async () => {
    const pass = new PassThrough({ highWaterMark: 64 });
    const received: Buffer[] = [];
    const writer = new WavStreamWriter(nodeStreamSink(pass), { sampleRate: 8000, format: 's24' });
    const consumed = (async () => {
      for await (const chunk of pass) received.push(chunk as Buffer);
    })();
    for (let i = 0; i < 20; i++) await writer.write(new Float32Array(100).fill(i / 40));
    await writer.close();
    await consumed;
    const read = readWav(new Uint8Array(Buffer.concat(received)));
    expect(read.streamed).toBe(true);
    expect(read.audio.samples.length).toBe(2000);
    expect(read.audio.samples[1999]).toBeCloseTo(19 / 40, 6);
  });
});

describe('@voirs/dsp/node files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voirs-dsp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('createWavFileWriter writes a temp file and renames it at close', async () => {
    const path = join(dir, 'out.wav');
    writeFileSync(path, 'old content');
    const writer = await createWavFileWriter(path, { sampleRate: 22050, format: 's16' });
    await writer.write(createAudioBuffer(Float32Array.of(0.25, -0.25, 0.5), 22050));
    expect(readdirSync(dir).some((f) => f.startsWith('out.wav.partial-'))).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('old content');
    await writer.close();
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    const read = readWav(new Uint8Array(readFileSync(path)));
    expect(read.streamed).toBe(false);
    expect(Array.from(read.audio.samples)).toEqual([0.25, -0.25, 0.5]);
  });

  it('deletes the temp file on abort and on failure, leaving the target untouched', async () => {
    const path = join(dir, 'aborted.wav');
    const aborted = await createWavFileWriter(path, { sampleRate: 8000 });
    await aborted.write(new Float32Array(10));
    await aborted.abort();
    const failed = await createWavFileWriter(path, { sampleRate: 8000 });
    await failed.write(new Float32Array(10));
    expect(await rejectsCode(failed.write(Float32Array.of(Number.POSITIVE_INFINITY)))).toBe(
      'E_AUDIO_INVALID',
    );
    expect(readdirSync(dir).filter((f) => f.startsWith('aborted'))).toEqual([]);
  });

  it('maps file-system errors to E_FILE_NOT_FOUND and E_IO', async () => {
    expect(
      await rejectsCode(createWavFileWriter(join(dir, 'missing', 'x.wav'), { sampleRate: 8000 })),
    ).toBe('E_FILE_NOT_FOUND');
    expect(await rejectsCode(readWavFile(join(dir, 'nope.wav')))).toBe('E_FILE_NOT_FOUND');
    expect(await rejectsCode(readWavFile(dir))).toBe('E_IO');
  });

  it('reads and writes whole WAV and npy files', async () => {
    const wav = join(dir, 'whole.wav');
    await writeWavFile(wav, createAudioBuffer(Float32Array.of(0, 1 / 8), 8000, 1), {
      format: 'u8',
    });
    expect(existsSync(wav)).toBe(true);
    expect(Array.from((await readWavFile(wav)).audio.samples)).toEqual([0, 1 / 8]);
    const npy = join(dir, 'a.npy');
    await writeNpyFile(npy, Float32Array.of(1, 2, 3, 4), [2, 2]);
    expect(await readNpyFile(npy)).toEqual(readNpy(new Uint8Array(readFileSync(npy))));
    writeFileSync(join(dir, 'bad.npy'), 'not npy');
    await expect(readNpyFile(join(dir, 'bad.npy'))).rejects.toThrow(/bad\.npy: Invalid \.npy file/);
  });
});
