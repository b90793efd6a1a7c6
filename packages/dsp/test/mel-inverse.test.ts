import {
  DIFFWAVE_PRESET,
  HIFIGAN_PRESET,
  WAVEGLOW_PRESET,
  createAudioBuffer,
  deriveConvention,
  type MelConvention,
  type MelSpectrogram,
} from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { resample } from '../src/resample/resample.js';
import { computeMel } from '../src/spectral/compute-mel.js';
import { convertMel } from '../src/spectral/convert-mel.js';
import { compressMel, expandMel } from '../src/spectral/mel-compression.js';
import {
  applyMelFilterbank,
  denseMelFilterbank,
  melFilterbank,
} from '../src/spectral/mel-filterbank.js';
import { melToLinear } from '../src/spectral/mel-to-linear.js';
import { ljClip, maxAbsDiff, meanAbsDiff, syntheticSignal } from './mel-fixtures.js';

/** Two seconds of real speech when ../shared is there, else the synthetic chirp. */
const speech =
  ljClip('LJ001-0001')?.subarray(22050, 22050 + 2 * 22050) ?? syntheticSignal(2 * 22050);

const bankOf = (c: MelConvention) =>
  melFilterbank({
    sampleRate: c.sampleRate,
    nFft: c.nFft,
    nMels: c.nMels,
    fmin: c.fmin,
    fmax: c.fmax,
    melScale: c.melScale,
    filterNorm: c.filterNorm,
  });

/** The mel (same convention) of a [bins][frames] magnitude, through the forward maths. */
function remel(magnitude: Float32Array, frames: number, c: MelConvention): Float32Array {
  const bank = bankOf(c);
  const bins = bank.bins;
  const spectrum = new Float64Array(bins);
  const bands = new Float64Array(c.nMels);
  const linear = new Float64Array(c.nMels * frames);
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < bins; k++) {
      const p = magnitude[k * frames + t]! ** 2 + c.magnitudeEps;
      spectrum[k] = c.power === 1 ? Math.sqrt(p) : p;
    }
    applyMelFilterbank(bank, spectrum, bands);
    for (let m = 0; m < c.nMels; m++) linear[m * frames + t] = bands[m]!;
  }
  return compressMel(linear, c);
}

/** Least-norm pseudo-inverse M^T (M M^T)^-1 b, clipped at 0: the baseline NNLS must beat. */
function clippedPseudoInverse(mel: MelSpectrogram): Float32Array {
  const c = mel.convention;
  const bank = bankOf(c);
  const n = c.nMels;
  const bins = bank.bins;
  const M = denseMelFilterbank(bank);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < bins; k++)
        A[i * n + j] = A[i * n + j]! + M[i * bins + k]! * M[j * bins + k]!;
  const linear = expandMel(mel.data, c);
  const out = new Float32Array(bins * mel.frames);
  for (let t = 0; t < mel.frames; t++) {
    // solve A y = b by Gaussian elimination (A is symmetric positive definite)
    const a = A.slice();
    const y = Float64Array.from({ length: n }, (_, m) => linear[m * mel.frames + t]!);
    for (let p = 0; p < n; p++) {
      for (let r = p + 1; r < n; r++) {
        const f = a[r * n + p]! / a[p * n + p]!;
        for (let q = p; q < n; q++) a[r * n + q] = a[r * n + q]! - f * a[p * n + q]!;
        y[r] = y[r]! - f * y[p]!;
      }
    }
    for (let p = n - 1; p >= 0; p--) {
      let s = y[p]!;
      for (let q = p + 1; q < n; q++) s -= a[p * n + q]! * y[q]!;
      y[p] = s / a[p * n + p]!;
    }
    for (let k = 0; k < bins; k++) {
      let s = 0;
      for (let m = 0; m < n; m++) s += M[m * bins + k]! * y[m]!;
      out[k * mel.frames + t] = Math.max(0, s);
    }
  }
  return out;
}

describe('mel compression', () => {
  it('inverts the log and normalisation exactly above the floor and inside the range', () => {
    const linear = Float64Array.from({ length: 200 }, (_, i) => 1e-4 * 1.05 ** i);
    for (const c of [HIFIGAN_PRESET, DIFFWAVE_PRESET]) {
      const back = expandMel(compressMel(linear, c), c);
      for (let i = 0; i < linear.length; i++) {
        if (c === DIFFWAVE_PRESET && linear[i]! >= 10 ** (120 / 20)) continue; // above the top of the [0, 1] range
        expect(Math.abs(back[i]! / linear[i]! - 1)).toBeLessThan(1e-5);
      }
    }
    expect(expandMel(Float32Array.of(-20), HIFIGAN_PRESET)[0]).toBeCloseTo(1e-5, 10);
  });
});

