/**
 * @voirs/onnx/node: file helpers for Node.js. External data is read only from inside the model's
 * folder (see {@link resolveExternalData}).
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FormatError } from '@voirs/core';
import { confinedLoader } from './external/confined-loader.js';
import { embedExternalData } from './external/embed-external-data.js';

/**
 * Returns `model` with the data of its external initializers embedded, read from files inside
 * `baseDir` (the model's folder) only. A model without external data is returned as is.
 * @throws ModelError `E_PATH_TRAVERSAL` for a location that is absolute, contains `..`, or
 * resolves through a link outside `baseDir`.
 * @throws FormatError `E_ONNX_EXTERNAL_DATA` for a missing or non-regular file, an offset/length
 * outside the file or not matching the tensor, or a result over 2 GiB; `E_ONNX_INVALID` for
 * malformed model bytes; `E_FILE_NOT_FOUND` when `baseDir` does not exist.
 */
export async function resolveExternalData(model: Uint8Array, baseDir: string): Promise<Uint8Array> {
  return embedExternalData(model, await confinedLoader(baseDir));
}

/**
 * Reads an `.onnx` file and embeds its external data (from the file's folder only), giving
 * self-contained model bytes for any backend.
 * @throws FormatError `E_FILE_NOT_FOUND` / `E_IO` when the file cannot be read, and the errors of
 * {@link resolveExternalData}.
 */
export async function loadOnnxFile(path: string): Promise<Uint8Array> {
  if (typeof path !== 'string') throw new TypeError('loadOnnxFile expects a path string');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const missing = (cause as { code?: string }).code === 'ENOENT';
    throw new FormatError(
      missing ? 'E_FILE_NOT_FOUND' : 'E_IO',
      missing
        ? `The model file '${path}' does not exist.`
        : `The model file '${path}' cannot be read.`,
      { cause },
    );
  }
  return resolveExternalData(bytes, dirname(path));
}
