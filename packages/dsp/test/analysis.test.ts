import { readFileSync } from 'node:fs';
import { createAudioBuffer } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { describe, expect, it } from 'vitest';
import {
  clippingCount,
  crestFactor,
  crestFactorDb,
  dcOffset,
  dynamicRange,
  magnitudeSpectrum,
  peak,
  peakDb,
  powerSpectrum,
  rms,
  rmsDb,
  spectralCentroid,
  zeroCrossingRate,
} from '../src/analysis/index.js';
import { readWav } from '../src/io/index.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? `not a VocoderError: ${String(error)}`;
  }
  return 'no error';
};
const tone = (n: number, freq: number, sr: number, amp = 1, phase = 0) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / sr + phase));
const mono = (samples: Float32Array, sr = 16000) => createAudioBuffer(samples, sr);

describe('levels', () => {
  it('measures peak, RMS and crest factor of a sine and a square', () => {
    const s = mono(tone(16000, 100, 16000, 0.5, 0.3)); // 100 whole cycles
    expect(peak(s)).toBeCloseTo(0.5, 3); // the samples straddle the true peak
    expect(peakDb(s)).toBeCloseTo(-6.0206, 2);
    expect(rms(s)).toBeCloseTo(0.5 / Math.SQRT2, 6);
    expect(rmsDb(mono(tone(16000, 100, 16000)))).toBeCloseTo(-3.0103, 4);
    expect(crestFactor(s)).toBeCloseTo(Math.SQRT2, 3);
    expect(crestFactorDb(s)).toBeCloseTo(3.0103, 2);
    const square = mono(
      Float32Array.from({ length: 1000 }, (_, i) => (i % 20 < 10 ? 0.25 : -0.25)),
    );
    expect(rmsDb(square)).toBeCloseTo(-12.0412, 4);
    expect(crestFactor(square)).toBeCloseTo(1, 12);
  });

  it('reports silence as -Infinity dB and an undefined crest factor as NaN', () => {
    const silent = mono(new Float32Array(10));
    expect(peakDb(silent)).toBe(-Infinity);
    expect(rmsDb(silent)).toBe(-Infinity);
    expect(crestFactor(silent)).toBeNaN();
    expect(rms(mono(new Float32Array(0)))).toBe(0);
  });

  it('measures the DC offset per channel and counts clipped samples', () => {
    const stereo = createAudioBuffer(Float32Array.of(0.1, -0.2, 0.3, -0.2, 0.2, -0.2), 8000, 2);
    const [left, right] = dcOffset(stereo);
    expect(left).toBeCloseTo(0.2, 7);
    expect(right).toBeCloseTo(-0.2, 7);
    const clipped = mono(Float32Array.of(32767 / 32768, -1, 0.5, 1.2, -32767 / 32768));
    expect(clippingCount(clipped)).toBe(4);
    expect(clippingCount(clipped, 1)).toBe(2);
    expect(() => clippingCount(clipped, 0)).toThrow(TypeError);
    expect(() => peak({ samples: [1, 2] } as never)).toThrow(TypeError);
  });
});

describe('dynamic range', () => {
  it('reads ~0 dB for a steady tone and the level step of a two-level signal', () => {
    expect(dynamicRange(mono(tone(16000, 200, 16000)))).toBeCloseTo(0, 2);
    const twoLevels = new Float32Array(32000);
    twoLevels.set(tone(16000, 200, 16000, 0.5));
    twoLevels.set(tone(16000, 200, 16000, 0.005), 16000); // 40 dB lower
    expect(dynamicRange(mono(twoLevels))).toBeCloseTo(40, 1);
  });

  it('ignores digital silence and refuses bad percentiles', () => {
    const withGap = new Float32Array(32000);
    withGap.set(tone(16000, 200, 16000, 0.5));
    expect(dynamicRange(mono(withGap))).toBeCloseTo(0, 2);
    expect(dynamicRange(mono(new Float32Array(1000)))).toBeNaN();
    expect(
      code(() => dynamicRange(mono(withGap), { loudPercentile: 10, quietPercentile: 90 })),
    ).toBe('E_INVALID_ARGUMENT');
    expect(code(() => dynamicRange(mono(withGap), { frameSeconds: 0 }))).toBe('E_INVALID_ARGUMENT');
  });
});

