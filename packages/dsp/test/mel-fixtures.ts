/**
 * Shared helpers of the spectral / mel / Griffin-Lim tests: golden fixtures written by
 * tools/reference/mel_reference.py, the real LJSpeech clips from ../shared, and the synthetic
 * signal the reference script builds identically.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFile } from '@voirs/core/testing';
import { readNpy } from '../src/io/npy-read.js';
import { readWav } from '../src/io/wav-read.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'mel');

/** Sample ranges of the real-speech excerpts behind the goldens. */
export const EXCERPTS = JSON.parse(readFileSync(join(FIXTURES, 'excerpts.json'), 'utf8')) as {
  sampleRate: number;
  excerpts: { clip: string; start: number; samples: number }[];
  synthetic: { samples: number };
};

/** A float golden from test/fixtures/mel as float64 values plus its shape. */
export function golden(name: string): { data: Float64Array; shape: readonly number[] } {
  const npy = readNpy(new Uint8Array(readFileSync(join(FIXTURES, name))), { name });
  if (npy.dtype !== 'float32' && npy.dtype !== 'float64')
    throw new Error(`${name}: unexpected dtype ${npy.dtype}`);
  return { data: Float64Array.from(npy.data), shape: npy.shape };
}

/** An LJSpeech clip from ../shared (undefined, with a warning, when absent outside CI). */
export function ljClip(clip: string): Float32Array | undefined {
  const path = sharedFile(`data/ljspeech/${clip}.wav`);
  return path === undefined
    ? undefined
    : readWav(new Uint8Array(readFileSync(path)), { name: path }).audio.samples;
}

/**
 * The reference script's synthetic signal: 1024 zeros, then a 100 Hz -> 8 kHz chirp (0.3) plus
 * LCG noise (0.05), at 22050 Hz.
 */
export function syntheticSignal(
  samples = EXCERPTS.synthetic.samples,
  sampleRate = 22050,
): Float32Array {
  const x = new Float32Array(samples);
  const rate = (8000 - 100) / (samples / sampleRate);
  let s = 12345;
  for (let i = 0; i < samples; i++) {
    s = (Math.imul(1103515245, s) + 12345) & 0x7fffffff;
    if (i < 1024) continue;
    const t = i / sampleRate;
    x[i] =
      0.3 * Math.sin(2 * Math.PI * (100 * t + 0.5 * rate * t * t)) + 0.05 * (s / 2 ** 31 - 0.5);
  }
  return x;
}

/** Largest absolute difference. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Mean absolute difference. */
export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}
