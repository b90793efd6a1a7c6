/**
 * The public entry for PyTorch files: detects the serialisation by content and reads it safely.
 */
import { ConfigError, FormatError } from '@voirs/core';
import { detectFormat } from '../detect-format.js';
import { parseAllowGlobals } from '../pickle/allow-list.js';
import type { PickleValue } from '../pickle/values.js';
import { assertLittleEndianHost, type TensorData } from '../tensor-data.js';
import { DEFAULT_MAX_BYTES } from '../zip/zip-limits.js';
import { readTorchLegacy } from './torch-legacy.js';
import { readTorchZip } from './torch-zip.js';

/** Options of {@link loadTorchCheckpoint}. */
export interface TorchLoadOptions {
  /**
   * Extra classes (`'module.Class'`, e.g. `'glow.WaveGlow'`) that may appear in the pickle. They
   * become inert {@link InstanceRecord}s; no code of theirs ever runs. Functions cannot be allowed.
   */
  allowGlobals?: readonly string[];
  /**
   * Bound, in bytes, on the input, on the tensor storages it declares and on what it expands to
   * (zip entries, strided copies). Default 2 GiB.
   */
  maxBytes?: number;
}

/** A loaded PyTorch checkpoint. */
export interface TorchCheckpoint {
  /** Which serialisation the file used. */
  readonly format: 'torch-zip' | 'torch-legacy';
  /** The unpickled object: dicts are {@link PyDict}s, tensors {@link TensorData}, modules {@link InstanceRecord}s. */
  readonly object: PickleValue;
  /** Every tensor in the object, in the order the pickle rebuilt them. */
  readonly tensors: readonly TensorData[];
}

/** Validates a `maxBytes` option. */
export function resolveMaxBytes(maxBytes: number | undefined): number {
  if (maxBytes === undefined) return DEFAULT_MAX_BYTES;
  if (typeof maxBytes !== 'number') throw new TypeError('maxBytes must be a number.');
  if (!(maxBytes > 0))
    throw new ConfigError('E_INVALID_ARGUMENT', `maxBytes must be positive, got ${maxBytes}.`);
  return maxBytes;
}

/**
 * Reads a `torch.save` file (zip or legacy serialisation, told apart by content) without running
 * any code from it.
 * @throws TypeError when `bytes` is not a Uint8Array.
 * @throws ModelError `E_CHECKPOINT_UNSAFE` when the pickle references a global outside the allow-list.
 * @throws FormatError `E_CHECKPOINT_INVALID` / `E_CHECKPOINT_UNSUPPORTED` / `E_ZIP_*` /
 *   `E_PATH_TRAVERSAL` for malformed or unsupported files, `E_UNSUPPORTED_FORMAT` when the bytes
 *   are not a torch checkpoint at all.
 */
export function loadTorchCheckpoint(
  bytes: Uint8Array,
  options: TorchLoadOptions = {},
): TorchCheckpoint {
  if (!(bytes instanceof Uint8Array))
    throw new TypeError('loadTorchCheckpoint needs the file as a Uint8Array.');
  const maxBytes = resolveMaxBytes(options.maxBytes);
  const allowedClasses = parseAllowGlobals(options.allowGlobals);
  assertLittleEndianHost();
  if (bytes.length > maxBytes) {
    throw new FormatError(
      'E_CHECKPOINT_UNSUPPORTED',
      `The checkpoint is ${bytes.length} bytes, more than maxBytes (${maxBytes}); raise maxBytes if you trust the file.`,
    );
  }
  const format = detectFormat(bytes);
  const readOptions = { allowedClasses, maxBytes };
  if (format === 'torch-legacy') return { format, ...readTorchLegacy(bytes, readOptions) };
  if (format === 'torch-zip' || (bytes[0] === 0x50 && bytes[1] === 0x4b && format === 'unknown')) {
    return { format: 'torch-zip', ...readTorchZip(bytes, readOptions) };
  }
  if (
    bytes.length > 262 &&
    new TextDecoder('latin1').decode(bytes.subarray(257, 262)) === 'ustar'
  ) {
    throw new FormatError(
      'E_CHECKPOINT_UNSUPPORTED',
      'This is a tar-format torch checkpoint (torch < 0.1.10); load and re-save it with a newer torch.',
    );
  }
  throw new FormatError(
    'E_UNSUPPORTED_FORMAT',
    `These bytes are not a PyTorch checkpoint (detected: ${format}).${format === 'unknown' ? '' : ' Use loadWeights for other weight formats.'}`,
    {
      details: { format },
    },
  );
}
