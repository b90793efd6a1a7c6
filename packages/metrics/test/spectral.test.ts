import { describe, expect, it } from 'vitest';
import {
  HIFIGAN_LOSS_CONVENTION,
  logMelL1,
  logSpectralDistance,
  multiResolutionStft,
} from '../src/index.js';
import { codeOf, mono, noise } from './signals.js';

const sr = 22050;
const x = noise(sr, 11).map((v) => 0.1 * v);
const twice = x.map((v) => 2 * v);

describe('spectral distances', () => {
  it('are 0 for identical signals', () => {
    expect(logSpectralDistance(mono(x, sr), mono(x, sr))).toBe(0);
    expect(logMelL1(mono(x, sr), mono(x, sr))).toBe(0);
    expect(multiResolutionStft(mono(x, sr), mono(x, sr)).total).toBe(0);
  });

  it('read a 6.02 dB gain as 6.02 dB LSD, ln 2 log-mel L1, and SC 1 + log-magnitude ln 2', () => {
    expect(logSpectralDistance(mono(x, sr), mono(twice, sr))).toBeCloseTo(6.0206, 3);
    expect(logMelL1(mono(x, sr), mono(twice, sr))).toBeCloseTo(Math.LN2, 3);
    expect(
      logMelL1(mono(x, sr), mono(twice, sr), { convention: HIFIGAN_LOSS_CONVENTION }),
    ).toBeCloseTo(Math.LN2, 3);
    const m = multiResolutionStft(mono(x, sr), mono(twice, sr));
    expect(m.spectralConvergence).toBeCloseTo(1, 6);
    expect(m.logMagnitude).toBeCloseTo(Math.LN2, 3);
    expect(m.total).toBeCloseTo(1 + Math.LN2, 3);
  });

  it('grow with the distortion', () => {
    const n = noise(sr, 12);
    const d = [0.01, 0.03, 0.1].map((g) => x.map((v, i) => v + g * n[i]!));
    const lsd = d.map((y) => logSpectralDistance(mono(x, sr), mono(y, sr)));
    const mel = d.map((y) => logMelL1(mono(x, sr), mono(y, sr)));
    const mr = d.map((y) => multiResolutionStft(mono(x, sr), mono(y, sr)).total);
    for (const series of [lsd, mel, mr]) {
      expect(series[0]).toBeGreaterThan(0);
      expect(series[1]).toBeGreaterThan(series[0]!);
      expect(series[2]).toBeGreaterThan(series[1]!);
    }
  });

  it('resample to the mel convention rate and reject bad inputs', () => {
    expect(
      logMelL1(mono(x.subarray(0, 16000), 16000), mono(twice.subarray(0, 16000), 16000)),
    ).toBeCloseTo(Math.LN2, 2);
    expect(codeOf(() => logSpectralDistance(mono(x, sr), mono(x.subarray(1), sr)))).toBe(
      'E_METRIC_INPUT',
    );
    expect(
      codeOf(() => multiResolutionStft(mono(x.subarray(0, 500), sr), mono(x.subarray(0, 500), sr))),
    ).toBe('E_METRIC_INPUT');
    expect(codeOf(() => logMelL1(mono(x.subarray(0, 100), sr), mono(x.subarray(0, 100), sr)))).toBe(
      'E_METRIC_INPUT',
    );
    expect(
      codeOf(() =>
        multiResolutionStft(mono(new Float32Array(4096), sr), mono(x.subarray(0, 4096), sr)),
      ),
    ).toBe('E_METRIC_INPUT');
  });
});
