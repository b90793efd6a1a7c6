import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createAudioBuffer } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { WAV_SAMPLE_FORMATS, readWav, writeWav, type WavSampleFormat } from '../src/io/index.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/wav/${name}`, import.meta.url)));
const f32 = (bytes: Uint8Array) =>
  new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? `not a VocoderError: ${String(error)}`;
  }
  return 'no error';
};
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};
const BITS: Record<WavSampleFormat, number> = {
  u8: 8,
  s16: 16,
  s24: 24,
  s32: 32,
  f32: 32,
  f64: 64,
};

describe('readWav against SoX (fixtures made by tools/reference/dsp_wav_fixtures.sh)', () => {
  const cases = [
    {
      name: 's24-stereo',
      encoding: 'pcm',
      bitDepth: 24,
      channels: 2,
      sampleRate: 16000,
      extensible: true,
      channelMask: 3,
    },
    {
      name: 'f64-mono',
      encoding: 'float',
      bitDepth: 64,
      channels: 1,
      sampleRate: 8000,
      extensible: false,
      channelMask: 0,
    },
    {
      name: 'u8-mono',
      encoding: 'pcm',
      bitDepth: 8,
      channels: 1,
      sampleRate: 8000,
      extensible: false,
      channelMask: 0,
    },
    {
      name: 's16-3ch',
      encoding: 'pcm',
      bitDepth: 16,
      channels: 3,
      sampleRate: 8000,
      extensible: true,
      channelMask: 0,
    },
    {
      name: 'f32-stereo',
      encoding: 'float',
      bitDepth: 32,
      channels: 2,
      sampleRate: 8000,
      extensible: false,
      channelMask: 0,
    },
  ] as const;
  for (const c of cases) {
    it(`decodes ${c.name} exactly as sox does`, () => {
      const { audio, format, truncated, streamed } = readWav(fixture(`${c.name}.wav`));
      const expected = f32(fixture(`${c.name}.f32`));
      expect(format).toMatchObject({
        encoding: c.encoding,
        bitDepth: c.bitDepth,
        channels: c.channels,
        sampleRate: c.sampleRate,
      });
      expect(format).toMatchObject({
        extensible: c.extensible,
        channelMask: c.channelMask,
        container: 'RIFF',
        validBits: c.bitDepth,
      });
      expect([truncated, streamed]).toEqual([false, false]);
      expect(audio.channels).toBe(c.channels);
      expect(audio.samples.length).toBe(expected.length);
      // sox goes through 32-bit integers internally, so f64 input differs by float32 rounding at most
      expect(maxAbsDiff(audio.samples, expected)).toBeLessThanOrEqual(
        c.name === 'f64-mono' ? 1e-7 : 0,
      );
      expect(maxAbsDiff(audio.samples, new Float32Array(expected.length))).toBeGreaterThan(0.1);
    });
  }

  it('reads from a view at an odd byte offset (e.g. inside a larger buffer)', () => {
    const bytes = fixture('s24-stereo.wav');
    const holder = new Uint8Array(bytes.length + 3);
    holder.set(bytes, 3);
    expect(readWav(holder.subarray(3)).audio.samples).toEqual(readWav(bytes).audio.samples);
  });

  it('refuses mu-law with E_WAV_UNSUPPORTED and says what to do', () => {
    expect(code(() => readWav(fixture('mulaw.wav')))).toBe('E_WAV_UNSUPPORTED');
    expect(() => readWav(fixture('mulaw.wav'))).toThrow(/mu-law.*convert/);
    expect(() => readWav(fixture('mulaw.wav'), { name: 'x.wav' })).toThrow(/^x\.wav: /);
  });
});

describe('readWav on the shared corpora', () => {
  const lj = sharedFile('data/ljspeech/LJ001-0001.wav');
  const libri = sharedFile('data/librivox16k/sense_and_sensibility_01_austen_64kb-0870.wav');

  it.skipIf(!lj)('reads the 22050 Hz LJSpeech clips', () => {
    const dir = dirname(lj!);
    const files = readdirSync(dir).filter((f) => f.endsWith('.wav'));
    expect(files.length).toBe(32);
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(join(dir, file)));
      const { audio, format } = readWav(bytes);
      expect(format).toMatchObject({
        encoding: 'pcm',
        bitDepth: 16,
        channels: 1,
        sampleRate: 22050,
      });
      expect(audio.samples.length * 2 + 44).toBe(statSync(join(dir, file)).size);
      const seconds = audio.samples.length / audio.sampleRate;
      expect(seconds, file).toBeGreaterThan(1);
      expect(seconds, file).toBeLessThan(11);
    }
    // soxi: 212893 samples, 00:00:09.66
    expect(readWav(new Uint8Array(readFileSync(lj!))).audio.samples.length).toBe(212893);
  });

  it.skipIf(!libri)('reads the 16 kHz LibriVox clips', () => {
    const dir = dirname(libri!);
    const files = readdirSync(dir).filter((f) => f.endsWith('.wav'));
    expect(files.length).toBe(5);
    for (const file of files) {
      const { audio, format } = readWav(new Uint8Array(readFileSync(join(dir, file))));
      expect(format).toMatchObject({
        encoding: 'pcm',
        bitDepth: 16,
        channels: 1,
        sampleRate: 16000,
      });
      expect(audio.samples.length / 16000, file).toBeGreaterThan(1);
    }
    // soxi: 113600 samples, 00:00:07.10
    expect(readWav(new Uint8Array(readFileSync(libri!))).audio.samples.length).toBe(113600);
  });
});