describe('melToLinear (NNLS)', () => {
  it.each([HIFIGAN_PRESET, DIFFWAVE_PRESET])(
    'reproduces the $name mel far better than a clipped pseudo-inverse',
    (c) => {
      const mel = computeMel(speech, c);
      const lin = melToLinear(mel);
      expect(lin.bins).toBe(513);
      expect(lin.frames).toBe(mel.frames);
      expect(lin.data.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
      const nnls = meanAbsDiff(remel(lin.data, mel.frames, c), mel.data);
      const pinv = meanAbsDiff(remel(clippedPseudoInverse(mel), mel.frames, c), mel.data);
      const start = meanAbsDiff(
        remel(melToLinear(mel, { iterations: 0 }).data, mel.frames, c),
        mel.data,
      );
      console.log(
        `[nnls] ${c.name}: mean abs mel error ${nnls.toExponential(2)} (start ${start.toExponential(2)}, clipped pinv ${pinv.toExponential(2)})`,
      );
      expect(nnls).toBeLessThan(c === HIFIGAN_PRESET ? 1e-4 : 2e-5);
      expect(nnls).toBeLessThan(pinv / 10);
      expect(nnls).toBeLessThan(start / 10);
    },
  );

  it('leaves bins outside fmin..fmax at zero', () => {
    const lin = melToLinear(computeMel(speech, HIFIGAN_PRESET));
    const firstAbove = Math.ceil((8000 * 1024) / 22050) + 1;
    expect(lin.data.subarray(firstAbove * lin.frames).every((v) => v === 0)).toBe(true);
  });
});

describe('convertMel', () => {
  it('copies when the conventions agree', () => {
    const mel = computeMel(speech, HIFIGAN_PRESET);
    const same = convertMel(mel, 'hifigan');
    expect(same.data).toEqual(mel.data);
    expect(same.data).not.toBe(mel.data);
  });

  it('converts hifigan <-> waveglow close to the directly computed mel', () => {
    const h = computeMel(speech, HIFIGAN_PRESET);
    const w = computeMel(speech, WAVEGLOW_PRESET);
    const h2w = convertMel(h, WAVEGLOW_PRESET);
    expect(h2w.frames).toBe(w.frames);
    const w2h = convertMel(w, 'hifigan');
    // waveglow has one frame more for the same audio: compare the common frames
    const common = (a: MelSpectrogram, b: MelSpectrogram) => {
      const f = Math.min(a.frames, b.frames);
      const pick = (m: MelSpectrogram) =>
        Float32Array.from(
          { length: 80 * f },
          (_, i) => m.data[Math.floor(i / f) * m.frames + (i % f)]!,
        );
      return meanAbsDiff(pick(a), pick(b));
    };
    const e1 = common(h2w, w);
    const e2 = common(w2h, h);
    console.log(
      `[convert] hifigan->waveglow mean abs ${e1.toFixed(3)}, waveglow->hifigan ${e2.toFixed(3)} (natural-log units)`,
    );
    expect(e1).toBeLessThan(0.2);
    expect(e2).toBeLessThan(0.2);
  });

  it('converts hifigan -> diffwave, leaving bands above the source fmax at the floor', () => {
    const d = computeMel(speech, DIFFWAVE_PRESET);
    const h2d = convertMel(computeMel(speech, HIFIGAN_PRESET), DIFFWAVE_PRESET);
    const f = Math.min(d.frames, h2d.frames);
    let below = 0;
    let count = 0;
    for (let m = 0; m < 60; m++)
      for (let t = 0; t < f; t++, count++)
        below += Math.abs(h2d.data[m * h2d.frames + t]! - d.data[m * d.frames + t]!);
    console.log(
      `[convert] hifigan->diffwave mean abs ${(below / count).toFixed(3)} over bands 0-59 ([0, 1] units)`,
    );
    expect(below / count).toBeLessThan(0.03);
    expect(maxAbsDiff(h2d.data.subarray(79 * h2d.frames), new Float32Array(h2d.frames))).toBe(0);
  });

  it('converts across sample rate, FFT size and hop (time and frequency interpolation)', () => {
    const target = deriveConvention(HIFIGAN_PRESET, {
      name: 'sixteen',
      sampleRate: 16000,
      nFft: 512,
      win: 512,
      hop: 160,
      padding: 176,
    });
    const converted = convertMel(computeMel(speech, HIFIGAN_PRESET), target);
    const direct = computeMel(resample(createAudioBuffer(speech, 22050), 16000), target);
    const f = Math.min(converted.frames, direct.frames);
    expect(Math.abs(converted.frames - direct.frames)).toBeLessThanOrEqual(1);
    let diff = 0;
    for (let m = 0; m < 80; m++)
      for (let t = 0; t < f; t++)
        diff += Math.abs(
          converted.data[m * converted.frames + t]! - direct.data[m * direct.frames + t]!,
        );
    console.log(
      `[convert] hifigan -> 16 kHz / nFft 512 / hop 160: mean abs ${(diff / (80 * f)).toFixed(3)} (natural-log units)`,
    );
    expect(diff / (80 * f)).toBeLessThan(0.3);
  });

  it('rejects unknown presets and too-short mels', () => {
    const mel = computeMel(speech, HIFIGAN_PRESET);
    expect(() => convertMel(mel, 'tacotron')).toThrowError(
      expect.objectContaining({ code: 'E_PLUGIN_NOT_FOUND' }),
    );
    const oneFrame = { ...mel, data: mel.data.slice(0, 80), frames: 1 };
    const tiny = {
      ...HIFIGAN_PRESET,
      name: 'tiny',
      hop: 256,
      nFft: 4096,
      win: 4096,
      center: false,
      padding: 0,
    };
    expect(() => convertMel(oneFrame, tiny)).toThrowError(
      expect.objectContaining({ code: 'E_MEL_SHAPE' }),
    );
  });
});
