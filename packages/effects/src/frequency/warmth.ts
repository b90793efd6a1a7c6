/**
 * `warmth`: a tilt towards the low end. A low shelf at `frequency` raises the body by `amountDb`
 * and a high shelf at `trebleFrequency` lowers the top by half as much (negative amounts brighten).
 */
import * as v from 'valibot';
import { biquadCoefficients } from '@voirs/dsp';
import { defineEffect } from '../plugin/define-effect.js';
import { assertBelowNyquist, num } from '../plugin/param-schemas.js';
import { FilterEffect } from './filter-effect.js';

/** Parameters of the `warmth` effect. */
export const WarmthParamsSchema = v.strictObject({
  /** Low-shelf gain, dB (the high shelf gets minus half of it). */
  amountDb: num(-12, 12, 3),
  /** Low-shelf corner, Hz. */
  frequency: num(40, 1000, 250),
  /** High-shelf corner, Hz (below Nyquist). */
  trebleFrequency: num(1000, 20_000, 6000),
});
export type WarmthParams = v.InferOutput<typeof WarmthParamsSchema>;

/** The `warmth` effect plugin. */
export const warmthEffect = defineEffect({
  name: 'warmth',
  description: 'Warmth control: low shelf up by amountDb, high shelf down by half of it.',
  schema: WarmthParamsSchema,
  check: (p, context) => {
    assertBelowNyquist('warmth', 'frequency', p.frequency, context);
    assertBelowNyquist('warmth', 'trebleFrequency', p.trebleFrequency, context);
  },
  create: (params, context, validate) =>
    new FilterEffect('warmth', params, context, validate, {
      sections: (p) => [
        biquadCoefficients(
          'lowshelf',
          { frequency: p.frequency, gainDb: p.amountDb },
          context.sampleRate,
        ),
        biquadCoefficients(
          'highshelf',
          { frequency: p.trebleFrequency, gainDb: -p.amountDb / 2 },
          context.sampleRate,
        ),
      ],
    }),
});
