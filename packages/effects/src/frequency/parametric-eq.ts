/**
 * `eq`: a parametric equaliser, a cascade of up to 16 bands (low/high shelf, peaking, low/high
 * pass, notch) plus an output gain.
 */
import * as v from 'valibot';
import { biquadCoefficients } from '@voirs/dsp';
import { defineEffect } from '../plugin/define-effect.js';
import { assertBelowNyquist, num, numberIn } from '../plugin/param-schemas.js';
import { IDENTITY_SECTION } from '../util/ramped-filter.js';
import { FilterEffect } from './filter-effect.js';

/** Band shapes of the equaliser. */
export const EQ_BAND_TYPES = [
  'lowshelf',
  'highshelf',
  'peaking',
  'lowpass',
  'highpass',
  'notch',
] as const;

/** One band. */
export const EqBandSchema = v.strictObject({
  type: v.picklist(EQ_BAND_TYPES),
  /** Hz, below Nyquist. */
  frequency: numberIn(1, 384_000),
  /** dB; used by shelves and peaking bands. */
  gainDb: num(-48, 48, 0),
  /** Quality factor (shelves: 0.7071 is the steepest slope without overshoot). */
  q: num(0.05, 50, Math.SQRT1_2),
});

/** Parameters of the `eq` effect. */
export const EqParamsSchema = v.strictObject({
  bands: v.optional(v.pipe(v.array(EqBandSchema), v.maxLength(16)), []),
  /** Gain after the bands, dB. */
  outputGainDb: num(-48, 24, 0),
});
export type EqParams = v.InferOutput<typeof EqParamsSchema>;

/** The `eq` effect plugin. */
export const eqEffect = defineEffect({
  name: 'eq',
  description: 'Parametric equaliser: up to 16 shelf/peaking/pass/notch bands and an output gain.',
  schema: EqParamsSchema,
  check: (p, context) =>
    p.bands.forEach((b, i) =>
      assertBelowNyquist('eq', `bands.${i}.frequency`, b.frequency, context),
    ),
  create: (params, context, validate) =>
    new FilterEffect('eq', params, context, validate, {
      sections: (p) =>
        p.bands.length === 0
          ? [IDENTITY_SECTION]
          : p.bands.map((b) =>
              biquadCoefficients(
                b.type,
                { frequency: b.frequency, q: b.q, gainDb: b.gainDb },
                context.sampleRate,
              ),
            ),
      layout: (p) => p.bands.map((b) => b.type).join(),
      gainDb: (p) => p.outputGainDb,
    }),
});
