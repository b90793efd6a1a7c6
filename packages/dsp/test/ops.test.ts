import { createAudioBuffer, type AudioBuffer } from '@voirs/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { peakDb, rmsDb } from '../src/analysis/index.js';
import {
  FADE_CURVES,
  TpdfDither,
  applyGain,
  applyGainDb,
  chunkAudio,
  concatAudio,
  crossfade,
  fadeGain,
  fadeIn,
  fadeOut,
  floatToInt16,
  floatToInt24,
  floatToInt32,
  highpass,
  int16ToFloat,
  int24ToFloat,
  int32ToFloat,
  joinPlanar,
  lowpass,
  mixToMono,
  normalizePeak,
  normalizeRms,
  normalizeTo,
  removeDc,
  splitPlanar,
  trimSilence,
  upmix,
} from '../src/ops/index.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? `not a VocoderError: ${String(error)}`;
  }
  return 'no error';
};
const mono = (values: ArrayLike<number>, sr = 8000) =>
  createAudioBuffer(Float32Array.from(values), sr, 1);
const sine = (n: number, freq: number, sr: number, amp = 1) =>
  mono(
    Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / sr)),
    sr,
  );

describe('gain and normalisation', () => {
  it('applies linear and dB gain without touching the input', () => {
    const a = mono([0.5, -0.25]);
    expect(Array.from(applyGain(a, 2).samples)).toEqual([1, -0.5]);
    expect(applyGainDb(a, -6.020599913279624).samples[0]).toBeCloseTo(0.25, 7);
    expect(Array.from(a.samples)).toEqual([0.5, -0.25]);
    expect(code(() => applyGain(a, Number.NaN))).toBe('E_INVALID_ARGUMENT');
  });

  it('normalises peak and RMS to their targets', () => {
    const s = sine(8000, 440, 8000, 0.1);
    const p = normalizePeak(s, -3);
    expect(peakDb(p.audio)).toBeCloseTo(-3, 5);
    expect(p).toMatchObject({ limitedBy: 'target' });
    expect(p.gainDb).toBeCloseTo(-3 - 20 * Math.log10(0.1), 4);
    expect(rmsDb(normalizeRms(s, -20).audio)).toBeCloseTo(-20, 5);
  });

  it('takes any measurement function and honours maxGainDb and ceilingDb', () => {
    const s = sine(8000, 440, 8000, 0.01);
    const lufsLike = (a: AudioBuffer) => rmsDb(a) - 0.691; // a stand-in measure that follows gain
    const r = normalizeTo(s, -23, lufsLike);
    expect(lufsLike(r.audio)).toBeCloseTo(-23, 5);
    expect(normalizeTo(s, 0, rmsDb, { maxGainDb: 12 })).toMatchObject({
      gainDb: 12,
      limitedBy: 'maxGain',
    });
    const c = normalizeRms(s, -3, { ceilingDb: -1 });
    expect(c.limitedBy).toBe('ceiling');
    expect(peakDb(c.audio)).toBeCloseTo(-1, 5);
  });

  it('refuses to normalise silence', () => {
    expect(code(() => normalizePeak(mono([0, 0, 0])))).toBe('E_AUDIO_INVALID');
    expect(code(() => normalizeRms(mono([])))).toBe('E_AUDIO_INVALID');
    expect(code(() => normalizeTo(mono([1]), Infinity, peakDb))).toBe('E_INVALID_ARGUMENT');
  });
});

