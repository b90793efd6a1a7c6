/**
 * Fuzz targets for models: the ONNX reader, the backends' `createSession` on mutated models (what
 * `vocode --model x.onnx` reaches), and each model plugin's preparation of a checkpoint or ONNX
 * file (what `vocode --model` and `models import` run).
 */
import type { Backend } from '@voirs/core';
import { readOnnxModel } from '@voirs/onnx';
import { nodeBackend } from '@voirs/backend-node';
import { webBackend } from '@voirs/backend-web';
import { prepareHifiganModel } from '@voirs/hifigan';
import { prepareDiffwaveModel } from '@voirs/diffwave';
import { prepareWaveglowModel } from '@voirs/waveglow';
import { MIB, bytesOf, type FuzzTarget } from './target.js';

async function session(backend: Backend, input: unknown): Promise<void> {
  const opened = await backend.createSession(bytesOf(input), {
    intraOpThreads: 1,
    interOpThreads: 1,
  });
  await opened.dispose();
}

const sizeLimit = (size: number) => 16 * size + 256 * MIB;

export const MODEL_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'onnx',
    input: 'bytes',
    run: (input) => readOnnxModel(bytesOf(input)),
    // no tensor data is copied: only node and value tables.
    allocationLimit: (size) => 4 * size + MIB,
  },
  {
    name: 'onnx-session-node',
    input: 'bytes',
    run: (input) => session(nodeBackend, input),
    allocationLimit: (size) => 4 * size + 16 * MIB,
  },
  {
    name: 'onnx-session-web',
    input: 'bytes',
    run: (input) => session(webBackend, input),
    // onnxruntime-web copies the model into its WebAssembly heap (a growing memory).
    allocationLimit: (size) => 4 * size + 64 * MIB,
  },
  {
    name: 'model-hifigan',
    input: 'bytes',
    run: (input) => prepareHifiganModel({ bytes: bytesOf(input), name: 'fuzz' }),
    allocationLimit: sizeLimit,
  },
  {
    name: 'model-diffwave',
    input: 'bytes',
    run: (input) => prepareDiffwaveModel({ bytes: bytesOf(input), name: 'fuzz' }),
    allocationLimit: sizeLimit,
  },
  {
    name: 'model-waveglow',
    input: 'bytes',
    run: (input) => prepareWaveglowModel({ bytes: bytesOf(input), name: 'fuzz' }),
    allocationLimit: sizeLimit,
  },
];
