/**
 * `presence`: a broad peaking boost (or cut) in the 1 to 10 kHz region where speech
 * intelligibility lives.
 */
import * as v from 'valibot';
import { biquadCoefficients } from '@voirs/dsp';
import { defineEffect } from '../plugin/define-effect.js';
import { assertBelowNyquist, num } from '../plugin/param-schemas.js';
import { FilterEffect } from './filter-effect.js';

/** Parameters of the `presence` effect. */
export const PresenceParamsSchema = v.strictObject({
  /** Peak gain, dB. */
  gainDb: num(-12, 12, 3),
  /** Centre, Hz (below Nyquist). */
  frequency: num(1000, 10_000, 4000),
  /** Quality factor (0.9 is about 1.5 octaves wide). */
  q: num(0.3, 4, 0.9),
});
export type PresenceParams = v.InferOutput<typeof PresenceParamsSchema>;

/** The `presence` effect plugin. */
export const presenceEffect = defineEffect({
  name: 'presence',
  description: 'Presence control: a broad peaking filter around 4 kHz.',
  schema: PresenceParamsSchema,
  check: (p, context) => assertBelowNyquist('presence', 'frequency', p.frequency, context),
  create: (params, context, validate) =>
    new FilterEffect('presence', params, context, validate, {
      sections: (p) => [
        biquadCoefficients(
          'peaking',
          { frequency: p.frequency, q: p.q, gainDb: p.gainDb },
          context.sampleRate,
        ),
      ],
    }),
});