describe('fades', () => {
  it('shapes its curves from 0 to 1', () => {
    for (const curve of FADE_CURVES) {
      expect(fadeGain(curve, 0)).toBe(0);
      expect(fadeGain(curve, 1)).toBeCloseTo(1, 12);
      for (let t = 0.1; t < 1; t += 0.1)
        expect(fadeGain(curve, t)).toBeGreaterThan(fadeGain(curve, t - 0.1));
    }
    expect(fadeGain('exponential', 2 / 3)).toBeCloseTo((100 - 1) / 999, 12); // -20 dB (+ offset) two thirds in
    expect(code(() => fadeGain('cosine' as never, 0.5))).toBe('E_INVALID_ARGUMENT');
  });

  it('fades in from silence and out to silence on every channel', () => {
    const a = createAudioBuffer(new Float32Array(20).fill(1), 10, 2);
    const inn = fadeIn(a, 0.5, 'linear');
    expect(Array.from(inn.samples.subarray(0, 12))).toEqual(
      [0, 0, 0.2, 0.2, 0.4, 0.4, 0.6, 0.6, 0.8, 0.8, 1, 1].map(Math.fround),
    );
    const out = fadeOut(a, 0.5, 'equal-power');
    expect(out.samples[19]).toBe(0);
    expect(out.samples[18]).toBe(0);
    expect(out.samples[9]).toBe(1); // frame 4, before the fade
    expect(out.samples[10]).toBeCloseTo(Math.sin(0.8 * (Math.PI / 2)), 6); // frame 5, the first faded one
    expect(code(() => fadeIn(a, 2))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => fadeOut(a, -1))).toBe('E_INVALID_ARGUMENT');
  });

  it('crossfades with constant gain (linear) and constant power (equal-power)', () => {
    const ones = mono(new Array(100).fill(1), 100);
    const lin = crossfade(ones, ones, 0.4, 'linear');
    expect(lin.samples.length).toBe(160);
    expect(lin.samples.every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
    const a = mono(new Array(100).fill(1), 100);
    const b = mono(new Array(100).fill(-1), 100);
    const ep = crossfade(a, b, 0.4, 'equal-power');
    for (let i = 60; i < 100; i++) {
      const t = (i - 60 + 0.5) / 40;
      expect(ep.samples[i]).toBeCloseTo(
        Math.cos((t * Math.PI) / 2) - Math.sin((t * Math.PI) / 2),
        6,
      );
    }
    expect(ep.samples[159]).toBe(-1);
    expect(code(() => crossfade(a, mono([1], 50), 0))).toBe('E_SAMPLE_RATE');
    expect(code(() => crossfade(a, mono([1], 100), 0.4))).toBe('E_INVALID_ARGUMENT');
  });
});

describe('channel layout', () => {
  const stereo = createAudioBuffer(Float32Array.of(1, 0, 0.5, -0.5, 0, 1), 8000, 2);

  it('mixes down, splits and joins losslessly', () => {
    expect(Array.from(mixToMono(stereo).samples)).toEqual([0.5, 0, 0.5]);
    const planar = splitPlanar(stereo);
    expect(planar.map((p) => Array.from(p))).toEqual([
      [1, 0.5, 0],
      [0, -0.5, 1],
    ]);
    expect(joinPlanar(planar, 8000)).toEqual(stereo);
    const m = mono([1, 2]);
    const split = splitPlanar(m);
    split[0]![0] = 9;
    expect(m.samples[0]).toBe(1); // a copy, even for mono
    expect(code(() => joinPlanar([new Float32Array(2), new Float32Array(3)], 8000))).toBe(
      'E_AUDIO_INVALID',
    );
  });

  it('upmixes mono only', () => {
    expect(Array.from(upmix(mono([0.1, 0.2]), 3).samples)).toEqual(
      [0.1, 0.1, 0.1, 0.2, 0.2, 0.2].map(Math.fround),
    );
    expect(upmix(stereo, 2)).toEqual(stereo);
    expect(code(() => upmix(stereo, 4))).toBe('E_INVALID_ARGUMENT');
  });

  it('round-trips split/join for any layout (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 20 }),
        (channels, frames) => {
          const a = createAudioBuffer(
            Float32Array.from({ length: channels * frames }, (_, i) => i),
            8000,
            channels,
          );
          expect(joinPlanar(splitPlanar(a), 8000)).toEqual(a);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('concat, chunk and trim', () => {
  it('chunks into fixed blocks with a short last block, and concat undoes it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        (ch, frames, size) => {
          const a = createAudioBuffer(
            Float32Array.from({ length: ch * frames }, (_, i) => i),
            8000,
            ch,
          );
          const blocks = chunkAudio(a, size);
          expect(blocks.length).toBe(Math.ceil(frames / size));
          blocks.slice(0, -1).forEach((b) => expect(b.samples.length).toBe(size * ch));
          if (blocks.length > 0) expect(concatAudio(blocks)).toEqual(a);
        },
      ),
    );
    expect(code(() => chunkAudio(mono([1]), 0))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => concatAudio([]))).toBe('E_AUDIO_INVALID');
    expect(code(() => concatAudio([mono([1]), mono([1], 16000)]))).toBe('E_SAMPLE_RATE');
  });

  it('trims silence below the threshold, with padding', () => {
    const a = mono([0, 0.0001, 0.5, 0, -0.3, 0.0002, 0]);
    expect(trimSilence(a)).toMatchObject({ start: 2, end: 5 });
    expect(Array.from(trimSilence(a).audio.samples)).toEqual([0.5, 0, -0.3].map(Math.fround));
    expect(trimSilence(a, { thresholdDb: -90 })).toMatchObject({ start: 1, end: 6 });
    expect(trimSilence(a, { padSeconds: 1 / 8000 })).toMatchObject({ start: 1, end: 6 });
    expect(trimSilence(mono([0, 0]))).toMatchObject({ start: 0, end: 0 });
    expect(trimSilence(mono([0, 0])).audio.samples.length).toBe(0);
  });
});

