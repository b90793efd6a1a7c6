/**
 * The inputs every suite and peer shares, written to apps/bench/.cache so that the CLI, the
 * workers and the PyTorch scripts read the very same data: a mel of real speech (LJSpeech clips
 * from ../shared, concatenated), 60 s of that speech for the mel frontends, and a HiFi-GAN V1
 * generator with random weights (there is no V1 checkpoint here; speed does not depend on the
 * weight values).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HIFIGAN_PRESET } from '@voirs/core';
import { computeMel, readWav, writeNpy } from '@voirs/dsp';
import {
  HIFIGAN_ARCHS,
  buildGeneratorGraph,
  receptiveField,
  type ConvWeights,
  type HifiganWeights,
} from '@voirs/hifigan';
import { CACHE_DIR, SHARED_DIR } from './paths.js';

/** A prepared input file and a description of its origin. */
export interface PreparedInput {
  readonly path: string;
  readonly source: string;
}

const LJSPEECH_DIR = join(SHARED_DIR, 'data', 'ljspeech');

/** At least `samples` samples of LJSpeech (22050 Hz) clips in name order, or `undefined` without them. */
function speech(samples: number): { audio: Float32Array; clips: string[] } | undefined {
  if (!existsSync(LJSPEECH_DIR)) return undefined;
  const names = readdirSync(LJSPEECH_DIR)
    .filter((n) => n.endsWith('.wav'))
    .sort();
  const parts: Float32Array[] = [];
  const clips: string[] = [];
  let total = 0;
  for (const name of names) {
    if (total >= samples) break;
    const { audio } = readWav(new Uint8Array(readFileSync(join(LJSPEECH_DIR, name))));
    if (audio.sampleRate !== HIFIGAN_PRESET.sampleRate || audio.channels !== 1) continue;
    parts.push(audio.samples);
    clips.push(name.replace(/\.wav$/, ''));
    total += audio.samples.length;
  }
  if (total < samples) return undefined;
  const audio = new Float32Array(samples);
  let offset = 0;
  for (const part of parts) {
    audio.set(part.subarray(0, Math.min(part.length, samples - offset)), offset);
    offset += part.length;
    if (offset >= samples) break;
  }
  return { audio, clips };
}

/** A deterministic stand-in when ../shared is missing: a tone with a little pseudo-random noise. */
function synthetic(samples: number): Float32Array {
  return Float32Array.from(
    { length: samples },
    (_, i) => 0.3 * Math.sin(i * 0.0123) + ((i * 7919) % 997) / 9970 - 0.05,
  );
}

function audioOf(samples: number): { audio: Float32Array; source: string } {
  const real = speech(samples);
  if (real !== undefined) {
    const span = real.clips.length > 1 ? `${real.clips[0]}..${real.clips.at(-1)}` : real.clips[0];
    const how = real.clips.length > 1 ? 'concatenated' : 'excerpt';
    return { audio: real.audio, source: `LJSpeech ${span} (../shared), ${how}` };
  }
  return {
    audio: synthetic(samples),
    source: 'synthetic tone + noise (../shared/data/ljspeech not found)',
  };
}

function cachePath(name: string): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  return join(CACHE_DIR, name);
}

/** Mel frames of `seconds` of audio in the hifigan preset. */
export const framesFor = (seconds: number): number =>
  Math.max(1, Math.round((seconds * HIFIGAN_PRESET.sampleRate) / HIFIGAN_PRESET.hop));

/** A float32 [80, frames] hifigan-preset mel of `seconds` of speech, as .npy. */
export function prepareMel(seconds: number): PreparedInput {
  const frames = framesFor(seconds);
  const { audio, source } = audioOf(frames * HIFIGAN_PRESET.hop);
  const mel = computeMel(audio, HIFIGAN_PRESET);
  const path = cachePath(`mel-${frames}.npy`);
  writeFileSync(path, writeNpy(mel.data, [mel.nMels, mel.frames]));
  return { path, source: `hifigan mel [80, ${mel.frames}] of ${source}` };
}

/** `seconds` of speech as float32 samples [N] (.npy). */
export function prepareAudio(seconds: number): PreparedInput {
  const samples = Math.round(seconds * HIFIGAN_PRESET.sampleRate);
  const { audio, source } = audioOf(samples);
  const path = cachePath(`audio-${samples}.npy`);
  writeFileSync(path, writeNpy(audio, [samples]));
  return { path, source: `${seconds} s at 22050 Hz of ${source}` };
}

/** Uniform weights in ±1/sqrt(fan-in) from a fixed LCG (the layer scale of PyTorch's default init). */
function randomConv(
  dims: readonly [number, number, number],
  fanIn: number,
  state: { seed: number },
  biasSize = dims[0],
): ConvWeights {
  const bound = 1 / Math.sqrt(fanIn);
  const next = () => {
    state.seed = (Math.imul(state.seed, 1664525) + 1013904223) >>> 0;
    return (state.seed / 2 ** 32) * 2 - 1;
  };
  const weight = new Float32Array(dims[0] * dims[1] * dims[2]).map(() => next() * bound);
  const bias = new Float32Array(biasSize).map(() => next() * bound);
  return { weight, bias, dims };
}

/**
 * Builds the HiFi-GAN V1 generator with random weights through @voirs/hifigan's graph builder (so
 * it carries whatever graph optimisations the package has now) and writes it as .onnx.
 */
export function prepareRandomV1(): PreparedInput {
  const config = HIFIGAN_ARCHS.v1;
  const c0 = config.upsampleInitialChannel;
  const state = { seed: 12345 };
  const ups = config.upsampleRates.map((_, i) => {
    const k = config.upsampleKernelSizes[i]!;
    return randomConv([c0 >> i, c0 >> (i + 1), k], (c0 >> i) * k, state, c0 >> (i + 1));
  });
  const resblocks = config.upsampleRates.flatMap((_, stage) => {
    const ch = c0 >> (stage + 1);
    return config.resblockKernelSizes.map((k, j) =>
      config.resblockDilationSizes[j]!.map(() => [
        randomConv([ch, ch, k], ch * k, state),
        randomConv([ch, ch, k], ch * k, state),
      ]),
    );
  });
  const last = c0 >> config.upsampleRates.length;
  const weights: HifiganWeights = {
    convPre: randomConv([c0, config.nMels, 7], config.nMels * 7, state),
    ups,
    resblocks,
    convPost: randomConv([1, last, 7], last * 7, state),
    meanFolded: false,
  };
  const onnx = buildGeneratorGraph(config, weights, {
    arch: 'v1',
    config,
    convention: HIFIGAN_PRESET,
    receptiveField: receptiveField(config),
    source: 'random weights (apps/bench)',
  });
  const path = cachePath('hifigan-v1-random.onnx');
  writeFileSync(path, onnx);
  return {
    path,
    source:
      'HiFi-GAN V1 architecture, uniform random weights (LCG seed 12345), built by @voirs/hifigan',
  };
}
