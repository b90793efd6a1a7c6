/**
 * Maps Node file-system errors to library errors with a stable code.
 */
import { VocoderError } from '@voirs/core';

/** Wraps a Node fs error: ENOENT becomes `E_FILE_NOT_FOUND`, everything else `E_IO`. */
export function fsError(error: unknown, action: string, path: string): VocoderError {
  if (error instanceof VocoderError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') {
    return new VocoderError(
      'E_FILE_NOT_FOUND',
      `Cannot ${action} ${path}: no such file or folder.`,
      { cause: error, details: { path } },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new VocoderError(
    'E_IO',
    `Cannot ${action} ${path}: ${reason}. Check the path and its permissions.`,
    {
      cause: error,
      details: { path, errno: code },
    },
  );
}
