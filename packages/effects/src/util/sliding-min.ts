/**
 * The minimum of the last `size` values pushed, in amortised O(1) per value (a monotonic deque,
 * Lemire 2006): the peak-hold stage of the lookahead limiter.
 */
export class SlidingMin {
  readonly #values: Float64Array;
  readonly #stamps: Float64Array;
  #head = 0;
  #count = 0;
  #time = 0;

  constructor(readonly size: number) {
    this.#values = new Float64Array(size);
    this.#stamps = new Float64Array(size);
  }

  /** Pushes `value` and returns the minimum of the last `size` values (fewer at the start). */
  push(value: number): number {
    const n = this.size;
    const values = this.#values;
    const stamps = this.#stamps;
    const t = this.#time++;
    // drop the expired front
    if (this.#count > 0 && stamps[this.#head]! <= t - n) {
      this.#head = (this.#head + 1) % n;
      this.#count--;
    }
    // drop larger values from the back: they can never be the minimum again
    while (this.#count > 0) {
      const back = (this.#head + this.#count - 1) % n;
      if (values[back]! < value) break;
      this.#count--;
    }
    const at = (this.#head + this.#count) % n;
    values[at] = value;
    stamps[at] = t;
    this.#count++;
    return values[this.#head]!;
  }

  /** Forgets every value. */
  reset(): void {
    this.#head = 0;
    this.#count = 0;
    this.#time = 0;
  }
}
