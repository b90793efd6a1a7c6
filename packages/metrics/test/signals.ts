/** Synthetic and shared test signals. */
import { readFileSync } from 'node:fs';
import { createAudioBuffer, type AudioBuffer } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { readWav } from '@voirs/dsp';

/** `amp sin(2 pi f n / sr + phase)`. */
export const tone = (n: number, freq: number, sr: number, amp = 1, phase = 0): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / sr + phase));

/**
 * Uniform noise in [-0.5, 0.5) from a 32-bit LCG (x = 1664525 x + 1013904223 mod 2^32), the same
 * sequence tools/reference/metrics_reference.py generates.
 */
export function lcgNoise(n: number, seed = 1): Float64Array {
  let x = seed >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x / 4294967296 - 0.5;
  }
  return out;
}

/** Gaussian-ish noise (sum of 4 uniform) of unit variance. */
export function noise(n: number, seed = 1): Float32Array {
  const u = [0, 1, 2, 3].map((k) => lcgNoise(n, seed * 7919 + k));
  return Float32Array.from(
    { length: n },
    (_, i) => Math.sqrt(3) * (u[0]![i]! + u[1]![i]! + u[2]![i]! + u[3]![i]!),
  );
}

export const mono = (samples: Float32Array | Float64Array, sr: number): AudioBuffer =>
  createAudioBuffer(samples instanceof Float32Array ? samples : Float32Array.from(samples), sr);

export const add = (a: Float32Array, b: Float32Array, gain = 1): Float32Array =>
  Float32Array.from(a, (v, i) => v + gain * b[i]!);

export const rmsOf = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! ** 2;
  return Math.sqrt(s / x.length);
};

/** A shared LJSpeech clip as audio, or undefined outside CI when ../shared is missing. */
export function ljspeech(id = 'LJ001-0001'): AudioBuffer | undefined {
  const path = sharedFile(`data/ljspeech/${id}.wav`);
  return path === undefined ? undefined : readWav(readFileSync(path)).audio;
}

/** The error code a call throws ('no error' when it returns). */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (
      (error as { code?: string }).code ?? `${(error as Error).name}: ${(error as Error).message}`
    );
  }
  return 'no error';
}
