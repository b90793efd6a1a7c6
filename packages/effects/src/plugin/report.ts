/**
 * Effects that measure as they process (gain reduction, clipping, phase) report what they saw.
 */
import type { Effect } from '@voirs/core';

/** Measurements of one effect: names to numbers (dB, counts), flags or short strings. */
export type EffectReport = Readonly<Record<string, number | boolean | string>>;

/** An {@link Effect} that reports measurements. */
export interface ReportingEffect extends Effect {
  /** What the effect measured since it was created or reset. */
  report(): EffectReport;
}

/** True when `effect` has a `report()` method. */
export function isReportingEffect(effect: Effect): effect is ReportingEffect {
  return typeof (effect as Partial<ReportingEffect>).report === 'function';
}
