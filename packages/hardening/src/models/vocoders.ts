/**
 * The four vocoders on small models, for the suites that exercise every vocoder: Griffin-Lim
 * (model-free), HiFi-GAN (the tiny generator), DiffWave and WaveGlow (the small checkpoints the
 * model packages test with), all on onnxruntime-node, plus realistic mels of their conventions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sliceMelFrames, type MelConvention, type MelSpectrogram, type Vocoder } from '@voirs/core';
import { fileURLToPath } from 'node:url';
import { computeMel, griffinLimPlugin, readWav } from '@voirs/dsp';
import { nodeBackend } from '@voirs/backend-node';
import { hifiganPlugin } from '@voirs/hifigan';
import { diffwavePlugin } from '@voirs/diffwave';
import { waveglowPlugin } from '@voirs/waveglow';
import { tinyHifiganOnnx } from '@voirs/hifigan/testing';

/** The vocoder names, in the order the suites report them. */
export const VOCODER_NAMES = ['griffinlim', 'hifigan', 'diffwave', 'waveglow'] as const;
export type VocoderName = (typeof VOCODER_NAMES)[number];

/** The repository root (not `REPO_ROOT` of core/testing: this module also runs outside vitest). */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const fixture = (pkg: string, name: string) =>
  new Uint8Array(readFileSync(join(REPO_ROOT, 'packages', pkg, 'test', 'fixtures', name)));

let hifiganOnnx: Uint8Array | undefined;

/** A fresh vocoder of each kind (single-threaded sessions, so runs are reproducible and cheap). */
export async function createVocoder(name: VocoderName): Promise<Vocoder> {
  const sessionOptions = { intraOpThreads: 1, interOpThreads: 1 };
  switch (name) {
    case 'griffinlim':
      return griffinLimPlugin.create({ convention: 'hifigan' });
    case 'hifigan':
      hifiganOnnx ??= tinyHifiganOnnx();
      return hifiganPlugin.create({
        model: { bytes: hifiganOnnx, name: 'tiny' },
        backend: nodeBackend,
        sessionOptions,
      });
    case 'diffwave':
      return diffwavePlugin.create({
        model: { bytes: fixture('diffwave', 'small.pt'), name: 'small.pt' },
        backend: nodeBackend,
        sessionOptions,
      });
    case 'waveglow':
      return waveglowPlugin.create({
        model: { bytes: fixture('waveglow', 'tiny-glow.pt'), name: 'tiny-glow.pt' },
        backend: nodeBackend,
        sessionOptions,
      });
  }
}

const melCache = new Map<string, MelSpectrogram>();

/** A speech mel of `convention` (examples/speech.wav) with `frames` frames (at most ~480). */
export function speechMel(convention: MelConvention, frames: number): MelSpectrogram {
  const key = JSON.stringify(convention);
  let mel = melCache.get(key);
  if (mel === undefined) {
    const { audio } = readWav(
      new Uint8Array(readFileSync(join(REPO_ROOT, 'examples', 'speech.wav'))),
    );
    mel = computeMel(audio, convention, { resample: true });
    melCache.set(key, mel);
  }
  const start = Math.min(40, mel.frames - frames);
  return sliceMelFrames(mel, start, start + frames);
}
