/** Test helpers: signals, block processing and measurements. */
import type { Effect } from '@voirs/core';
import { realFft } from '@voirs/dsp';
import type { StateBuffer } from '../src/index.js';

/** Runs `samples` through `effect` in one block (a copy) and returns the output. */
export function run(
  effect: Effect,
  samples: Float32Array,
  channels = 1,
  sampleRate = 22050,
): Float32Array {
  return effect.process({ samples: samples.slice(), sampleRate, channels }).samples;
}

/** A sine of `amplitude` at `hz`. */
export function sine(
  hz: number,
  seconds: number,
  sampleRate = 22050,
  amplitude = 0.5,
): Float32Array {
  return Float32Array.from(
    { length: Math.round(seconds * sampleRate) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate),
  );
}

/** The state arrays of one of this package's effects (or a chain). */
export const stateOf = (effect: Effect): readonly StateBuffer[] =>
  (effect as unknown as { stateBuffers(): readonly StateBuffer[] }).stateBuffers();

/** Magnitude (dB) of the DFT of `x` (zero-padded to `n`) at `hz`, by the nearest bin. */
export function magnitudeDbAt(x: Float32Array, hz: number, sampleRate: number, n: number): number {
  const fft = realFft(n);
  const re = new Float64Array(fft.bins);
  const im = new Float64Array(fft.bins);
  fft.forward(x, re, im);
  const k = Math.round((hz * n) / sampleRate);
  return 20 * Math.log10(Math.hypot(re[k]!, im[k]!));
}

/** Peak of |x| over a range. */
export function peakOf(x: ArrayLike<number>, from = 0, to = x.length): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(x[i]!));
  return m;
}

/** RMS over a range. */
export function rmsOf(x: ArrayLike<number>, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / Math.max(1, to - from));
}

/**
 * The true peak of `x` by band-limited interpolation: the spectrum zero-padded `factor` times
 * (an independent method from the limiter's polyphase estimate). `x` should fade in and out.
 */
export function fftTruePeak(x: Float32Array, factor = 16): number {
  let n = 8;
  while (n < x.length * 2) n *= 2;
  const fft = realFft(n);
  const re = new Float64Array(fft.bins);
  const im = new Float64Array(fft.bins);
  fft.forward(x, re, im);
  const m = n * factor;
  const big = realFft(m);
  const R = new Float64Array(big.bins);
  const I = new Float64Array(big.bins);
  for (let k = 0; k < n / 2; k++) {
    R[k] = re[k]! * factor;
    I[k] = im[k]! * factor;
  }
  const out = new Float64Array(m);
  big.inverse(R, I, out);
  return peakOf(out);
}

/** A unit impulse of `frames` frames. */
export function impulse(frames: number): Float32Array {
  const x = new Float32Array(frames);
  x[0] = 1;
  return x;
}
