/**
 * `stereo-width`: scales the side signal of a stereo pair. With M = (L + R) / 2 and
 * S = (L - R) / 2, the output is L = M + w S, R = M - w S: 0 folds to mono, 1 leaves the audio
 * unchanged, 2 doubles the side. Mono audio has no side and passes unchanged; streams of more than
 * two channels are refused.
 */
import * as v from 'valibot';
import { InputError, type EffectContext } from '@voirs/core';
import { defineEffect, type ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase } from '../plugin/effect-base.js';
import { num } from '../plugin/param-schemas.js';
import { LinearRamp, rampFrames } from '../util/linear-ramp.js';

/** Parameters of the `stereo-width` effect. */
export const StereoWidthParamsSchema = v.strictObject({
  /** Side gain (0 = mono, 1 = unchanged, 2 = twice as wide). */
  width: num(0, 2, 1.5),
});
export type StereoWidthParams = v.InferOutput<typeof StereoWidthParamsSchema>;

class StereoWidth extends EffectBase<StereoWidthParams> {
  readonly #width: LinearRamp;

  constructor(
    params: StereoWidthParams,
    context: EffectContext,
    validate: ParamsValidator<StereoWidthParams>,
  ) {
    super('stereo-width', params, context, validate);
    this.#width = new LinearRamp(params.width, rampFrames(context.sampleRate));
  }

  protected applyParams(p: StereoWidthParams): void {
    this.#width.set(p.width);
  }

  protected render(samples: Float32Array, frames: number): void {
    if (this.channels === 1) return;
    for (let i = 0, p = 0; i < frames; i++, p += 2) {
      const w = this.#width.next();
      const l = samples[p]!;
      const r = samples[p + 1]!;
      const mid = (l + r) / 2;
      const side = ((l - r) / 2) * w;
      samples[p] = mid + side;
      samples[p + 1] = mid - side;
    }
  }

  reset(): void {
    this.#width.jump(this.#width.target);
  }
}

/** The `stereo-width` effect plugin. */
export const stereoWidthEffect = defineEffect({
  name: 'stereo-width',
  description: 'Mid/side stereo width (0 mono, 1 unchanged, 2 wide); mono passes unchanged.',
  schema: StereoWidthParamsSchema,
  create: (params, context, validate) => {
    if (context.channels > 2) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `stereo-width works on mono or stereo audio, not ${context.channels} channels.`,
      );
    }
    return new StereoWidth(params, context, validate);
  },
});
