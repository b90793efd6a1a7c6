/**
 * The mel a benchmark vocodes: from `--input` (a WAV analysed with the vocoder's preset, or a mel
 * .npy) or, by default, from a synthetic speech-like signal; repeated or cut to `--seconds`.
 */
import {
  concatMelFrames,
  sliceMelFrames,
  type MelConvention,
  type MelSpectrogram,
} from '@voirs/core';
import { computeMel, melFromNpy, readNpy, readWav } from '@voirs/dsp';
import { readInputFile, sniffInput, unsupportedInput } from './files.js';

/** Mel frames closest to `seconds` of audio (at least one). */
export function framesFor(convention: MelConvention, seconds: number): number {
  return Math.max(1, Math.round((seconds * convention.sampleRate) / convention.hop));
}

/**
 * A deterministic speech-like signal: a gliding harmonic voice (f0 100..180 Hz, falling spectral
 * tilt) under a 4 Hz syllable envelope, plus a little noise. Stands in for speech when no input
 * is given; model speed does not depend on the content, only on the length.
 */
export function syntheticSpeech(samples: number, sampleRate: number): Float32Array {
  const out = new Float32Array(samples);
  let phase = 0;
  let seed = 0x2545f491;
  for (let i = 0; i < samples; i++) {
    const t = i / sampleRate;
    const f0 = 140 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
    phase += (2 * Math.PI * f0) / sampleRate;
    let voice = 0;
    for (let h = 1; h <= 12; h++) voice += Math.sin(h * phase) / h;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    out[i] = 0.15 * envelope * voice + 0.01 * (seed / 2 ** 32 - 0.5);
  }
  return out;
}

/** Repeats (or cuts) a mel to exactly `frames` frames. */
export function fitFrames(mel: MelSpectrogram, frames: number): MelSpectrogram {
  if (mel.frames === frames) return mel;
  if (mel.frames > frames) return sliceMelFrames(mel, 0, frames);
  const copies = Array.from({ length: Math.ceil(frames / mel.frames) }, () => mel);
  return sliceMelFrames(concatMelFrames(copies), 0, frames);
}

/** Reads `--input` (or synthesises speech) and fits it to `seconds` in `convention`. */
export async function benchMel(
  convention: MelConvention,
  seconds: number,
  input?: string,
): Promise<MelSpectrogram> {
  const frames = framesFor(convention, seconds);
  if (input === undefined) {
    const audio = syntheticSpeech(
      Math.min(frames, framesFor(convention, 10)) * convention.hop,
      convention.sampleRate,
    );
    return fitFrames(computeMel(audio, convention), frames);
  }
  const bytes = await readInputFile(input);
  switch (sniffInput(bytes)) {
    case 'wav':
      return fitFrames(
        computeMel(readWav(bytes, { name: input }).audio, convention, { resample: true }),
        frames,
      );
    case 'npy':
      return fitFrames(melFromNpy(readNpy(bytes, { name: input }), convention), frames);
    default:
      return unsupportedInput(input, 'a WAV file or a .npy mel');
  }
}
