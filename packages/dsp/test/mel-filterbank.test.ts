import { HIFIGAN_PRESET } from '@voirs/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMelFilterbank,
  denseMelFilterbank,
  melFilterbank,
} from '../src/spectral/mel-filterbank.js';
import { hzToMel, melToHz } from '../src/spectral/mel-scale.js';

describe('mel scales', () => {
  it('has the Slaney and HTK anchor values', () => {
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(500, 'slaney')).toBeCloseTo(7.5, 12);
    expect(hzToMel(6400, 'slaney')).toBeCloseTo(15 + 27, 10);
    expect(hzToMel(700, 'htk')).toBeCloseTo(2595 * Math.log10(2), 10);
    expect(() => hzToMel(1, 'bark' as never)).toThrow(TypeError);
  });

  it('round-trips Hz -> mel -> Hz on both scales (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 48_000, noNaN: true }),
        fc.constantFrom('slaney', 'htk' as const),
        (hz, scale) => {
          expect(melToHz(hzToMel(hz, scale), scale)).toBeCloseTo(hz, 6);
        },
      ),
    );
  });
});

describe('melFilterbank', () => {
  const slaney = melFilterbank({
    sampleRate: 22050,
    nFft: 1024,
    nMels: 80,
    fmin: 0,
    fmax: 8000,
    melScale: 'slaney',
    filterNorm: 'slaney',
  });
  const htk = melFilterbank({
    sampleRate: 22050,
    nFft: 1024,
    nMels: 80,
    fmin: 20,
    fmax: 11025,
    melScale: 'htk',
    filterNorm: 'none',
  });

  it('normalises Slaney triangles to unit area and keeps HTK triangles at peak <= 1', () => {
    const binHz = 22050 / 1024;
    for (let m = 0; m < 80; m++) {
      const n = slaney.end[m]! - slaney.start[m]!;
      const w = slaney.weights.subarray(slaney.offset[m]!, slaney.offset[m]! + n);
      if (n >= 12) expect(w.reduce((a, b) => a + b, 0) * binHz).toBeCloseTo(1, 1);
      const h = htk.weights.subarray(htk.offset[m]!, htk.offset[m + 1]!);
      expect(Math.max(...h)).toBeLessThanOrEqual(1);
      expect(Math.max(...h)).toBeGreaterThan(0);
    }
  });

  it('stores only the non-zero runs, and applies like the dense matrix', () => {
    expect(slaney.weights.length).toBeLessThan(2 * 372 + 80);
    const dense = denseMelFilterbank(slaney);
    let nonZero = 0;
    for (const v of dense) if (v !== 0) nonZero++;
    expect(nonZero).toBe(slaney.weights.length);
    const spectrum = Float64Array.from({ length: 513 }, (_, k) => 1 + Math.sin(k));
    const out = new Float64Array(80);
    applyMelFilterbank(slaney, spectrum, out);
    for (let m = 0; m < 80; m++) {
      let acc = 0;
      for (let k = 0; k < 513; k++) acc += dense[m * 513 + k]! * spectrum[k]!;
      expect(out[m]).toBeCloseTo(acc, 5);
    }
  });

  it('puts band edges where the scale says', () => {
    // Slaney band 0 of the hifigan preset rises from 0 Hz and peaks at melToHz(hzToMel(8000) / 81)
    const peakHz = melToHz(hzToMel(HIFIGAN_PRESET.fmax) / 81);
    const peakBin = Math.round(peakHz / (22050 / 1024));
    const w = (k: number) => slaney.weights[slaney.offset[0]! + k - slaney.start[0]!] ?? 0;
    expect(slaney.start[0]).toBe(1);
    expect(w(peakBin)).toBeGreaterThan(w(peakBin + 1));
  });

  it('rejects invalid parameters', () => {
    const base = {
      sampleRate: 22050,
      nFft: 1024,
      nMels: 80,
      fmin: 0,
      fmax: 8000,
      melScale: 'slaney',
      filterNorm: 'slaney',
    } as const;
    expect(() => melFilterbank({ ...base, fmax: 0 })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => melFilterbank({ ...base, nMels: 0 })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => melFilterbank({ ...base, filterNorm: 'l2' as never })).toThrow(TypeError);
  });
});
