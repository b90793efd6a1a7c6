import { readFileSync } from 'node:fs';
import { createAudioBuffer } from '@voirs/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWav, writeWav } from '../src/io/index.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? `not a VocoderError: ${String(error)}`;
  }
  return 'no error';
};
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const u32 = (v: number) => new Uint8Array(Uint32Array.of(v).buffer);
const u16 = (v: number) => new Uint8Array(Uint16Array.of(v).buffer);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
/** A chunk with its header; `size` overrides the declared size; odd bodies get a pad byte. */
const chunk = (id: string, body: Uint8Array, size = body.length) =>
  concat(ascii(id), u32(size), body, body.length % 2 ? new Uint8Array(1) : new Uint8Array(0));
const riff = (chunks: Uint8Array[], magic = 'RIFF') => {
  const body = concat(ascii('WAVE'), ...chunks);
  return concat(ascii(magic), u32(body.length), body);
};
interface Fmt {
  tag?: number;
  channels?: number;
  rate?: number;
  bits?: number;
  blockAlign?: number;
}
const fmt = ({ tag = 1, channels = 1, rate = 8000, bits = 16, blockAlign }: Fmt = {}) =>
  chunk(
    'fmt ',
    concat(
      u16(tag),
      u16(channels),
      u32(rate),
      u32(rate * channels * (bits / 8)),
      u16(blockAlign ?? (channels * bits) / 8),
      u16(bits),
    ),
  );
const extensible = (
  subTag: number,
  bits = 24,
  channels = 2,
  guidTail = '000000001000800000aa00389b71',
  size = 40,
) => {
  const guid = Uint8Array.from(guidTail.match(/../g)!, (h) => parseInt(h, 16));
  const body = concat(
    u16(0xfffe),
    u16(channels),
    u32(8000),
    u32(8000 * channels * (bits / 8)),
    u16((channels * bits) / 8),
    u16(bits),
    u16(22),
    u16(bits),
    u32(3),
    u16(subTag),
    guid,
  );
  return chunk('fmt ', body.subarray(0, size));
};
const pcm16 = (...values: number[]) => new Uint8Array(Int16Array.from(values).buffer);

describe('readWav chunk walking', () => {
  it('skips unknown and odd-sized chunks with their pad byte, in any order', () => {
    const wav = riff([
      chunk('LIST', ascii('INFOabc')),
      chunk('junk', new Uint8Array(3)),
      fmt(),
      chunk('data', pcm16(1, -2, 3)),
      chunk('LIST', ascii('tail')),
    ]);
    expect(Array.from(readWav(wav).audio.samples)).toEqual([1 / 32768, -2 / 32768, 3 / 32768]);
    // data before fmt is legal RIFF
    expect(readWav(riff([chunk('data', pcm16(7)), fmt()])).audio.samples.length).toBe(1);
  });

  it('uses the first fmt and data chunks and ignores trailing garbage', () => {
    const wav = concat(
      riff([fmt(), chunk('data', pcm16(5, 6)), fmt({ channels: 2 }), chunk('data', pcm16(1))]),
      ascii('garbage'),
    );
    expect(readWav(wav).audio.samples.length).toBe(2);
  });

  it('reports missing chunks', () => {
    expect(code(() => readWav(riff([fmt()])))).toBe('E_WAV_INVALID');
    expect(code(() => readWav(riff([chunk('data', pcm16(1))])))).toBe('E_WAV_INVALID');
    expect(code(() => readWav(riff([])))).toBe('E_WAV_INVALID');
    expect(() => readWav(riff([fmt()]))).toThrow(/no "data" chunk/);
  });

  it('reports files cut inside the header or a chunk before the data', () => {
    const whole = riff([chunk('LIST', new Uint8Array(40)), fmt(), chunk('data', pcm16(1, 2))]);
    expect(code(() => readWav(whole.subarray(0, 30)))).toBe('E_WAV_TRUNCATED');
    expect(code(() => readWav(whole.subarray(0, 70)))).toBe('E_WAV_TRUNCATED');
    expect(code(() => readWav(riff([fmt()]).subarray(0, 30)))).toBe('E_WAV_TRUNCATED');
    expect(code(() => readWav(ascii('RIFF\x10\x00\x00')))).toBe('E_WAV_TRUNCATED');
  });

  it('rejects other containers with the right code', () => {
    expect(code(() => readWav(new Uint8Array(0)))).toBe('E_WAV_INVALID');
    expect(code(() => readWav(ascii('ID3\x03 this is an mp3')))).toBe('E_WAV_INVALID');
    expect(code(() => readWav(riff([fmt(), chunk('data', pcm16(1))], 'RIFX')))).toBe(
      'E_WAV_UNSUPPORTED',
    );
    const avi = riff([fmt()]);
    avi.set(ascii('AVI '), 8);
    expect(code(() => readWav(avi))).toBe('E_WAV_INVALID');
    expect(() => readWav('RIFF' as never)).toThrow(TypeError);
  });
});

