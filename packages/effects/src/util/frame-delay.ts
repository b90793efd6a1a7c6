/**
 * A multi-channel delay line over interleaved frames (lookahead alignment, latency-compensated dry
 * paths, pre-delays).
 */

/** Delays interleaved audio by a whole number of frames. */
export class FrameDelay {
  #buffer: Float32Array;
  #pos = 0;
  #delay: number;

  constructor(
    readonly channels: number,
    delay: number,
  ) {
    this.#delay = delay;
    this.#buffer = new Float32Array(delay * channels);
  }

  /** The delay in frames. */
  get delay(): number {
    return this.#delay;
  }

  /** The stored frames (for diagnostics). */
  get buffer(): Float32Array {
    return this.#buffer;
  }

  /** Changes the delay; the stored audio is cleared. */
  resize(delay: number): void {
    if (delay === this.#delay) return;
    this.#delay = delay;
    this.#buffer = new Float32Array(delay * this.channels);
    this.#pos = 0;
  }

  /** Delays `frames` frames of `samples` in place. */
  process(samples: Float32Array, frames: number): void {
    const d = this.#delay;
    if (d === 0) return;
    const ch = this.channels;
    const buf = this.#buffer;
    let pos = this.#pos;
    for (let i = 0, p = 0; i < frames; i++) {
      const at = pos * ch;
      for (let c = 0; c < ch; c++, p++) {
        const x = samples[p]!;
        samples[p] = buf[at + c]!;
        buf[at + c] = x;
      }
      if (++pos === d) pos = 0;
    }
    this.#pos = pos;
  }

  /** Clears the stored audio. */
  reset(): void {
    this.#buffer.fill(0);
    this.#pos = 0;
  }
}
