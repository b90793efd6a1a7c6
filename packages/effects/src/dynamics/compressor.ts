/**
 * `compressor`: a feed-forward, stereo-linked downward compressor. The level is the peak across
 * channels; the gain computer is the soft-knee curve of {@link compressorCurveDb}; the gain
 * reduction is smoothed in the dB domain by a branching attack/release detector (Giannoulis et
 * al. 2012); then the make-up gain.
 */
import * as v from 'valibot';
import type { EffectContext } from '@voirs/core';
import { defineEffect, type ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase, type StateBuffer } from '../plugin/effect-base.js';
import { num } from '../plugin/param-schemas.js';
import { LinearRamp, rampFrames } from '../util/linear-ramp.js';
import { DB_TO_LN, onePoleCoefficient, toDb } from '../util/smoothing.js';
import { compressorCurveDb } from './gain-curve.js';

/** Parameters of the `compressor` effect. */
export const CompressorParamsSchema = v.strictObject({
  /** dBFS (peak) where compression starts (the middle of the knee). */
  thresholdDb: num(-80, 0, -18),
  /** Input dB above the threshold per output dB (1 = off, 100 ~ limiting). */
  ratio: num(1, 100, 4),
  /** Width of the soft knee, dB (0 = hard knee). */
  kneeDb: num(0, 24, 6),
  /** Time constant of gain reduction, ms. */
  attackMs: num(0.01, 500, 5),
  /** Time constant of recovery, ms. */
  releaseMs: num(1, 5000, 80),
  /** Gain after compression, dB. */
  makeupDb: num(-24, 24, 0),
});
export type CompressorParams = v.InferOutput<typeof CompressorParamsSchema>;

class Compressor extends EffectBase<CompressorParams> {
  #attack = 0;
  #release = 0;
  /** The detector state: the smoothed gain change in dB (<= 0). */
  readonly #state = new Float64Array(1);
  #maxReductionDb = 0;
  readonly #makeup: LinearRamp;

  constructor(
    params: CompressorParams,
    context: EffectContext,
    validate: ParamsValidator<CompressorParams>,
  ) {
    super('compressor', params, context, validate);
    this.#makeup = new LinearRamp(params.makeupDb, rampFrames(context.sampleRate));
    this.applyParams(params);
  }

  protected applyParams(p: CompressorParams): void {
    this.#attack = onePoleCoefficient(p.attackMs, this.sampleRate);
    this.#release = onePoleCoefficient(p.releaseMs, this.sampleRate);
    this.#makeup.set(p.makeupDb);
  }

  protected render(samples: Float32Array, frames: number): void {
    const { thresholdDb, ratio, kneeDb } = this.params;
    const ch = this.channels;
    const attack = this.#attack;
    const release = this.#release;
    const makeup = this.#makeup;
    let gs = this.#state[0]!;
    let maxReduction = this.#maxReductionDb;
    for (let i = 0, p = 0; i < frames; i++, p += ch) {
      let level = 0;
      for (let c = 0; c < ch; c++) level = Math.max(level, Math.abs(samples[p + c]!));
      const x = toDb(level);
      const gc = compressorCurveDb(x, thresholdDb, ratio, kneeDb) - x;
      gs = gc < gs ? attack * gs + (1 - attack) * gc : release * gs + (1 - release) * gc;
      if (gs > -1e-12) gs = 0; // recovered: exact unity, no subnormal tail
      if (-gs > maxReduction) maxReduction = -gs;
      const g = Math.exp((gs + makeup.next()) * DB_TO_LN);
      for (let c = 0; c < ch; c++) samples[p + c] = samples[p + c]! * g;
    }
    this.#state[0] = gs;
    this.#maxReductionDb = maxReduction;
  }

  /** The current and the largest gain reduction so far, dB. */
  report(): { gainReductionDb: number; maxGainReductionDb: number } {
    return { gainReductionDb: -this.#state[0]!, maxGainReductionDb: this.#maxReductionDb };
  }

  override stateBuffers(): readonly StateBuffer[] {
    return [this.#state];
  }

  reset(): void {
    this.#state[0] = 0;
    this.#maxReductionDb = 0;
    this.#makeup.jump(this.#makeup.target);
  }
}

/** The `compressor` effect plugin. */
export const compressorEffect = defineEffect({
  name: 'compressor',
  description:
    'Feed-forward stereo-linked compressor: threshold, ratio, soft knee, attack, release, make-up.',
  schema: CompressorParamsSchema,
  create: (params, context, validate) => new Compressor(params, context, validate),
});
