/**
 * Node-only: loads external tensor data from files inside one folder, and nowhere else.
 *
 * A location is refused when it is absolute, contains a `..` segment, contains a NUL byte, or
 * resolves (through symlinks) outside the folder; the file must be a regular file, and the
 * offset/length must lie inside it.
 */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, resolve, sep, win32 } from 'node:path';
import { FormatError, ModelError } from '@voirs/core';
import type { OnnxExternalData } from '../reader/model-info.js';
import type { ExternalDataLoader } from './embed-external-data.js';

/** The most bytes one external tensor may have (protobuf's 2 GiB model limit). */
const MAX_TENSOR_BYTES = 0x7fffffff;

/**
 * Read-only, without blocking on a FIFO or following a link swapped in after the checks (the
 * flags are POSIX-only and absent, so 0, on Windows).
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

function traversal(name: string, location: string, why: string): never {
  throw new ModelError(
    'E_PATH_TRAVERSAL',
    `Refusing external data '${location}' of tensor '${name}': ${why}. External data must be a file inside the model's folder.`,
    { details: { tensor: name, location } },
  );
}

function unusable(name: string, location: string, why: string, cause?: unknown): never {
  throw new FormatError(
    'E_ONNX_EXTERNAL_DATA',
    `External data '${location}' of tensor '${name}' ${why}.`,
    {
      cause,
      details: { tensor: name, location },
    },
  );
}

/** True for the folder itself (refused later as not a file) and anything below it. */
function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * A loader that reads external data only from regular files inside `baseDir`.
 * @throws FormatError `E_FILE_NOT_FOUND` when `baseDir` does not exist.
 */
export async function confinedLoader(baseDir: string): Promise<ExternalDataLoader> {
  if (typeof baseDir !== 'string') throw new TypeError('baseDir must be a string');
  let folder: string;
  try {
    folder = await realpath(baseDir);
  } catch (cause) {
    throw new FormatError('E_FILE_NOT_FOUND', `The model folder '${baseDir}' does not exist.`, {
      cause,
    });
  }
  return async (ref: OnnxExternalData, name: string): Promise<Uint8Array> => {
    const { location } = ref;
    if (location.includes('\0')) traversal(name, location, 'the path contains a NUL byte');
    if (isAbsolute(location) || win32.isAbsolute(location))
      traversal(name, location, 'the path is absolute');
    if (location.split(/[\\/]/).includes('..')) traversal(name, location, "the path contains '..'");
    let path: string;
    try {
      path = await realpath(resolve(folder, location.replaceAll('\\', '/')));
    } catch (cause) {
      unusable(name, location, 'does not exist', cause);
    }
    if (!isInside(path, folder))
      traversal(name, location, 'it resolves (through a link) outside the folder');
    return readRange(path, ref, name);
  };
}

async function readRange(path: string, ref: OnnxExternalData, name: string): Promise<Uint8Array> {
  const file = await open(path, OPEN_FLAGS).catch((cause: unknown) =>
    unusable(name, ref.location, 'cannot be opened', cause),
  );
  try {
    const stat = await file.stat();
    if (!stat.isFile()) unusable(name, ref.location, 'is not a regular file');
    const { offset } = ref;
    if (offset > stat.size)
      unusable(name, ref.location, `has ${stat.size} bytes, less than the offset ${offset}`);
    const length = ref.length ?? stat.size - offset;
    if (offset + length > stat.size) {
      unusable(
        name,
        ref.location,
        `has ${stat.size} bytes; offset ${offset} + length ${length} runs past its end`,
      );
    }
    if (length > MAX_TENSOR_BYTES)
      unusable(name, ref.location, `holds ${length} bytes, over the 2 GiB limit`);
    const data = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await file.read(data, done, length - done, offset + done);
      if (bytesRead === 0) unusable(name, ref.location, 'was truncated while reading');
      done += bytesRead;
    }
    return data;
  } finally {
    await file.close();
  }
}
