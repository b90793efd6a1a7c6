/**
 * The DiffWave-specific synthesis options (`SynthesisConfig.options`), validated with valibot, and
 * the sampling plan they describe.
 *
 * - `sampler`: `ddpm` (default; the official ancestral sampler), `ddim`, or `adaptive` (DDIM that
 *   stops when its estimates converge; see samplers/adaptive.ts).
 * - `schedule`: the noise levels to walk: `fast` (the model's official 6-step schedule; default
 *   for ddpm and ddim), `full` (the training schedule; default for adaptive), betas, or a family
 *   (see schedule/schedule-spec.ts). Steps are mapped onto fractional training steps.
 * - `steps`: instead of a schedule, `steps` evenly spaced training steps (see noise-levels.ts).
 * - `eta` (ddim, adaptive; default 0), `tolerance` (adaptive; default 0.01), `minSteps` (adaptive; default 2).
 * - `noise`: explicit noise `{ data, shape: [S, N] }` instead of the seed (see noise-source.ts).
 */
import * as v from 'valibot';
import { ConfigError, parseWith } from '@voirs/core';
import type { NoiseArray } from './noise-source.js';
import { DEFAULT_MIN_STEPS, DEFAULT_TOLERANCE } from './samplers/adaptive.js';
import { ddimNoiseRows } from './samplers/ddim.js';
import { ddpmNoiseRows } from './samplers/ddpm.js';
import { evenLevels, scheduleLevels, type NoiseLevel } from './schedule/noise-levels.js';
import {
  parseScheduleSpec,
  resolveSchedule,
  type ModelSchedules,
  type ScheduleSpec,
} from './schedule/schedule-spec.js';

/** The samplers. */
export const SAMPLERS = ['ddpm', 'ddim', 'adaptive'] as const;
export type SamplerName = (typeof SAMPLERS)[number];

const isNoiseArray = (x: unknown): x is NoiseArray =>
  x !== null &&
  typeof x === 'object' &&
  ((x as NoiseArray).data instanceof Float32Array ||
    (x as NoiseArray).data instanceof Float64Array) &&
  Array.isArray((x as NoiseArray).shape);

/** Schema of `SynthesisConfig.options` for the diffwave vocoder. */
export const DiffwaveOptionsSchema = v.strictObject({
  sampler: v.optional(v.picklist(SAMPLERS)),
  /** Checked by parseScheduleSpec (errors are E_SCHEDULE_INVALID). */
  schedule: v.optional(v.unknown()),
  steps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000))),
  eta: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  tolerance: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(1))),
  minSteps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  noise: v.optional(
    v.custom<NoiseArray>(
      isNoiseArray,
      'expected { data: Float32Array, shape: [S, N] } (e.g. readNpy())',
    ),
  ),
});

/** Options as callers write them. */
export type DiffwaveOptions = Omit<v.InferInput<typeof DiffwaveOptionsSchema>, 'schedule'> & {
  schedule?: ScheduleSpec;
};

/** What a sampling run will do. */
export interface SamplingPlan {
  readonly sampler: SamplerName;
  /** Noise levels, index 0 least noisy. */
  readonly levels: readonly NoiseLevel[];
  readonly eta: number;
  readonly tolerance: number;
  readonly minSteps: number;
  /** Noise rows the sampler may use (row 0 = x_T). */
  readonly noiseRows: number;
  /** Explicit noise, when given. */
  readonly noise?: NoiseArray;
}

const invalid = (message: string): never => {
  throw new ConfigError('E_CONFIG_INVALID', `Invalid diffwave options: ${message}`);
};

/**
 * Validates `options` and resolves them against the model's schedules.
 * @throws ConfigError `E_CONFIG_INVALID` naming the bad key or combination, `E_SCHEDULE_INVALID`
 * for a bad schedule (including noise levels outside the trained range).
 */
export function planSampling(options: unknown, model: ModelSchedules): SamplingPlan {
  const o = parseWith(DiffwaveOptionsSchema, options ?? {}, 'diffwave options');
  const sampler = o.sampler ?? 'ddpm';
  if (o.steps !== undefined && o.schedule !== undefined)
    invalid('give either steps or schedule, not both.');
  if (sampler === 'ddpm' && o.eta !== undefined)
    invalid('eta applies to the ddim and adaptive samplers, not ddpm.');
  if (sampler !== 'adaptive') {
    for (const key of ['tolerance', 'minSteps'] as const) {
      if (o[key] !== undefined) invalid(`${key} applies to the adaptive sampler, not ${sampler}.`);
    }
  }
  let levels: NoiseLevel[];
  if (o.steps !== undefined) {
    levels = evenLevels(model.training, o.steps);
  } else {
    const spec = parseScheduleSpec(
      o.schedule ?? (sampler === 'adaptive' ? 'full' : 'fast'),
      'options.schedule',
    );
    levels = scheduleLevels(model.training, resolveSchedule(spec, model));
  }
  const eta = o.eta ?? 0;
  const noiseRows = sampler === 'ddpm' ? ddpmNoiseRows(levels) : ddimNoiseRows(levels, eta);
  return Object.freeze({
    sampler,
    levels,
    eta,
    tolerance: o.tolerance ?? DEFAULT_TOLERANCE,
    minSteps: o.minSteps ?? DEFAULT_MIN_STEPS,
    noiseRows,
    ...(o.noise === undefined ? {} : { noise: o.noise }),
  });
}
