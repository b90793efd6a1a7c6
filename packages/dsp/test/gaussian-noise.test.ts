import { describe, expect, it } from 'vitest';
import { gaussianNoise } from '../src/index.js';

describe('gaussianNoise', () => {
  it('is a pure function of (seed, stream, index)', () => {
    const whole = gaussianNoise(42, 3, 1000);
    const tail = gaussianNoise(42, 3, 500, 500);
    expect(tail).toEqual(whole.subarray(500));
    expect(gaussianNoise(42, 4, 10)).not.toEqual(whole.subarray(0, 10));
    expect(gaussianNoise(43, 3, 10)).not.toEqual(whole.subarray(0, 10));
  });

  it('has standard normal moments', () => {
    const z = gaussianNoise(7, 0, 200_000);
    let mean = 0;
    for (const x of z) mean += x;
    mean /= z.length;
    let variance = 0;
    let kurt = 0;
    for (const x of z) {
      variance += (x - mean) ** 2;
      kurt += (x - mean) ** 4;
    }
    variance /= z.length;
    kurt = kurt / z.length / variance ** 2;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.01);
    expect(Math.abs(kurt - 3)).toBeLessThan(0.05);
    expect(z.every(Number.isFinite)).toBe(true);
  });

  it('pins the first values (cross-platform reproducibility)', () => {
    expect(Array.from(gaussianNoise(0, 0, 4), (x) => Number(x.toFixed(6)))).toMatchSnapshot();
  });
});
