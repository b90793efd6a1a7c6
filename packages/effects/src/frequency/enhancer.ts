/**
 * `enhancer`: a high-frequency exciter. The band above `frequency` (2nd-order Butterworth
 * high-pass) is driven into a tanh saturator, which adds odd harmonics; a second identical
 * high-pass removes the low intermodulation products; `amount` of the result is added to the
 * untouched input. At low levels it is a gentle high-frequency lift; at higher drive it adds
 * brightness that was not there.
 */
import * as v from 'valibot';
import type { EffectContext } from '@voirs/core';
import { butterworthHighpass } from '@voirs/dsp';
import { defineEffect, type ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase } from '../plugin/effect-base.js';
import { assertBelowNyquist, num } from '../plugin/param-schemas.js';
import { LinearRamp, rampFrames } from '../util/linear-ramp.js';
import { RampedFilter } from '../util/ramped-filter.js';
import { fromDb } from '../util/smoothing.js';

/** Parameters of the `enhancer` effect. */
export const EnhancerParamsSchema = v.strictObject({
  /** Lower edge of the excited band, Hz (below Nyquist). */
  frequency: num(500, 16_000, 3500),
  /** Gain into the saturator, dB (more drive, more harmonics). */
  driveDb: num(0, 36, 12),
  /** How much of the excited band is added (0 = off). */
  amount: num(0, 1, 0.15),
});
export type EnhancerParams = v.InferOutput<typeof EnhancerParamsSchema>;

class Enhancer extends EffectBase<EnhancerParams> {
  readonly #split: RampedFilter<EnhancerParams>;
  readonly #clean: RampedFilter<EnhancerParams>;
  readonly #drive: LinearRamp;
  readonly #amount: LinearRamp;
  #band = new Float32Array(0);

  constructor(
    params: EnhancerParams,
    context: EffectContext,
    validate: ParamsValidator<EnhancerParams>,
  ) {
    super('enhancer', params, context, validate);
    const design = (p: EnhancerParams) => butterworthHighpass(2, p.frequency, context.sampleRate);
    this.#split = new RampedFilter(design, params, context.channels, context.sampleRate);
    this.#clean = new RampedFilter(design, params, context.channels, context.sampleRate);
    const frames = rampFrames(context.sampleRate);
    this.#drive = new LinearRamp(fromDb(params.driveDb), frames);
    this.#amount = new LinearRamp(params.amount, frames);
  }

  protected applyParams(p: EnhancerParams): void {
    this.#split.setTarget(p);
    this.#clean.setTarget(p);
    this.#drive.set(fromDb(p.driveDb));
    this.#amount.set(p.amount);
  }

  protected render(samples: Float32Array, frames: number): void {
    const ch = this.channels;
    if (this.#band.length < samples.length) this.#band = new Float32Array(samples.length);
    const band = this.#band.subarray(0, samples.length);
    this.#split.process(samples, band, frames);
    for (let i = 0, p = 0; i < frames; i++) {
      const d = this.#drive.next();
      for (let c = 0; c < ch; c++, p++) band[p] = Math.tanh(d * band[p]!) / d;
    }
    this.#clean.process(band, band, frames);
    for (let i = 0, p = 0; i < frames; i++) {
      const a = this.#amount.next();
      for (let c = 0; c < ch; c++, p++) samples[p] = samples[p]! + a * band[p]!;
    }
  }

  reset(): void {
    this.#split.reset();
    this.#clean.reset();
    this.#drive.jump(this.#drive.target);
    this.#amount.jump(this.#amount.target);
  }
}

/** The `enhancer` effect plugin. */
export const enhancerEffect = defineEffect({
  name: 'enhancer',
  description: 'High-frequency exciter: saturated high band (odd harmonics) mixed into the signal.',
  schema: EnhancerParamsSchema,
  check: (p, context) => assertBelowNyquist('enhancer', 'frequency', p.frequency, context),
  create: (params, context, validate) => new Enhancer(params, context, validate),
});