describe('readWav data sizes', () => {
  it('refuses a data chunk that claims more than the file holds, unless allowTruncated', () => {
    const wav = riff([fmt(), chunk('data', pcm16(1, 2, 3), 100)]);
    expect(code(() => readWav(wav))).toBe('E_WAV_TRUNCATED');
    expect(() => readWav(wav)).toThrow(/claims 100 bytes but only 6.*allowTruncated/);
    const read = readWav(wav, { allowTruncated: true });
    expect(read.truncated).toBe(true);
    expect(read.audio.samples.length).toBe(3);
  });

  it('allocates only what the file holds when a header claims 2^32 - 2 bytes', () => {
    const wav = riff([fmt({ bits: 8 }), chunk('data', new Uint8Array(10).fill(128), 0xfffffffe)]);
    expect(code(() => readWav(wav))).toBe('E_WAV_TRUNCATED');
    expect(readWav(wav, { allowTruncated: true }).audio.samples.length).toBe(10);
  });

  it('reads the 0xFFFFFFFF "unknown length" data of streamed files to the end', () => {
    const wav = riff([fmt(), chunk('data', pcm16(1, 2, 3, 4), 0xffffffff)]);
    const read = readWav(wav);
    expect(read).toMatchObject({ streamed: true, truncated: false });
    expect(read.audio.samples.length).toBe(4);
    const cut = wav.subarray(0, wav.length - 1);
    expect(code(() => readWav(cut))).toBe('E_WAV_TRUNCATED');
    expect(readWav(cut, { allowTruncated: true }).audio.samples.length).toBe(3);
  });

  it('refuses a data chunk that is not whole frames unless allowTruncated', () => {
    const wav = riff([fmt({ channels: 2 }), chunk('data', new Uint8Array(6))]);
    expect(code(() => readWav(wav))).toBe('E_WAV_INVALID');
    expect(readWav(wav, { allowTruncated: true })).toMatchObject({ truncated: true });
  });

  it('reads RF64 files through their ds64 chunk', () => {
    const ds64 = chunk('ds64', concat(u32(0), u32(0), u32(6), u32(0), u32(3), u32(0), u32(0)));
    const wav = riff([ds64, fmt(), chunk('data', pcm16(9, 8, 7), 0xffffffff)], 'RF64');
    const read = readWav(wav);
    expect(read.format.container).toBe('RF64');
    expect(read.audio.samples.length).toBe(3);
    expect(code(() => readWav(riff([fmt(), chunk('data', pcm16(1))], 'RF64')))).toBe(
      'E_WAV_INVALID',
    );
  });

  it('refuses non-finite float samples', () => {
    const wav = riff([
      fmt({ tag: 3, bits: 32 }),
      chunk('data', new Uint8Array(Float32Array.of(0, Number.NaN).buffer)),
    ]);
    expect(code(() => readWav(wav))).toBe('E_WAV_INVALID');
  });
});

