/**
 * A value that moves to a new target in a straight line over a fixed number of frames: the
 * de-zippering of gains and mixes. Advancing is per frame, so the result does not depend on how
 * the stream is cut into blocks.
 */

/** Parameter ramps last this long (20 ms: short enough to follow automation, long enough to be click-free). */
export const RAMP_MS = 20;

/** Frames of a {@link RAMP_MS} ramp at `sampleRate` (at least 1). */
export const rampFrames = (sampleRate: number): number =>
  Math.max(1, Math.round((RAMP_MS * sampleRate) / 1000));

/** A linearly ramped value. */
export class LinearRamp {
  #value: number;
  #target: number;
  #step = 0;
  #remaining = 0;

  constructor(
    value: number,
    /** Frames a ramp takes. */
    readonly frames: number,
  ) {
    this.#value = value;
    this.#target = value;
  }

  /** The value of the frame last returned by {@link next} (or the start value). */
  get value(): number {
    return this.#value;
  }

  get target(): number {
    return this.#target;
  }

  /** True while moving. */
  get active(): boolean {
    return this.#remaining > 0;
  }

  /** Starts a ramp from the current value to `target`. */
  set(target: number): void {
    if (target === this.#target) return;
    this.#target = target;
    this.#remaining = this.frames;
    this.#step = (target - this.#value) / this.frames;
  }

  /** Jumps to `value` at once. */
  jump(value: number): void {
    this.#value = value;
    this.#target = value;
    this.#remaining = 0;
  }

  /** Advances one frame and returns the new value. */
  next(): number {
    if (this.#remaining > 0) {
      this.#remaining--;
      this.#value = this.#remaining === 0 ? this.#target : this.#value + this.#step;
    }
    return this.#value;
  }
}
