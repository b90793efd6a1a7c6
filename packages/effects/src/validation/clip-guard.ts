/**
 * `clip-guard`: detects and prevents clipping. It counts samples beyond the ceiling ("overs") and
 * runs of `minRun` or more consecutive samples at or above `detectDb` (the flat tops of audio that
 * was already clipped upstream), and, by `mode`:
 * - `soft`: leaves samples below `ceiling - kneeDb` untouched and bends the rest smoothly into the
 *   ceiling (`t + (c - t) tanh((|x| - t) / (c - t))`, continuous in value and slope);
 * - `hard`: clamps to the ceiling;
 * - `detect`: only counts.
 */
import * as v from 'valibot';
import type { EffectContext } from '@voirs/core';
import { defineEffect, type ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase } from '../plugin/effect-base.js';
import { choice, num } from '../plugin/param-schemas.js';
import { fromDb, toDb } from '../util/smoothing.js';

/** Parameters of the `clip-guard` effect. */
export const ClipGuardParamsSchema = v.strictObject({
  mode: choice(['soft', 'hard', 'detect'], 'soft'),
  /** Highest output level, dBFS. */
  ceilingDb: num(-24, 0, -0.1),
  /** Soft mode: the bend starts this far below the ceiling, dB. */
  kneeDb: num(0.1, 24, 3),
  /** Level counted as "at full scale" for run detection, dBFS. */
  detectDb: num(-6, 0, -0.1),
  /** Consecutive samples at that level that count as one clipped run. */
  minRun: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(64)), 3),
});
export type ClipGuardParams = v.InferOutput<typeof ClipGuardParamsSchema>;

class ClipGuard extends EffectBase<ClipGuardParams> {
  #overs = 0;
  #runs = 0;
  #changed = 0;
  #peak = 0;
  readonly #runLength: Int32Array;

  constructor(
    params: ClipGuardParams,
    context: EffectContext,
    validate: ParamsValidator<ClipGuardParams>,
  ) {
    super('clip-guard', params, context, validate);
    this.#runLength = new Int32Array(context.channels);
  }

  protected applyParams(): void {}

  protected render(samples: Float32Array, frames: number): void {
    const p = this.params;
    const ceiling = fromDb(p.ceilingDb);
    const knee = ceiling * fromDb(-p.kneeDb);
    const span = ceiling - knee;
    const detect = fromDb(p.detectDb);
    const ch = this.channels;
    const runLength = this.#runLength;
    for (let i = 0; i < frames * ch; i++) {
      const x = samples[i]!;
      const a = Math.abs(x);
      if (a > this.#peak) this.#peak = a;
      const c = i % ch;
      if (a >= detect) {
        if (++runLength[c]! === p.minRun) this.#runs++;
      } else runLength[c] = 0;
      if (a > ceiling) this.#overs++;
      if (p.mode === 'detect') continue;
      if (p.mode === 'hard') {
        if (a > ceiling) {
          samples[i] = Math.sign(x) * ceiling;
          this.#changed++;
        }
      } else if (a > knee) {
        samples[i] = Math.sign(x) * (knee + span * Math.tanh((a - knee) / span));
        this.#changed++;
      }
    }
  }

  /** Counts since creation or reset: overs, clipped runs, changed samples, and the input peak (dBFS). */
  report(): {
    overs: number;
    clippedRuns: number;
    changedSamples: number;
    inputPeakDb: number;
    clipping: boolean;
  } {
    return {
      overs: this.#overs,
      clippedRuns: this.#runs,
      changedSamples: this.#changed,
      inputPeakDb: toDb(this.#peak),
      clipping: this.#overs > 0 || this.#runs > 0,
    };
  }

  reset(): void {
    this.#overs = 0;
    this.#runs = 0;
    this.#changed = 0;
    this.#peak = 0;
    this.#runLength.fill(0);
  }
}

/** The `clip-guard` effect plugin. */
export const clipGuardEffect = defineEffect({
  name: 'clip-guard',
  description:
    'Clipping detection (overs, flat-topped runs) and prevention (soft knee or hard clamp).',
  schema: ClipGuardParamsSchema,
  create: (params, context, validate) => new ClipGuard(params, context, validate),
});