describe('writeWav', () => {
  it('writes the canonical 44-byte header for 16-bit mono', () => {
    const bytes = writeWav(createAudioBuffer(Float32Array.of(0, 0.5, -1), 22050), {
      format: 's16',
    });
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(44 + 6);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(36 + 6);
    expect(view.getUint32(16, true)).toBe(16); // plain PCM fmt chunk
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint32(28, true)).toBe(44100); // byte rate
    expect(view.getUint32(40, true)).toBe(6);
    expect([view.getInt16(44, true), view.getInt16(46, true), view.getInt16(48, true)]).toEqual([
      0, 16384, -32768,
    ]);
  });

  it('uses WAVE_FORMAT_EXTENSIBLE above 16 bits or 2 channels, and a fact chunk for float', () => {
    const mono = createAudioBuffer(new Float32Array(4), 8000);
    const tagOf = (b: Uint8Array) => new DataView(b.buffer).getUint16(20, true);
    expect(tagOf(writeWav(mono, { format: 's24' }))).toBe(0xfffe);
    expect(tagOf(writeWav(mono, { format: 's32' }))).toBe(0xfffe);
    expect(tagOf(writeWav(mono, { format: 'f32' }))).toBe(3);
    expect(
      tagOf(writeWav(createAudioBuffer(new Float32Array(6), 8000, 3), { format: 's16' })),
    ).toBe(0xfffe);
    expect(new TextDecoder().decode(writeWav(mono, { format: 'f32' }).subarray(38, 42))).toBe(
      'fact',
    );
  });

  it('pads an odd data chunk and counts the pad in the RIFF size', () => {
    const bytes = writeWav(createAudioBuffer(new Float32Array(3), 8000), { format: 'u8' });
    expect(bytes.length).toBe(44 + 3 + 1);
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(bytes.length - 8);
    expect(readWav(bytes).audio.samples.length).toBe(3);
  });

  it('rounds, clips and refuses non-finite samples', () => {
    const audio = createAudioBuffer(Float32Array.of(1.5, -2, 1, 0.25 + 1 / 65536), 8000);
    expect(Array.from(readWav(writeWav(audio)).audio.samples)).toEqual([
      32767 / 32768,
      -1,
      32767 / 32768,
      0.25 + 1 / 32768,
    ]);
    expect(code(() => writeWav(createAudioBuffer(Float32Array.of(0, Number.NaN), 8000)))).toBe(
      'E_AUDIO_INVALID',
    );
    expect(
      code(() => writeWav(createAudioBuffer(Float32Array.of(Infinity), 8000), { format: 'f32' })),
    ).toBe('E_AUDIO_INVALID');
    expect(
      code(() =>
        writeWav(createAudioBuffer(new Float32Array(2), 8000), { format: 's12' as never }),
      ),
    ).toBe('E_INVALID_ARGUMENT');
    expect(() => writeWav({} as never)).toThrow(TypeError);
  });

  it('round-trips every format and channel count within half an LSB (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WAV_SAMPLE_FORMATS),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 768000 }),
        fc.integer(),
        (format, channels, frames, sampleRate, seed) => {
          const samples = Float32Array.from({ length: frames * channels }, (_, i) =>
            Math.sin(seed + i * 2.3),
          );
          const bytes = writeWav(createAudioBuffer(samples, sampleRate, channels), { format });
          const { audio, format: read } = readWav(bytes);
          expect(read).toMatchObject({
            channels,
            sampleRate,
            bitDepth: BITS[format],
            encoding: format.startsWith('f') ? 'float' : 'pcm',
          });
          expect(audio.samples.length).toBe(samples.length);
          const lsb = format.startsWith('f') ? 0 : 2 ** -(BITS[format] - 1);
          // 32-bit PCM is limited by float32 resolution near full scale
          const tolerance = format === 's32' ? 2 ** -24 : lsb / 2 + (lsb > 0 ? 1e-9 : 0);
          const clipped = samples.map((x) => Math.min(x, 1 - lsb));
          expect(maxAbsDiff(audio.samples, clipped)).toBeLessThanOrEqual(tolerance);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('writeWav output read by SoX', () => {
  let sox = true;
  try {
    execFileSync('sox', ['--version'], { stdio: 'ignore' });
  } catch {
    sox = false;
    console.warn('[voirs] skipping the SoX cross-check: sox is not installed');
  }
  const dir = sox ? mkdtempSync(join(tmpdir(), 'voirs-wav-')) : '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!sox)('decodes every format and layout to the samples readWav returns', () => {
    for (const format of WAV_SAMPLE_FORMATS) {
      for (const channels of [1, 2, 3, 6]) {
        const samples = Float32Array.from(
          { length: 101 * channels },
          (_, i) => 0.9 * Math.sin(i * 0.37),
        );
        const bytes = writeWav(createAudioBuffer(samples, 44100, channels), {
          format,
          dither: true,
          seed: 3,
        });
        const path = join(dir, `${format}-${channels}.wav`);
        writeFileSync(path, bytes);
        const decoded = f32(new Uint8Array(execFileSync('sox', ['-D', path, '-t', 'f32', '-'])));
        const info = execFileSync('soxi', [path]).toString();
        expect(info).toContain(`Channels       : ${channels}`);
        expect(info).toContain('Sample Rate    : 44100');
        expect(
          maxAbsDiff(decoded, readWav(bytes).audio.samples),
          `${format} x ${channels}`,
        ).toBeLessThanOrEqual(
          // sox converts through 32-bit integers, so float and 32-bit input only match to float32 rounding
          format === 'f32' || format === 'f64' || format === 's32' ? 2 ** -24 : 0,
        );
      }
    }
  });
});
