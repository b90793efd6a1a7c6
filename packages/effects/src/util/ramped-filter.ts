/**
 * A {@link BiquadFilter} whose design parameters glide to new values: on a change the coefficients
 * are redesigned every {@link COEFFICIENT_STRIDE} frames along an interpolated path for
 * `RAMP_MS` (20 ms), with the filter state kept, so sweeps have no zipper noise or clicks. Update
 * points are counted in frames, so output does not depend on block sizes.
 */
import { BiquadFilter, type BiquadCoefficients } from '@voirs/dsp';
import { interpolateParams } from './interpolate-params.js';
import { rampFrames } from './linear-ramp.js';

/** Frames between coefficient updates during a ramp. */
export const COEFFICIENT_STRIDE = 32;

/** Designs the sections of a parameter set. */
export type SectionDesigner<P> = (params: P) => readonly BiquadCoefficients[];

/**
 * Describes the layout of a parameter set (band count, filter order…): sets of different layouts
 * cannot glide into each other, so a change of layout switches at once.
 */
export type LayoutOf<P> = (params: P) => string;

/** The identity section (passes audio unchanged), for filters with nothing to do. */
export const IDENTITY_SECTION: BiquadCoefficients = Object.freeze({
  b0: 1,
  b1: 0,
  b2: 0,
  a1: 0,
  a2: 0,
});

/** A biquad cascade with ramped parameter changes. */
export class RampedFilter<P extends Readonly<Record<string, unknown>>> {
  readonly #filter: BiquadFilter;
  readonly #design: SectionDesigner<P>;
  readonly #layout: LayoutOf<P>;
  readonly #rampFrames: number;
  #from: P;
  #to: P;
  /** Frames into the current ramp; equal to #rampFrames when idle. */
  #pos: number;

  constructor(
    design: SectionDesigner<P>,
    params: P,
    channels: number,
    sampleRate: number,
    layout: LayoutOf<P> = (p) => String(design(p).length),
  ) {
    this.#design = design;
    this.#layout = layout;
    this.#rampFrames = rampFrames(sampleRate);
    this.#from = params;
    this.#to = params;
    this.#pos = this.#rampFrames;
    this.#filter = new BiquadFilter(design(params), channels);
  }

  /** Glides to `params` (from wherever the current ramp is). */
  setTarget(params: P): void {
    if (this.#layout(this.#to) !== this.#layout(params)) {
      this.jump(params);
      return;
    }
    this.#from = this.#current();
    this.#to = params;
    this.#pos = 0;
  }

  /** Switches to `params` at once. */
  jump(params: P): void {
    this.#from = params;
    this.#to = params;
    this.#pos = this.#rampFrames;
    this.#filter.setSections(this.#design(params));
  }

  /** Filters `frames` interleaved frames of `input` into `output` (may be the same array). */
  process(input: Float32Array, output: Float32Array, frames: number): void {
    const ch = this.#filter.channels;
    let done = 0;
    while (done < frames) {
      let n = frames - done;
      if (this.#pos < this.#rampFrames) {
        if (this.#pos % COEFFICIENT_STRIDE === 0) {
          const t = Math.min(1, (this.#pos + COEFFICIENT_STRIDE) / this.#rampFrames);
          this.#filter.setSections(this.#design(t >= 1 ? this.#to : this.#interpolated(t)));
        }
        n = Math.min(
          n,
          COEFFICIENT_STRIDE - (this.#pos % COEFFICIENT_STRIDE),
          this.#rampFrames - this.#pos,
        );
        this.#pos += n;
      }
      const from = done * ch;
      const to = (done + n) * ch;
      this.#filter.process(input.subarray(from, to), output.subarray(from, to));
      done += n;
    }
  }

  /** Clears the filter state and ends any ramp at its target. */
  reset(): void {
    this.jump(this.#to);
    this.#filter.reset();
  }

  #interpolated(t: number): P {
    return interpolateParams(this.#from, this.#to, t) as P;
  }

  #current(): P {
    return this.#pos >= this.#rampFrames
      ? this.#to
      : this.#interpolated(this.#pos / this.#rampFrames);
  }
}
