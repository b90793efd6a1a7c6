/**
 * `biquad`: one RBJ cookbook filter (any of the eight shapes of @voirs/dsp's `biquadCoefficients`).
 */
import * as v from 'valibot';
import { BIQUAD_TYPES, biquadCoefficients, type BiquadType } from '@voirs/dsp';
import { defineEffect } from '../plugin/define-effect.js';
import { assertBelowNyquist, num } from '../plugin/param-schemas.js';
import { FilterEffect } from './filter-effect.js';

const TYPES = BIQUAD_TYPES as unknown as readonly [BiquadType, ...BiquadType[]];

/** Parameters of the `biquad` effect. */
export const BiquadParamsSchema = v.strictObject({
  /** Filter shape. */
  type: v.optional(v.picklist(TYPES), 'peaking'),
  /** Centre or corner frequency, Hz (below Nyquist). */
  frequency: num(1, 384_000, 1000),
  /** Quality factor. */
  q: num(0.05, 50, Math.SQRT1_2),
  /** Gain of peaking and shelving shapes, dB. */
  gainDb: num(-48, 48, 0),
});
export type BiquadEffectParams = v.InferOutput<typeof BiquadParamsSchema>;

/** The `biquad` effect plugin. */
export const biquadEffect = defineEffect({
  name: 'biquad',
  description:
    'One RBJ cookbook biquad: lowpass, highpass, bandpass, notch, allpass, peaking, low/high shelf.',
  schema: BiquadParamsSchema,
  check: (p, context) => assertBelowNyquist('biquad', 'frequency', p.frequency, context),
  create: (params, context, validate) =>
    new FilterEffect('biquad', params, context, validate, {
      sections: (p) => [
        biquadCoefficients(
          p.type,
          { frequency: p.frequency, q: p.q, gainDb: p.gainDb },
          context.sampleRate,
        ),
      ],
    }),
});
