/**
 * The errors every {@link ModelCache} implementation reports the same way.
 */
import { ModelError, VocoderError } from '@voirs/core';

/** `E_MODEL_NOT_FOUND` for a name that is not cached. */
export function notCached(name: string, location: string): ModelError {
  return new ModelError(
    'E_MODEL_NOT_FOUND',
    `No model "${name}" in the cache (${location}). See "voirs-vocoder models list", or add it with ` +
      '"voirs-vocoder models import <checkpoint>" or "voirs-vocoder models pull <name>".',
    { details: { name, location } },
  );
}

/** `E_CACHE` for a put onto an existing name without `replace`. */
export function alreadyCached(name: string, location: string): VocoderError {
  return new VocoderError(
    'E_CACHE',
    `A model named "${name}" is already in the cache (${location}). Pick another --name, or pass --force to replace it.`,
    { details: { name, location } },
  );
}

/** `E_CHECKSUM` for cached bytes that no longer match their record. */
export function corruptedEntry(name: string, expected: string, actual: string): VocoderError {
  return new VocoderError(
    'E_CHECKSUM',
    `The cached model "${name}" is corrupted (sha256 ${actual}, its record says ${expected}). ` +
      `Remove it (voirs-vocoder models remove ${name}) and import or pull it again.`,
    { details: { name, expected, actual } },
  );
}
