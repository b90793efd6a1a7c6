/**
 * Fuzz targets reading files: WAV, npy, npz, safetensors, PyTorch zip and legacy, raw pickles.
 */
import { DIFFWAVE_PRESET, HIFIGAN_PRESET } from '@voirs/core';
import { audioFromNpy, melFromNpy, readNpy, readWav } from '@voirs/dsp';
import {
  foldWeightNormStateDict,
  loadTorchCheckpoint,
  readNpz,
  readSafetensors,
  stateDict,
  toFloat32,
  unpickle,
} from '@voirs/checkpoint';
import { MIB, bytesOf, step, type FuzzTarget } from './target.js';

/** Classes of the whole-module checkpoints the model packages allow (NVIDIA WaveGlow, DiffWave params). */
const ALLOW_GLOBALS = [
  'glow.WaveGlow',
  'glow.WN',
  'glow.Invertible1x1Conv',
  'diffwave.params.AttrDict',
];

async function torch(input: unknown): Promise<void> {
  const checkpoint = loadTorchCheckpoint(bytesOf(input), { allowGlobals: ALLOW_GLOBALS });
  await step(() => foldWeightNormStateDict(stateDict(checkpoint.object)));
}

export const FILE_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'wav',
    input: 'bytes',
    async run(input) {
      const bytes = bytesOf(input);
      await step(() => readWav(bytes, { allowTruncated: true }));
      readWav(bytes);
    },
    // 8-bit PCM decodes to 4 bytes of float per byte; the result is allocated once.
    allocationLimit: (size) => 4 * size + MIB,
  },
  {
    name: 'npy',
    input: 'bytes',
    async run(input) {
      const npy = readNpy(bytesOf(input));
      await step(() => melFromNpy(npy, HIFIGAN_PRESET));
      await step(() => melFromNpy(npy, DIFFWAVE_PRESET));
      await step(() => audioFromNpy(npy, 22050));
    },
    // the copy of the data (bool/int8 to float32 is 4x), then a float32 mel or audio.
    allocationLimit: (size) => 10 * size + MIB,
  },
  {
    name: 'npz',
    input: 'bytes',
    run: (input) => readNpz(bytesOf(input)),
    // deflate expands at most ~1032:1 (the reader refuses ratios over 1100), then a parsed copy.
    allocationLimit: (size) => 2 * 1100 * size + MIB,
  },
  {
    name: 'safetensors',
    input: 'bytes',
    async run(input) {
      const file = readSafetensors(bytesOf(input));
      for (const tensor of file.tensors.values()) await step(() => toFloat32(tensor));
    },
    // an aligned copy of the data, then float32 conversions (float16/int8 grow 2-4x).
    allocationLimit: (size) => 6 * size + MIB,
  },
  {
    name: 'torch-zip',
    input: 'bytes',
    run: torch,
    // storages (deflated entries may expand 1100:1), strided copies up to 4x the file, folded weights.
    allocationLimit: (size) => 1100 * size + 8 * size + 64 * MIB,
  },
  {
    name: 'torch-legacy',
    input: 'bytes',
    run: torch,
    allocationLimit: (size) => 8 * size + 64 * MIB,
  },
  {
    name: 'pickle',
    input: 'bytes',
    run: (input) => unpickle(bytesOf(input), { allowedClasses: new Set(ALLOW_GLOBALS) }),
    allocationLimit: (size) => 4 * size + MIB,
  },
];
