/**
 * Reproducible Gaussian noise for stochastic vocoders (DiffWave, WaveGlow): the same seed gives
 * the same noise in every run, backend, thread count and in browsers, because every value is a
 * pure function of (seed, stream, index).
 *
 * Definition: the uniforms come from the counter-based generator of `counter-prng.ts`; stream `s`
 * of seed `seed` uses the key `fmix(prngKey(seed) ^ fmix(s + 0x9e3779b9))`. Pair `i` of a stream
 * takes u1 = (h(2i) + 0.5) / 2^32 and u2 = (h(2i + 1) + 0.5) / 2^32 (never 0 or 1) and gives the
 * Box-Muller values z[2i] = r cos(2 pi u2), z[2i + 1] = r sin(2 pi u2) with r = sqrt(-2 ln u1),
 * computed in float64 and rounded once to float32. A stream holds up to 2^32 values.
 */
import { keyedUniform, prngKey } from '../griffinlim/counter-prng.js';

const fmix32 = (input: number): number => {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** The key of stream `stream` (an integer 0..2^32-1) of `seed`. */
export function noiseStreamKey(seed: number, stream: number): number {
  return (prngKey(seed) ^ fmix32((stream + 0x9e3779b9) >>> 0)) >>> 0;
}

const HALF_ULP = 0.5 / 4294967296;

/**
 * Fills `out` (or a new array of `count`) with standard normal values of stream `stream` of
 * `seed`, starting at value `offset` (even offsets keep whole Box-Muller pairs aligned).
 */
export function gaussianNoise(
  seed: number,
  stream: number,
  count: number,
  offset = 0,
  out?: Float32Array,
): Float32Array {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`seed must be a uint32, got ${seed}`);
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const result = out ?? new Float32Array(count);
  const key = noiseStreamKey(seed, stream);
  for (let j = 0; j < count; j++) {
    const index = offset + j;
    const pair = index >>> 1;
    const u1 = keyedUniform(key, 2 * pair) + HALF_ULP;
    const u2 = keyedUniform(key, 2 * pair + 1) + HALF_ULP;
    const r = Math.sqrt(-2 * Math.log(u1));
    result[j] = (index & 1) === 0 ? r * Math.cos(2 * Math.PI * u2) : r * Math.sin(2 * Math.PI * u2);
  }
  return result;
}
