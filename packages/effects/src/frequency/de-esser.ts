/**
 * `de-esser`: split-band sibilance control. The band above `frequency` (4th-order Butterworth
 * high-pass) drives a peak detector (attack/release, linked across channels); when its level
 * exceeds `thresholdDb`, the part of the signal above `frequency` is turned down by
 * `(level - threshold) (1 - 1/ratio)` dB, at most `maxReductionDb`. The split is complementary,
 * `high = x - lowpass(x)` (4th-order Butterworth), and `y = x + (g - 1) * high`, so with no reduction
 * the output is the input exactly and well above `frequency` the reduction is the full `g`.
 */
import * as v from 'valibot';
import type { EffectContext } from '@voirs/core';
import { butterworthHighpass, butterworthLowpass } from '@voirs/dsp';
import { defineEffect, type ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase, type StateBuffer } from '../plugin/effect-base.js';
import { assertBelowNyquist, num } from '../plugin/param-schemas.js';
import { LinearRamp, rampFrames } from '../util/linear-ramp.js';
import { RampedFilter } from '../util/ramped-filter.js';
import { FLUSH, fromDb, onePoleCoefficient, toDb } from '../util/smoothing.js';

/** Parameters of the `de-esser` effect. */
export const DeEsserParamsSchema = v.strictObject({
  /** Lower edge of the sibilance band, Hz (below Nyquist). */
  frequency: num(2000, 16_000, 5500),
  /** Band peak level where reduction starts, dBFS. */
  thresholdDb: num(-60, 0, -30),
  /** Reduction ratio above the threshold. */
  ratio: num(1, 20, 4),
  /** Largest reduction, dB. */
  maxReductionDb: num(0, 40, 12),
  /** Detector attack, ms. */
  attackMs: num(0.01, 50, 1),
  /** Detector release, ms. */
  releaseMs: num(1, 1000, 60),
});
export type DeEsserParams = v.InferOutput<typeof DeEsserParamsSchema>;

class DeEsser extends EffectBase<DeEsserParams> {
  readonly #detector: RampedFilter<DeEsserParams>;
  readonly #split: RampedFilter<DeEsserParams>;
  #band = new Float32Array(0);
  #low = new Float32Array(0);
  /** The detector envelope. */
  readonly #state = new Float64Array(1);
  #attack = 0;
  #release = 0;
  #maxReductionSeen = 0;
  readonly #threshold: LinearRamp;
  readonly #slope: LinearRamp;
  readonly #cap: LinearRamp;

  constructor(
    params: DeEsserParams,
    context: EffectContext,
    validate: ParamsValidator<DeEsserParams>,
  ) {
    super('de-esser', params, context, validate);
    const { channels, sampleRate } = context;
    this.#detector = new RampedFilter(
      (p: DeEsserParams) => butterworthHighpass(4, p.frequency, sampleRate),
      params,
      channels,
      sampleRate,
    );
    this.#split = new RampedFilter(
      (p: DeEsserParams) => butterworthLowpass(4, p.frequency, sampleRate),
      params,
      channels,
      sampleRate,
    );
    const frames = rampFrames(context.sampleRate);
    this.#threshold = new LinearRamp(params.thresholdDb, frames);
    this.#slope = new LinearRamp(1 - 1 / params.ratio, frames);
    this.#cap = new LinearRamp(params.maxReductionDb, frames);
    this.applyParams(params);
  }

  protected applyParams(p: DeEsserParams): void {
    this.#detector.setTarget(p);
    this.#split.setTarget(p);
    this.#attack = onePoleCoefficient(p.attackMs, this.sampleRate);
    this.#release = onePoleCoefficient(p.releaseMs, this.sampleRate);
    this.#threshold.set(p.thresholdDb);
    this.#slope.set(1 - 1 / p.ratio);
    this.#cap.set(p.maxReductionDb);
  }

  protected render(samples: Float32Array, frames: number): void {
    const ch = this.channels;
    if (this.#band.length < samples.length) {
      this.#band = new Float32Array(samples.length);
      this.#low = new Float32Array(samples.length);
    }
    const band = this.#band.subarray(0, samples.length);
    const low = this.#low.subarray(0, samples.length);
    this.#detector.process(samples, band, frames);
    this.#split.process(samples, low, frames);
    let env = this.#state[0]!;
    let maxSeen = this.#maxReductionSeen;
    for (let i = 0, p = 0; i < frames; i++, p += ch) {
      let level = 0;
      for (let c = 0; c < ch; c++) level = Math.max(level, Math.abs(band[p + c]!));
      const coef = level > env ? this.#attack : this.#release;
      env = coef * env + (1 - coef) * level;
      if (env < FLUSH) env = 0;
      const threshold = this.#threshold.next();
      const slope = this.#slope.next();
      const reduction = Math.min(this.#cap.next(), Math.max(0, (toDb(env) - threshold) * slope));
      if (reduction === 0) continue;
      if (reduction > maxSeen) maxSeen = reduction;
      const g1 = fromDb(-reduction) - 1;
      for (let c = 0; c < ch; c++)
        samples[p + c] = samples[p + c]! + g1 * (samples[p + c]! - low[p + c]!);
    }
    this.#state[0] = env;
    this.#maxReductionSeen = maxSeen;
  }

  /** The largest reduction of the band so far, dB. */
  report(): { maxReductionDb: number } {
    return { maxReductionDb: this.#maxReductionSeen };
  }

  override stateBuffers(): readonly StateBuffer[] {
    return [this.#state];
  }

  reset(): void {
    this.#detector.reset();
    this.#split.reset();
    this.#state[0] = 0;
    this.#maxReductionSeen = 0;
    for (const ramp of [this.#threshold, this.#slope, this.#cap]) ramp.jump(ramp.target);
  }
}

/** The `de-esser` effect plugin. */
export const deEsserEffect = defineEffect({
  name: 'de-esser',
  description: 'Split-band de-esser: turns the band above 5.5 kHz down while it is too loud.',
  schema: DeEsserParamsSchema,
  check: (p, context) => assertBelowNyquist('de-esser', 'frequency', p.frequency, context),
  create: (params, context, validate) => new DeEsser(params, context, validate),
});
