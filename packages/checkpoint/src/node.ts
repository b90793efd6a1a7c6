/**
 * Node.js file helpers of @voirs/checkpoint (`@voirs/checkpoint/node`).
 * @packageDocumentation
 */
import { readFile, stat } from 'node:fs/promises';
import { FormatError, VocoderError } from '@voirs/core';
import type { TensorData } from './tensor-data.js';
import { loadWeights, type LoadWeightsOptions } from './load-weights.js';
import {
  loadTorchCheckpoint,
  resolveMaxBytes,
  type TorchCheckpoint,
  type TorchLoadOptions,
} from './torch/load-torch-checkpoint.js';

async function readBounded(path: string, maxBytes: number | undefined): Promise<Uint8Array> {
  if (typeof path !== 'string') throw new TypeError('The checkpoint path must be a string.');
  const limit = resolveMaxBytes(maxBytes);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new VocoderError('E_IO', `${path} is not a file.`);
    if (info.size > limit) {
      throw new FormatError(
        'E_CHECKPOINT_UNSUPPORTED',
        `${path} is ${info.size} bytes, more than maxBytes (${limit}); raise maxBytes if you trust the file.`,
      );
    }
    const buffer = await readFile(path);
    // a plain Uint8Array view: Buffer's slice() does not copy, which the readers do not expect
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (cause) {
    if (cause instanceof VocoderError) throw cause;
    const code = (cause as { code?: unknown }).code;
    if (code === 'ENOENT')
      throw new VocoderError('E_FILE_NOT_FOUND', `No file at ${path}.`, { cause });
    throw new VocoderError('E_IO', `Cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
}

/** Reads and loads a `torch.save` file (see `loadTorchCheckpoint`). */
export async function readTorchCheckpointFile(
  path: string,
  options: TorchLoadOptions = {},
): Promise<TorchCheckpoint> {
  return loadTorchCheckpoint(await readBounded(path, options.maxBytes), options);
}

/** Reads a weight file of any supported format into a state dict (see `loadWeights`). */
export async function readWeightsFile(
  path: string,
  options: LoadWeightsOptions = {},
): Promise<Map<string, TensorData>> {
  return loadWeights(await readBounded(path, options.maxBytes), options);
}
