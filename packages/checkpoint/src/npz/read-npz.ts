/**
 * `.npz` reader: a zip archive of `.npy` members (`numpy.savez` stores them, `savez_compressed`
 * deflates them), each parsed by `readNpy` from `@voirs/dsp`, with the zip hardening of this package.
 */
import { FormatError } from '@voirs/core';
import { readNpy } from '@voirs/dsp';
import { makeTensorData, type TensorData } from '../tensor-data.js';
import { ZipArchive } from '../zip/zip-archive.js';
import type { ZipLimits } from '../zip/zip-limits.js';

/**
 * The arrays of an `.npz` file, keyed by member name without `.npy` (as `numpy.load` names them),
 * in archive order.
 * @throws TypeError when `bytes` is not a Uint8Array.
 * @throws FormatError `E_ZIP_INVALID` / `E_ZIP_BOMB` / `E_PATH_TRAVERSAL` for a bad archive,
 *   `E_NPY_INVALID` for a member that is not a valid `.npy`, `E_NPY_UNSUPPORTED` for dtypes or
 *   layouts `readNpy` does not read.
 */
export function readNpz(bytes: Uint8Array, limits: ZipLimits = {}): Map<string, TensorData> {
  if (!(bytes instanceof Uint8Array))
    throw new TypeError('readNpz needs the file as a Uint8Array.');
  const archive = new ZipArchive(bytes, limits);
  const out = new Map<string, TensorData>();
  for (const entry of archive.entries) {
    if (entry.name.endsWith('/')) continue;
    if (!entry.name.endsWith('.npy')) {
      throw new FormatError(
        'E_NPY_INVALID',
        `Invalid .npz file: the member ${entry.name} is not a .npy array.`,
      );
    }
    const npy = readNpy(archive.read(entry), { name: entry.name });
    out.set(entry.name.slice(0, -4), makeTensorData(npy.dtype, npy.shape, npy.data) as TensorData);
  }
  return out;
}