describe('readWav fmt validation', () => {
  const data = chunk('data', new Uint8Array(12));
  const cases: [string, Uint8Array, string][] = [
    ['0 channels', fmt({ channels: 0, blockAlign: 0 }), 'E_WAV_INVALID'],
    ['65535 channels', fmt({ channels: 65535, blockAlign: 2 }), 'E_WAV_UNSUPPORTED'],
    ['65 channels', fmt({ channels: 65 }), 'E_WAV_UNSUPPORTED'],
    ['rate 0', fmt({ rate: 0 }), 'E_SAMPLE_RATE'],
    ['rate 768001', fmt({ rate: 768001 }), 'E_SAMPLE_RATE'],
    ['block align mismatch', fmt({ channels: 2, blockAlign: 2 }), 'E_WAV_INVALID'],
    ['12-bit PCM', fmt({ bits: 12, blockAlign: 2 }), 'E_WAV_UNSUPPORTED'],
    ['16-bit float', fmt({ tag: 3, bits: 16 }), 'E_WAV_UNSUPPORTED'],
    ['A-law', fmt({ tag: 6, bits: 8 }), 'E_WAV_UNSUPPORTED'],
    ['a 14-byte fmt', chunk('fmt ', new Uint8Array(14)), 'E_WAV_INVALID'],
    ['a short extensible fmt', extensible(1, 24, 2, undefined, 24), 'E_WAV_INVALID'],
    [
      'an ambisonic sub-format',
      extensible(1, 24, 2, '0000721a0cd3a4e9f8e01a5c9be7'),
      'E_WAV_UNSUPPORTED',
    ],
    ['an extensible ADPCM', extensible(2), 'E_WAV_UNSUPPORTED'],
  ];
  for (const [name, fmtChunk, expected] of cases) {
    it(`refuses ${name} with ${expected}`, () => {
      expect(code(() => readWav(riff([fmtChunk, data])))).toBe(expected);
    });
  }

  it('reads extensible PCM and float', () => {
    expect(readWav(riff([extensible(1, 24, 2), data])).format).toMatchObject({
      encoding: 'pcm',
      bitDepth: 24,
      extensible: true,
      channelMask: 3,
    });
    expect(readWav(riff([extensible(3, 32, 3), data])).format).toMatchObject({
      encoding: 'float',
      channels: 3,
    });
  });
});

describe('readWav under random corruption (property)', () => {
  const seeds = [
    ...['s24-stereo', 'f64-mono', 'u8-mono', 's16-3ch', 'f32-stereo'].map(
      (n) => new Uint8Array(readFileSync(new URL(`./fixtures/wav/${n}.wav`, import.meta.url))),
    ),
    writeWav(
      createAudioBuffer(
        Float32Array.from({ length: 30 }, (_, i) => Math.sin(i)),
        22050,
        3,
      ),
      { format: 's24' },
    ),
    riff([
      chunk('LIST', ascii('INFOx')),
      fmt(),
      chunk('data', pcm16(1, 2, 3)),
      chunk('id3 ', new Uint8Array(5)),
    ]),
  ];
  const accepted = /^(E_WAV_INVALID|E_WAV_TRUNCATED|E_WAV_UNSUPPORTED|E_SAMPLE_RATE)$/;

  it('either parses or throws a WAV error code, allocating at most 4 bytes per input byte', () => {
    let parsed = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat({ max: 80 }), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        fc.option(fc.nat(), { nil: undefined }),
        fc.boolean(),
        (which, headerEdits, anyEdits, cut, allowTruncated) => {
          const bytes = seeds[which]!.slice();
          for (const [at, value] of [...headerEdits, ...anyEdits]) bytes[at % bytes.length] = value;
          const input = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
          try {
            const { audio } = readWav(input, { allowTruncated });
            expect(audio.samples.byteLength).toBeLessThanOrEqual(4 * input.length);
            parsed++;
          } catch (error) {
            expect(String((error as { code?: unknown }).code), String(error)).toMatch(accepted);
          }
        },
      ),
      { numRuns: 4000 },
    );
    expect(parsed).toBeGreaterThan(100);
  });
});
