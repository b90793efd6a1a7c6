/**
 * Deterministic pseudo-random values for "hash weights": random-looking model weights that a
 * PyTorch reference script and a TypeScript test generate identically, so architectures can be
 * checked against PyTorch without committing weight files.
 *
 * Value `i` of tensor `key`: h = murmur3-finaliser(((i + 1) * 0x9e3779b1 mod 2^32) xor FNV-1a(key)),
 * u = h / 2^32 * 2 - 1, in float64 (the reference scripts in tools/reference/ mirror this).
 */

/** FNV-1a (32-bit) of the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `count` uniform values in [-1, 1) for tensor `key` (float64; callers scale and round). */
export function hashUniform(key: string, count: number): Float64Array {
  const seed = fnv1a32(key);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let h = Math.imul(i + 1, 0x9e3779b1) >>> 0;
    h = (h ^ seed) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    out[i] = (h / 4294967296) * 2 - 1;
  }
  return out;
}
