/**
 * Bounds a zip archive must stay within (zip-bomb and resource protection).
 */
import { ConfigError } from '@voirs/core';

/** Limits applied while opening and extracting a zip archive. */
export interface ZipLimits {
  /** Largest uncompressed size of one entry (default 2 GiB). */
  maxEntryBytes?: number;
  /** Largest total uncompressed size of all entries read (default 2 GiB). */
  maxTotalBytes?: number;
  /** Largest uncompressed/compressed ratio of a deflated entry (default 1100; deflate cannot exceed ~1032). */
  maxRatio?: number;
  /** Most entries in the central directory (default 65536). */
  maxEntries?: number;
  /** Check each entry's CRC-32 (default true). */
  verifyCrc?: boolean;
}

/** {@link ZipLimits} with every default filled in. */
export type ResolvedZipLimits = Required<ZipLimits>;

/** 2 GiB, the default byte bound of this package. */
export const DEFAULT_MAX_BYTES = 2 ** 31;

/**
 * Fills defaults and validates the limits.
 * @throws ConfigError `E_INVALID_ARGUMENT` for a non-positive or non-numeric bound.
 */
export function resolveZipLimits(limits: ZipLimits = {}): ResolvedZipLimits {
  const out: ResolvedZipLimits = {
    maxEntryBytes: limits.maxEntryBytes ?? DEFAULT_MAX_BYTES,
    maxTotalBytes: limits.maxTotalBytes ?? DEFAULT_MAX_BYTES,
    maxRatio: limits.maxRatio ?? 1100,
    maxEntries: limits.maxEntries ?? 65536,
    verifyCrc: limits.verifyCrc ?? true,
  };
  for (const key of ['maxEntryBytes', 'maxTotalBytes', 'maxRatio', 'maxEntries'] as const) {
    const v = out[key];
    if (typeof v !== 'number' || !(v > 0))
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `Zip limit ${key} must be a positive number, got ${String(v)}.`,
      );
  }
  return out;
}
