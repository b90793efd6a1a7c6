/** Agreement with the independent numpy/PyTorch implementations of tools/reference/metrics_reference.py. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  deriveKWeighting,
  estoi,
  logSpectralDistance,
  mcepAlpha,
  melCepstralDistortion,
  multiResolutionStft,
  siSdr,
  siSnr,
  stoi,
} from '../src/index.js';
import { noisy, smeared, speechlike } from './reference-signals.js';
import { mono } from './signals.js';

const golden = JSON.parse(
  readFileSync(new URL('./fixtures/metrics-golden.json', import.meta.url), 'utf8'),
);

describe('against the Python reference', () => {
  it('SI-SDR check values', () => {
    expect(siSdr([3, -0.5, 2, 7], [2.5, 0, 2, 8])).toBeCloseTo(golden.siSdrCheck, 10);
    expect(siSnr([3, -0.5, 2, 7], [2.5, 0, 2, 8])).toBeCloseTo(golden.siSnrCheck, 10);
  });

  it('STOI and ESTOI at 10 kHz', () => {
    const clean = speechlike(30000, 1, 2500);
    const ref = mono(clean, 10000);
    for (const [name, test] of [
      ['noisy', noisy(clean, 2, 0.02)],
      ['smeared', smeared(clean)],
    ] as const) {
      expect(stoi(ref, mono(test, 10000)), name).toBeCloseTo(golden.stoi10k[name].stoi, 8);
      expect(estoi(ref, mono(test, 10000)), name).toBeCloseTo(golden.stoi10k[name].estoi, 8);
    }
  });

  it('SI-SDR, multi-resolution STFT, LSD and MCD at 22.05 kHz', () => {
    const clean = speechlike(22050, 3, 5000);
    const test = noisy(clean, 4, 0.01);
    const g = golden.pair22k;
    expect(siSdr(clean, test)).toBeCloseTo(g.siSdr, 8);
    expect(siSnr(clean, test)).toBeCloseTo(g.siSnr, 8);
    const m = multiResolutionStft(mono(clean, 22050), mono(test, 22050));
    expect(m.total).toBeCloseTo(g.mrstft.total, 5);
    expect(m.spectralConvergence).toBeCloseTo(g.mrstft.sc, 5);
    expect(m.logMagnitude).toBeCloseTo(g.mrstft.mag, 5);
    expect(logSpectralDistance(mono(clean, 22050), mono(test, 22050))).toBeCloseTo(g.lsd, 4);
    expect(melCepstralDistortion(mono(clean, 22050), mono(test, 22050))).toBeCloseTo(g.mcd, 4);
  });

  it('all-pass constants and K-weighting at other rates', () => {
    for (const [sr, alpha] of Object.entries(golden.mcepAlpha))
      expect(mcepAlpha(Number(sr))).toBeCloseTo(alpha as number, 9);
    for (const [sr, { shelf, highpass }] of Object.entries(
      golden.kWeighting as Record<string, { shelf: number[]; highpass: number[] }>,
    )) {
      const [s, h] = deriveKWeighting(Number(sr));
      expect(
        [s.b0, s.b1, s.b2, s.a1, s.a2]
          .map((v, i) => v - shelf[i]!)
          .every((d) => Math.abs(d) < 1e-12),
      ).toBe(true);
      expect(
        [h.b0, h.b1, h.b2, h.a1, h.a2]
          .map((v, i) => v - highpass[i]!)
          .every((d) => Math.abs(d) < 1e-12),
      ).toBe(true);
    }
  });
});
