/**
 * The test signals of tools/reference/metrics_reference.py, generated identically (integer LCG,
 * exact float64 arithmetic, rounded to float32).
 */
import { lcgNoise } from './signals.js';

/** LCG noise through a one-pole low-pass, times a triangular envelope of `period` samples. */
export function speechlike(n: number, seed: number, period: number): Float32Array {
  const u = lcgNoise(n, seed);
  const out = new Float32Array(n);
  let lp = 0;
  for (let i = 0; i < n; i++) {
    lp = 0.9 * lp + u[i]!;
    const tri = Math.abs(((i % period) / period) * 2 - 1);
    out[i] = 0.1 * lp * tri;
  }
  return out;
}

/** `clean + gain * LCG noise`, rounded to float32. */
export function noisy(clean: Float32Array, seed: number, gain: number): Float32Array {
  const u = lcgNoise(clean.length, seed);
  return Float32Array.from(clean, (v, i) => v + gain * u[i]!);
}

/** `0.7 clean[n] + 0.3 clean[n - 3]`, rounded to float32. */
export function smeared(clean: Float32Array): Float32Array {
  return Float32Array.from(clean, (v, i) => 0.7 * v + 0.3 * (clean[i - 3] ?? 0));
}
