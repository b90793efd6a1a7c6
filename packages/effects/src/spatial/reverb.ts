/**
 * `reverb`: algorithmic reverberation by a feedback delay network (see {@link FeedbackDelayNetwork})
 * with a decay time set directly in seconds. Output: `dry * x + wet * reverb`, the reverb of the
 * channels' mean, decorrelated between left and right (mono output takes the left).
 */
import * as v from 'valibot';
import type { EffectContext } from '@voirs/core';
import { defineEffect, type ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase, type StateBuffer } from '../plugin/effect-base.js';
import { num } from '../plugin/param-schemas.js';
import { LinearRamp, rampFrames } from '../util/linear-ramp.js';
import { FeedbackDelayNetwork } from './fdn-reverb.js';

/** Parameters of the `reverb` effect. */
export const ReverbParamsSchema = v.strictObject({
  /** Time to decay by 60 dB at low frequencies, s. */
  rt60: num(0.1, 20, 1.2),
  /** Decay time at Nyquist relative to rt60 (1 = no damping). */
  hfRatio: num(0.1, 1, 0.5),
  /** Scales the delay lengths, i.e. the room (changing it clears the tail). */
  size: num(0.3, 2, 1),
  /** Delay before the reverb, ms (changing it clears the tail). */
  preDelayMs: num(0, 250, 10),
  /** Reverb level (linear). */
  wet: num(0, 1, 0.3),
  /** Direct-signal level (linear). */
  dry: num(0, 1, 1),
});
export type ReverbParams = v.InferOutput<typeof ReverbParamsSchema>;

class Reverb extends EffectBase<ReverbParams> {
  #fdn: FeedbackDelayNetwork;
  readonly #wet: LinearRamp;
  readonly #dry: LinearRamp;

  constructor(
    params: ReverbParams,
    context: EffectContext,
    validate: ParamsValidator<ReverbParams>,
  ) {
    super('reverb', params, context, validate);
    this.#fdn = this.#network(params);
    const frames = rampFrames(context.sampleRate);
    this.#wet = new LinearRamp(params.wet, frames);
    this.#dry = new LinearRamp(params.dry, frames);
  }

  #network(p: ReverbParams): FeedbackDelayNetwork {
    const fdn = new FeedbackDelayNetwork(this.sampleRate, p.size, p.preDelayMs);
    fdn.setDecay(p.rt60, p.hfRatio);
    return fdn;
  }

  protected applyParams(next: ReverbParams, previous: ReverbParams): void {
    if (next.size !== previous.size || next.preDelayMs !== previous.preDelayMs)
      this.#fdn = this.#network(next);
    else this.#fdn.setDecay(next.rt60, next.hfRatio);
    this.#wet.set(next.wet);
    this.#dry.set(next.dry);
  }

  protected render(samples: Float32Array, frames: number): void {
    const ch = this.channels;
    const fdn = this.#fdn;
    const scale = 1 / ch;
    for (let i = 0, p = 0; i < frames; i++, p += ch) {
      let sum = 0;
      for (let c = 0; c < ch; c++) sum += samples[p + c]!;
      fdn.tick(sum * scale);
      const wet = this.#wet.next();
      const dry = this.#dry.next();
      for (let c = 0; c < ch; c++)
        samples[p + c] = dry * samples[p + c]! + wet * (c % 2 === 0 ? fdn.left : fdn.right);
    }
  }

  override stateBuffers(): readonly StateBuffer[] {
    return this.#fdn.state;
  }

  reset(): void {
    this.#fdn.clear();
    this.#wet.jump(this.#wet.target);
    this.#dry.jump(this.#dry.target);
  }
}

/** The `reverb` effect plugin. */
export const reverbEffect = defineEffect({
  name: 'reverb',
  description:
    'Feedback-delay-network reverb with the decay time (rt60) in seconds and high-frequency damping.',
  schema: ReverbParamsSchema,
  create: (params, context, validate) => new Reverb(params, context, validate),
});
