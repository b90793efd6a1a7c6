/**
 * File access for the CLI: typed errors for unreadable files and content sniffing (atomic writes
 * come from @voirs/dsp/node).
 */
import { readFile, stat } from 'node:fs/promises';
import { FormatError, VocoderError } from '@voirs/core';

/** Reads a whole file, mapping fs errors to `E_FILE_NOT_FOUND` / `E_IO`. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new VocoderError('E_IO', `"${path}" is a folder; expected a file.`);
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw fsError(error, path, 'read');
  }
}

/** Converts a Node fs error into a VocoderError that says what to do. */
export function fsError(error: unknown, path: string, action: 'read' | 'write'): VocoderError {
  if (error instanceof VocoderError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') {
    return new VocoderError(
      'E_FILE_NOT_FOUND',
      action === 'read'
        ? `No such file: "${path}".`
        : `Cannot write "${path}": its folder does not exist.`,
      { cause: error },
    );
  }
  return new VocoderError(
    'E_IO',
    `Cannot ${action} "${path}": ${(error as Error)?.message ?? String(error)}`,
    { cause: error },
  );
}

/** What a file holds, judged by its first bytes (never by its extension). */
export type InputKind = 'wav' | 'npy' | 'unknown';

export function sniffInput(bytes: Uint8Array): InputKind {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (
    bytes.length >= 12 &&
    (ascii(0, 4) === 'RIFF' || ascii(0, 4) === 'RF64') &&
    ascii(8, 12) === 'WAVE'
  )
    return 'wav';
  if (bytes.length >= 6 && bytes[0] === 0x93 && ascii(1, 6) === 'NUMPY') return 'npy';
  return 'unknown';
}

/** Fails with `E_UNSUPPORTED_FORMAT` naming what was expected. */
export function unsupportedInput(path: string, expected: string): never {
  throw new FormatError(
    'E_UNSUPPORTED_FORMAT',
    `"${path}" is not ${expected} (judged by its content, not its name).`,
  );
}

/** Extension-based output kind (outputs are named by the user, so the extension decides). */
export function outputKind(path: string): 'wav' | 'npy' | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.wav')) return 'wav';
  if (lower.endsWith('.npy')) return 'npy';
  return undefined;
}
