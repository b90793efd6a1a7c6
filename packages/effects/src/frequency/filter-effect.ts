/**
 * An effect that is a biquad cascade designed from its parameters (plus an optional output gain):
 * the shared body of `biquad`, `eq`, `warmth`, `presence` and `dc-blocker`. Parameter changes glide
 * (see {@link RampedFilter}).
 */
import type { EffectContext } from '@voirs/core';
import type { BiquadCoefficients } from '@voirs/dsp';
import type { ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase } from '../plugin/effect-base.js';
import { LinearRamp, rampFrames } from '../util/linear-ramp.js';
import { RampedFilter } from '../util/ramped-filter.js';
import { fromDb } from '../util/smoothing.js';

/** How a filter effect turns its parameters into sections and an output gain. */
export interface FilterDesign<P> {
  sections(params: P): readonly BiquadCoefficients[];
  /** The layout (see {@link LayoutOf}); default: the section count. */
  layout?(params: P): string;
  /** Output gain in dB (default 0). */
  gainDb?(params: P): number;
}

/** A biquad-cascade effect. */
export class FilterEffect<P extends Readonly<Record<string, unknown>>> extends EffectBase<P> {
  readonly #filter: RampedFilter<P>;
  readonly #gain: LinearRamp;
  readonly #design: FilterDesign<P>;

  constructor(
    name: string,
    params: P,
    context: EffectContext,
    validate: ParamsValidator<P>,
    design: FilterDesign<P>,
  ) {
    super(name, params, context, validate);
    this.#design = design;
    this.#filter = new RampedFilter(
      (p: P) => design.sections(p),
      params,
      context.channels,
      context.sampleRate,
      design.layout && ((p: P) => design.layout!(p)),
    );
    this.#gain = new LinearRamp(
      fromDb(design.gainDb?.(params) ?? 0),
      rampFrames(context.sampleRate),
    );
  }

  protected render(samples: Float32Array, frames: number): void {
    this.#filter.process(samples, samples, frames);
    const gain = this.#gain;
    if (!gain.active && gain.value === 1) return;
    const ch = this.channels;
    for (let i = 0, p = 0; i < frames; i++) {
      const g = gain.next();
      for (let c = 0; c < ch; c++, p++) samples[p] = samples[p]! * g;
    }
  }

  protected applyParams(next: P): void {
    this.#filter.setTarget(next);
    this.#gain.set(fromDb(this.#design.gainDb?.(next) ?? 0));
  }

  reset(): void {
    this.#filter.reset();
    this.#gain.jump(this.#gain.target);
  }
}
