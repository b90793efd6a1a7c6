/**
 * One call from file bytes to a state dict, whatever the weight format.
 */
import { FormatError } from '@voirs/core';
import { detectFormat } from './detect-format.js';
import { readNpz } from './npz/read-npz.js';
import { readSafetensors } from './safetensors/read-safetensors.js';
import type { TensorData } from './tensor-data.js';
import {
  loadTorchCheckpoint,
  resolveMaxBytes,
  type TorchLoadOptions,
} from './torch/load-torch-checkpoint.js';
import { stateDict } from './torch/state-dict.js';
import { ZipArchive } from './zip/zip-archive.js';

/** Options of {@link loadWeights}. */
export interface LoadWeightsOptions extends TorchLoadOptions {
  /** For torch files: the checkpoint key holding the state dict (default: generator, model, state_dict, or the top level). */
  key?: string;
}

const HINTS: Partial<Record<string, string>> = {
  onnx: 'It is an ONNX model: run it with a backend instead.',
  wav: 'It is a WAV file, not weights.',
  npy: 'It is a single .npy array: read it with readNpy from @voirs/dsp.',
};

/**
 * Reads the weights in `bytes` as a `name -> tensor` map, dispatching on the detected format:
 * torch zip/legacy (through {@link stateDict}), safetensors and npz.
 * @throws TypeError when `bytes` is not a Uint8Array.
 * @throws FormatError `E_UNSUPPORTED_FORMAT` for ONNX, WAV, npy or unrecognised bytes, plus the
 *   codes of the matching reader.
 * @throws ModelError `E_CHECKPOINT_UNSAFE` for torch pickles referencing globals outside the allow-list.
 */
export function loadWeights(
  bytes: Uint8Array,
  options: LoadWeightsOptions = {},
): Map<string, TensorData> {
  if (!(bytes instanceof Uint8Array))
    throw new TypeError('loadWeights needs the file as a Uint8Array.');
  const maxBytes = resolveMaxBytes(options.maxBytes);
  const format = detectFormat(bytes);
  switch (format) {
    case 'torch-zip':
    case 'torch-legacy':
      return stateDict(loadTorchCheckpoint(bytes, options).object, options.key);
    case 'safetensors':
      if (bytes.length > maxBytes)
        throw new FormatError(
          'E_CHECKPOINT_UNSUPPORTED',
          `The file is ${bytes.length} bytes, more than maxBytes (${maxBytes}).`,
        );
      return readSafetensors(bytes).tensors;
    case 'npz':
      return readNpz(bytes, { maxEntryBytes: maxBytes, maxTotalBytes: maxBytes });
    default:
      if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
        // A zip of something else: surface a malformed archive as such before giving up.
        new ZipArchive(bytes, { maxEntryBytes: maxBytes, maxTotalBytes: maxBytes });
        throw new FormatError(
          'E_UNSUPPORTED_FORMAT',
          'The zip archive holds neither a torch data.pkl nor .npy arrays.',
          { details: { format } },
        );
      }
      throw new FormatError(
        'E_UNSUPPORTED_FORMAT',
        `These bytes are not a weight file this package reads (detected: ${format}). ${HINTS[format] ?? 'Supported: torch (zip or legacy), safetensors, npz.'}`,
        {
          details: { format },
        },
      );
  }
}
