import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realFft } from '../src/spectral/fft.js';

function naiveDft(x: number[]): { re: number[]; im: number[] } {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= Math.floor(n / 2); k++) {
    let r = 0;
    let i = 0;
    for (let t = 0; t < n; t++) {
      r += x[t]! * Math.cos((2 * Math.PI * k * t) / n);
      i -= x[t]! * Math.sin((2 * Math.PI * k * t) / n);
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

describe('realFft', () => {
  it('matches a naive DFT and inverts exactly for any length (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 1000 }), (n, seed) => {
        const x = Array.from(
          { length: n },
          (_, i) => Math.sin(seed * (i + 1) * 0.37) + ((i * seed) % 7) / 7,
        );
        const plan = realFft(n);
        const re = new Float64Array(plan.bins);
        const im = new Float64Array(plan.bins);
        plan.forward(x, re, im);
        const ref = naiveDft(x);
        for (let k = 0; k < plan.bins; k++) {
          expect(re[k]).toBeCloseTo(ref.re[k]!, 8);
          expect(im[k]).toBeCloseTo(ref.im[k]!, 8);
        }
        const back = new Float64Array(n);
        plan.inverse(re, im, back);
        for (let i = 0; i < n; i++) expect(back[i]).toBeCloseTo(x[i]!, 9);
      }),
      { numRuns: 60 },
    );
  });

  it('matches a naive DFT on every bin and inverts exactly for powers of two up to 4096', () => {
    for (let n = 8; n <= 4096; n *= 2) {
      const x = Array.from(
        { length: n },
        (_, i) => Math.sin(i * 0.731) + ((i * 7919) % 13) / 13 - 0.5,
      );
      const plan = realFft(n);
      const re = new Float64Array(plan.bins);
      const im = new Float64Array(plan.bins);
      plan.forward(x, re, im);
      const ref = naiveDft(x);
      for (let k = 0; k < plan.bins; k++) {
        expect(Math.abs(re[k]! - ref.re[k]!)).toBeLessThan(1e-9 * n);
        expect(Math.abs(im[k]! - ref.im[k]!)).toBeLessThan(1e-9 * n);
      }
      const back = new Float64Array(n);
      plan.inverse(re, im, back);
      for (let i = 0; i < n; i++) expect(back[i]).toBeCloseTo(x[i]!, 12);
      // a partial forward transform writes the requested bins identically
      const re2 = new Float64Array(plan.bins);
      const im2 = new Float64Array(plan.bins);
      plan.forward(Float64Array.from(x), re2, im2, n / 4 + 1);
      for (let k = 0; k <= n / 4; k++) {
        expect(re2[k]).toBe(re[k]);
        expect(im2[k]).toBe(im[k]);
      }
    }
  });

  it('handles the sizes the presets and metrics use', () => {
    for (const n of [321, 512, 1024, 2048]) {
      const plan = realFft(n);
      const x = new Float64Array(n);
      x[1] = 1;
      const re = new Float64Array(plan.bins);
      const im = new Float64Array(plan.bins);
      plan.forward(x, re, im);
      const k = Math.floor(n / 3);
      expect(re[k]).toBeCloseTo(Math.cos((2 * Math.PI * k) / n), 9);
      expect(im[k]).toBeCloseTo(-Math.sin((2 * Math.PI * k) / n), 9);
    }
  });
});
