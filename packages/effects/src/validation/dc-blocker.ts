/**
 * `dc-blocker`: removes a DC offset (and sub-audible drift) with a Butterworth high-pass from
 * @voirs/dsp, usable in streams (unlike the mean subtraction of dsp's offline `removeDc`).
 */
import * as v from 'valibot';
import { butterworthHighpass } from '@voirs/dsp';
import { defineEffect } from '../plugin/define-effect.js';
import { assertBelowNyquist, num } from '../plugin/param-schemas.js';
import { FilterEffect } from '../frequency/filter-effect.js';

/** Parameters of the `dc-blocker` effect. */
export const DcBlockerParamsSchema = v.strictObject({
  /** High-pass corner, Hz (-3 dB). */
  cutoffHz: num(1, 200, 10),
  /** Butterworth order (2 = 12 dB/octave). */
  order: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(8)), 2),
});
export type DcBlockerParams = v.InferOutput<typeof DcBlockerParamsSchema>;

/** The `dc-blocker` effect plugin. */
export const dcBlockerEffect = defineEffect({
  name: 'dc-blocker',
  description: 'DC offset removal: a Butterworth high-pass at 10 Hz.',
  schema: DcBlockerParamsSchema,
  check: (p, context) => assertBelowNyquist('dc-blocker', 'cutoffHz', p.cutoffHz, context),
  create: (params, context, validate) =>
    new FilterEffect('dc-blocker', params, context, validate, {
      sections: (p) => butterworthHighpass(p.order, p.cutoffHz, context.sampleRate),
      layout: (p) => String(p.order),
    }),
});
