/**
 * Building blocks of effect parameter schemas (valibot) and the context checks they share.
 */
import * as v from 'valibot';
import type { EffectContext } from '@voirs/core';
import { paramError } from './define-effect.js';

/** A finite number in [min, max]. */
export const numberIn = (min: number, max: number) =>
  v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));

/** An optional finite number in [min, max] with a default. */
export const num = (min: number, max: number, fallback: number) =>
  v.optional(numberIn(min, max), fallback);

/** An optional boolean with a default. */
export const flag = (fallback: boolean) => v.optional(v.boolean(), fallback);

/** An optional choice among `options` with a default. */
export const choice = <const T extends readonly [string, ...string[]]>(
  options: T,
  fallback: T[number],
) => v.optional(v.picklist(options), fallback);

/**
 * Throws `E_EFFECT_PARAMS` naming `field` unless `hz` lies below the Nyquist frequency of the
 * context (filters are designed per sample rate; a chain made for 48 kHz may not fit 16 kHz audio).
 */
export function assertBelowNyquist(
  effect: string,
  field: string,
  hz: number,
  context: EffectContext,
): void {
  const nyquist = context.sampleRate / 2;
  if (!(hz < nyquist)) {
    throw paramError(
      effect,
      field,
      `${hz} Hz is not below the Nyquist frequency (${nyquist} Hz at ${context.sampleRate} Hz); lower it for this sample rate.`,
    );
  }
}