describe('zero-crossing rate', () => {
  it('reads 2 f / sr for a sine and about 0.5 for white noise', () => {
    expect(zeroCrossingRate(mono(tone(16000, 500, 16000, 1, 0.1)))).toBeCloseTo(1000 / 16000, 3);
    let state = 1;
    const noise = Float32Array.from(
      { length: 20000 },
      () => (state = (state * 48271) % 2147483647) / 2147483647 - 0.5,
    );
    expect(zeroCrossingRate(mono(noise))).toBeCloseTo(0.5, 1);
    expect(zeroCrossingRate(mono(Float32Array.of(1)))).toBeNaN();
    const stereo = createAudioBuffer(Float32Array.of(1, 1, -1, 1, 1, 1), 8000, 2);
    expect(zeroCrossingRate(stereo)).toBe(0.5); // 2 crossings in channel 0, none in channel 1, 4 pairs
  });
});

describe('spectra', () => {
  it('reads the amplitude of a bin-centred sine and of DC', () => {
    const n = 1024;
    const sr = 16000;
    const k = 64; // 1000 Hz
    const s = mono(tone(8 * n, (k * sr) / n, sr, 0.5, 0.7));
    for (const window of ['hann', 'rectangular'] as const) {
      const m = magnitudeSpectrum(s, { frameSize: n, window });
      expect(m.frequencies[k]).toBe(1000);
      expect(m.values[k]).toBeCloseTo(0.5, 5);
      expect(m.values[k + 10]).toBeLessThan(1e-4);
      expect(m.frames).toBe(15);
    }
    const dc = magnitudeSpectrum(mono(new Float32Array(4096).fill(0.25)), { frameSize: 512 });
    expect(dc.values[0]).toBeCloseTo(0.25, 6);
    expect(powerSpectrum(s, { frameSize: n }).values[k]).toBeCloseTo(0.25, 5);
  });

  it('works for any frame size (321, as DNSMOS uses) and analyses one channel or the mix', () => {
    const sr = 16000;
    const left = tone(3210, (10 * sr) / 321, sr, 0.8);
    const stereo = createAudioBuffer(
      Float32Array.from({ length: 6420 }, (_, i) => (i % 2 === 0 ? left[i / 2]! : 0)),
      sr,
      2,
    );
    expect(
      magnitudeSpectrum(stereo, { frameSize: 321, window: 'rectangular', channel: 0 }).values[10],
    ).toBeCloseTo(0.8, 4);
    expect(
      magnitudeSpectrum(stereo, { frameSize: 321, window: 'rectangular' }).values[10],
    ).toBeCloseTo(0.4, 4);
    expect(code(() => magnitudeSpectrum(stereo, { channel: 2 }))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => magnitudeSpectrum(stereo, { frameSize: 1 }))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => magnitudeSpectrum(mono(new Float32Array(0))))).toBe('E_AUDIO_INVALID');
    expect(magnitudeSpectrum(mono(tone(100, 1000, sr)), { frameSize: 256 }).frames).toBe(1); // zero-padded
  });

  it('puts the spectral centroid at a tone, between two equal tones, and NaN for silence', () => {
    const sr = 16000;
    expect(spectralCentroid(mono(tone(16384, 1000, sr)), { frameSize: 1024 })).toBeCloseTo(
      1000,
      -1,
    );
    const two = tone(16384, 500, sr).map((v, i) => v + Math.sin((2 * Math.PI * 3000 * i) / sr));
    expect(Math.abs(spectralCentroid(mono(two), { frameSize: 1024 }) - 1750)).toBeLessThan(20);
    expect(spectralCentroid(mono(new Float32Array(4096)))).toBeNaN();
  });
});

describe('analysis of real speech', () => {
  const lj = sharedFile('data/ljspeech/LJ001-0001.wav');
  it.skipIf(!lj)('gives plausible figures for an LJSpeech clip', () => {
    const { audio } = readWav(new Uint8Array(readFileSync(lj!)));
    expect(peak(audio)).toBeLessThan(1);
    expect(rmsDb(audio)).toBeGreaterThan(-35);
    expect(rmsDb(audio)).toBeLessThan(-12);
    expect(crestFactorDb(audio)).toBeGreaterThan(10); // speech is peaky
    expect(dynamicRange(audio)).toBeGreaterThan(20);
    expect(zeroCrossingRate(audio)).toBeGreaterThan(0.02);
    expect(zeroCrossingRate(audio)).toBeLessThan(0.3);
    const centroid = spectralCentroid(audio);
    expect(centroid).toBeGreaterThan(300);
    expect(centroid).toBeLessThan(4000);
    expect(Math.abs(dcOffset(audio)[0]!)).toBeLessThan(0.01);
  });
});
