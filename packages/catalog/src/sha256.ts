/**
 * SHA-256 digests through Web Crypto (`crypto.subtle`), available in browsers (secure contexts)
 * and in Node 20, so the same code verifies models everywhere.
 */
import { ConfigError } from '@voirs/core';

const HEX = /^[0-9a-f]{64}$/;

/** True when `value` is a lower-case 64-digit hexadecimal SHA-256. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && HEX.test(value);
}

/**
 * Normalises a user-supplied SHA-256 (trims, lower-cases, accepts a `sha256:` prefix).
 * @throws ConfigError `E_INVALID_ARGUMENT` when it is not 64 hexadecimal digits.
 */
export function parseSha256(value: string): string {
  if (typeof value !== 'string') throw new TypeError('sha256 must be a string');
  const hex = value
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '');
  if (!isSha256(hex)) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `"${value}" is not a SHA-256: expected 64 hexadecimal digits.`,
    );
  }
  return hex;
}

/** Lower-case hexadecimal of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** The SHA-256 of `bytes` as lower-case hexadecimal. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('sha256Hex needs a Uint8Array');
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}