describe('sample formats', () => {
  it('converts float to 16/24/32-bit with rounding and clipping, and back exactly', () => {
    const x = Float32Array.of(0, 0.5, -0.5, 1, -1, 2, -2, 1 / 65536);
    expect(Array.from(floatToInt16(x))).toEqual([
      0, 16384, -16384, 32767, -32768, 32767, -32768, 1,
    ]);
    expect(Array.from(floatToInt24(x))).toEqual([
      0, 4194304, -4194304, 8388607, -8388608, 8388607, -8388608, 128,
    ]);
    expect(Array.from(floatToInt32(x)).slice(0, 5)).toEqual([
      0,
      2 ** 30,
      -(2 ** 30),
      2 ** 31 - 1,
      -(2 ** 31),
    ]);
    const all16 = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
    expect(floatToInt16(int16ToFloat(all16))).toEqual(all16);
    const some24 = Int32Array.from({ length: 5000 }, (_, i) => ((i * 3371) % 16777216) - 8388608);
    expect(floatToInt24(int24ToFloat(some24))).toEqual(some24);
    expect(floatToInt24(int16ToFloat(all16))).toEqual(Int32Array.from(all16, (v) => v * 256));
    expect(int32ToFloat(Int32Array.of(-(2 ** 31)))[0]).toBe(-1);
    expect(code(() => int24ToFloat(Int32Array.of(8388608)))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => floatToInt16(Float32Array.of(Number.NaN)))).toBe('E_AUDIO_INVALID');
  });

  it('dithers with seeded TPDF noise: reproducible, unbiased, +-1 LSB', () => {
    const x = new Float32Array(20000).fill(0.3 / 32768); // 0.3 LSB: rounds to 0 without dither
    expect(floatToInt16(x).every((v) => v === 0)).toBe(true);
    const a = floatToInt16(x, { dither: true, seed: 5 });
    expect(floatToInt16(x, { dither: true, seed: 5 })).toEqual(a);
    expect(floatToInt16(x, { dither: true, seed: 6 })).not.toEqual(a);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean).toBeCloseTo(0.3, 1); // dither linearises: the mean keeps the sub-LSB level
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThanOrEqual(2);
    const d = new TpdfDither(0);
    const noise = Array.from({ length: 50000 }, () => d.next());
    const variance = noise.reduce((s, v) => s + v * v, 0) / noise.length;
    expect(variance).toBeCloseTo(1 / 6, 2);
    expect(Math.max(...noise.map(Math.abs))).toBeLessThan(1);
  });
});

describe('DC removal and pass filters', () => {
  it('removes a constant offset per channel (mean) and slow drift (high-pass)', () => {
    const a = createAudioBuffer(
      Float32Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0.2 : -0.1) + Math.sin(i) * 0.1),
      8000,
      2,
    );
    const clean = removeDc(a);
    const sums = [0, 0];
    clean.samples.forEach((v, i) => (sums[i % 2]! += v));
    expect(Math.abs(sums[0]!)).toBeLessThan(1e-5);
    expect(Math.abs(sums[1]!)).toBeLessThan(1e-5);
    const offset = mono(new Array(16000).fill(0.5), 16000);
    const hp = removeDc(offset, { method: 'highpass', cutoffHz: 20 });
    expect(Math.abs(hp.samples[15999]!)).toBeLessThan(1e-4);
    expect(code(() => removeDc(offset, { method: 'median' as never }))).toBe('E_INVALID_ARGUMENT');
  });

  it('low-passes and high-passes with Butterworth filters', () => {
    const low = sine(16000, 200, 16000);
    const high = sine(16000, 6000, 16000);
    const mix = createAudioBuffer(
      low.samples.map((v, i) => v + high.samples[i]!),
      16000,
    );
    const lp = lowpass(mix, 1000, { order: 6 });
    const hp = highpass(mix, 1000, { order: 6 });
    const tail = (a: AudioBuffer, ref: AudioBuffer) => {
      let e = 0;
      for (let i = 8000; i < 16000; i++) e = Math.max(e, Math.abs(a.samples[i]! - ref.samples[i]!));
      return e;
    };
    // the passband keeps its amplitude (phase shifts aside), the stopband is gone: compare levels
    expect(rmsDb(createAudioBuffer(lp.samples.subarray(8000), 16000))).toBeCloseTo(rmsDb(low), 1);
    expect(rmsDb(createAudioBuffer(hp.samples.subarray(8000), 16000))).toBeCloseTo(rmsDb(high), 1);
    expect(tail(lp, mix)).toBeGreaterThan(0.5);
    expect(code(() => lowpass(mix, 9000))).toBe('E_INVALID_ARGUMENT');
  });
});
