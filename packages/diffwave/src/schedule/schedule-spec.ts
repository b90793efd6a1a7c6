/**
 * How callers name an inference schedule: `'fast'` (the model's official fast schedule), `'full'`
 * (its training schedule), an array of betas, `{ betas: [...] }`, or a family with parameters
 * (`{ kind: 'sigmoid', steps: 8 }`, see beta-families.ts). The same shapes are accepted from a
 * JSON file (`--schedule file.json`).
 */
import * as v from 'valibot';
import { ConfigError } from '@voirs/core';
import { cosineBetas, linearBetas, quadraticBetas, sigmoidBetas } from './beta-families.js';
import { validateBetas } from './validate-betas.js';

const steps = v.pipe(v.number(), v.integer(), v.minValue(1));
const beta = v.pipe(v.number(), v.gtValue(0), v.ltValue(1));

/** A schedule family with its parameters. */
export const ScheduleFamilySchema = v.variant('kind', [
  v.strictObject({
    kind: v.picklist(['linear', 'quadratic', 'sigmoid']),
    steps,
    betaStart: v.optional(beta),
    betaEnd: v.optional(beta),
  }),
  v.strictObject({
    kind: v.literal('cosine'),
    steps,
    s: v.optional(v.pipe(v.number(), v.minValue(0), v.ltValue(1))),
    maxBeta: v.optional(beta),
  }),
]);
export type ScheduleFamily = v.InferOutput<typeof ScheduleFamilySchema>;

/** Every accepted way to name a schedule. */
export const ScheduleSpecSchema = v.union([
  v.picklist(['fast', 'full']),
  v.array(v.number()),
  v.strictObject({ betas: v.array(v.number()) }),
  ScheduleFamilySchema,
]);
export type ScheduleSpec = v.InferOutput<typeof ScheduleSpecSchema>;

/** The betas of the model a schedule is resolved against. */
export interface ModelSchedules {
  /** The training schedule (also the `full` inference schedule). */
  readonly training: readonly number[];
  /** The official fast inference schedule. */
  readonly fast: readonly number[];
}

/**
 * Parses an untrusted value (e.g. a JSON file's content) as a schedule spec.
 * @throws ConfigError `E_SCHEDULE_INVALID` listing what does not fit, with the accepted shapes.
 */
export function parseScheduleSpec(value: unknown, source = 'the schedule'): ScheduleSpec {
  const result = v.safeParse(ScheduleSpecSchema, value);
  if (!result.success) {
    const problems = result.issues
      .map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`)
      .join('; ');
    throw new ConfigError(
      'E_SCHEDULE_INVALID',
      `${source} is not a noise schedule (${problems}). Give "fast", "full", an array of betas, ` +
        '{"betas": [...]}, or {"kind": "linear"|"quadratic"|"sigmoid"|"cosine", "steps": N, ...}.',
    );
  }
  return result.output;
}

/**
 * The betas a spec names, validated (in (0, 1), non-decreasing).
 * @throws ConfigError `E_SCHEDULE_INVALID`.
 */
export function resolveSchedule(spec: ScheduleSpec, model: ModelSchedules): readonly number[] {
  if (spec === 'fast') return model.fast;
  if (spec === 'full') return model.training;
  if (Array.isArray(spec)) return validateBetas(spec, 'custom noise schedule');
  if ('betas' in spec) return validateBetas(spec.betas, 'custom noise schedule');
  switch (spec.kind) {
    case 'linear':
      return linearBetas(spec.steps, spec.betaStart, spec.betaEnd);
    case 'quadratic':
      return quadraticBetas(spec.steps, spec.betaStart, spec.betaEnd);
    case 'sigmoid':
      return sigmoidBetas(spec.steps, spec.betaStart, spec.betaEnd);
    case 'cosine':
      return cosineBetas(spec.steps, spec.s, spec.maxBeta);
  }
}
