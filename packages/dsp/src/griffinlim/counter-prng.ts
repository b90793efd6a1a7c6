/**
 * A counter-based pseudo-random generator: `counterUniform(seed, i)` is a pure function of its two
 * 32-bit inputs, so value i never depends on how many values were drawn before (the initial
 * phase of bin k in frame t is the same whether a mel is vocoded whole, in a batch or concurrently).
 *
 * Definition (all arithmetic on unsigned 32-bit integers, `fmix` = MurmurHash3's finaliser
 * `h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16`):
 *
 *   key = fmix(seed + 0x6a09e667)
 *   u   = fmix(fmix(counter ^ key) + key) / 2^32        (in [0, 1))
 */

const fmix32 = (input: number): number => {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** The key derived from a seed; pass it to {@link keyedUniform} to draw many values cheaply. */
export function prngKey(seed: number): number {
  return fmix32((seed + 0x6a09e667) >>> 0);
}

/** Value `counter` of the stream of `key` (see {@link prngKey}), uniform in [0, 1). */
export function keyedUniform(key: number, counter: number): number {
  return fmix32((fmix32((counter ^ key) >>> 0) + key) >>> 0) / 4294967296;
}

/** Value `counter` (an integer, used modulo 2^32) of the stream of `seed` (0..2^32-1), uniform in [0, 1). */
export function counterUniform(seed: number, counter: number): number {
  return keyedUniform(prngKey(seed), counter);
}
