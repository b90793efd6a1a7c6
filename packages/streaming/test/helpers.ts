/** Toy vocoders, mels and collectors shared by the streaming tests. */
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import {
  BaseVocoder,
  HIFIGAN_PRESET,
  createMel,
  type MelConvention,
  type MelSpectrogram,
  type ResolvedSynthesisConfig,
  type VocoderFeature,
  type VocoderMetadata,
} from '@voirs/core';
import { REPO_ROOT } from '@voirs/core/testing';
import { computeMel, readWav } from '@voirs/dsp';
import type { AudioChunk } from '../src/index.js';

export const HOP = 256;

/**
 * A convolutional toy with a ±K-frame receptive field (exact streaming), an optional delay per
 * window, and counters of its windows and of release().
 */
export class ToyVocoder extends BaseVocoder {
  readonly metadata: VocoderMetadata;
  protected readonly features = new Set<VocoderFeature>(['streaming', 'deterministic']);
  windows: number[] = [];
  released = 0;
  delayMs: number;
  /** When set, synthesize() throws it on the window with this index. */
  failAt: { index: number; error: Error } | undefined;

  constructor(
    options: { k?: number; exact?: boolean; delayMs?: number; convention?: MelConvention } = {},
  ) {
    super();
    const k = options.k ?? 2;
    const convention = options.convention ?? HIFIGAN_PRESET;
    this.metadata = {
      name: 'toy',
      arch: 'toy',
      sampleRate: convention.sampleRate,
      hop: convention.hop,
      convention,
      receptiveField: { leftFrames: k, rightFrames: k, exact: options.exact ?? true },
    };
    this.delayMs = options.delayMs ?? 0;
  }

  protected async synthesize(
    mel: MelSpectrogram,
    _config: ResolvedSynthesisConfig,
  ): Promise<Float32Array> {
    const index = this.windows.push(mel.frames) - 1;
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failAt?.index === index) throw this.failAt.error;
    const k = this.metadata.receptiveField.leftFrames;
    const hop = this.metadata.hop;
    const energy = new Float64Array(mel.frames);
    for (let m = 0; m < mel.nMels; m++)
      for (let t = 0; t < mel.frames; t++) energy[t]! += mel.data[m * mel.frames + t]! / mel.nMels;
    const out = new Float32Array(mel.frames * hop);
    for (let t = 0; t < mel.frames; t++) {
      let acc = 0;
      for (let d = -k; d <= k; d++) acc += energy[t + d] ?? 0;
      const amp = 0.5 * Math.tanh(0.05 * acc);
      for (let j = 0; j < hop; j++) out[t * hop + j] = amp * Math.sin((2 * Math.PI * j) / 64);
    }
    return out;
  }

  protected override async release(): Promise<void> {
    this.released++;
  }
}

/** A pseudo-random mel of `frames` frames in the hifigan preset's range. */
export function noiseMel(frames: number, seed = 1): MelSpectrogram {
  const data = new Float32Array(80 * frames);
  let x = seed;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    data[i] = -9 + (x / 2 ** 31) * 7;
  }
  return createMel(data, 80, HIFIGAN_PRESET);
}

/** The repository's example clip (espeak-ng speech, 22050 Hz) analysed with `convention`. */
export function speechMel(
  convention: MelConvention = HIFIGAN_PRESET,
  frames?: number,
): MelSpectrogram {
  const { audio } = readWav(
    new Uint8Array(readFileSync(joinPath(REPO_ROOT, 'examples', 'speech.wav'))),
  );
  const mel = computeMel(audio, convention, { resample: true });
  if (frames === undefined || frames >= mel.frames) return mel;
  const out = new Float32Array(mel.nMels * frames);
  for (let m = 0; m < mel.nMels; m++)
    out.set(mel.data.subarray(m * mel.frames, m * mel.frames + frames), m * frames);
  return createMel(out, mel.nMels, convention);
}

/** Joins streamed chunks into one signal. */
export function join(chunks: readonly { samples: Float32Array }[]): Float32Array {
  const out = new Float32Array(chunks.reduce((n, c) => n + c.samples.length, 0));
  chunks.reduce((o, c) => (out.set(c.samples, o), o + c.samples.length), 0);
  return out;
}

export async function collect(chunks: AsyncIterable<AudioChunk>): Promise<AudioChunk[]> {
  const out: AudioChunk[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

export async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

export const maxAbsDiff = (a: Float32Array, b: Float32Array): number => {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
