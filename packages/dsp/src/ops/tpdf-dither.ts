/**
 * Seeded triangular (TPDF) dither noise. The generator is xorshift32 seeded through a splitmix32
 * scramble of the seed, so every seed (0 included) gives a full-period, reproducible sequence.
 */

/** TPDF noise in (-1, 1) (units of one LSB): the difference of two uniform variables. */
export class TpdfDither {
  #state: number;

  /** @param seed any integer; equal seeds give equal sequences on every platform. */
  constructor(seed = 0) {
    if (!Number.isInteger(seed)) throw new TypeError('dither seed must be an integer');
    let z = (seed + 0x9e3779b9) | 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    this.#state = z === 0 ? 0x6d2b79f5 : z;
  }

  #uniform(): number {
    let x = this.#state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#state = x;
    return (x >>> 0) / 4294967296;
  }

  /** Next noise value, triangular on (-1, 1) with variance 1/6. */
  next(): number {
    return this.#uniform() - this.#uniform();
  }
}
