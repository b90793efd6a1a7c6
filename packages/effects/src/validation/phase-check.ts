/**
 * `phase-check`: measures the phase coherence of the first two channels without changing the
 * audio. Over windows of `windowMs` it computes the correlation coefficient
 * `sum(LR) / sqrt(sum(L^2) sum(R^2))` (+1: identical, 0: unrelated, -1: one channel inverted); it
 * reports the lowest and the energy-weighted mean correlation, the windows below `warnBelow`, and
 * the mono-compatibility loss: the level of (L + R) / 2 relative to the mean level of L and R
 * (0 dB for identical channels, very negative when they cancel). Silent windows are skipped. Mono
 * audio is coherent by definition.
 */
import * as v from 'valibot';
import type { EffectContext } from '@voirs/core';
import { defineEffect, type ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase } from '../plugin/effect-base.js';
import { num } from '../plugin/param-schemas.js';

/** Windows whose mean square is below this (-100 dBFS) count as silent. */
const SILENCE = 1e-10;

/** Parameters of the `phase-check` effect. */
export const PhaseCheckParamsSchema = v.strictObject({
  /** Measurement window, ms. */
  windowMs: num(10, 10_000, 400),
  /** Windows with a correlation below this are counted as out of phase. */
  warnBelow: num(-1, 1, -0.2),
});
export type PhaseCheckParams = v.InferOutput<typeof PhaseCheckParamsSchema>;

class PhaseCheck extends EffectBase<PhaseCheckParams> {
  #windowFrames = 0;
  #pos = 0;
  #lr = 0;
  #ll = 0;
  #rr = 0;
  #windows = 0;
  #below = 0;
  #min = 1;
  #weighted = 0;
  #weight = 0;
  #sumMono = 0;
  #sumSides = 0;

  constructor(
    params: PhaseCheckParams,
    context: EffectContext,
    validate: ParamsValidator<PhaseCheckParams>,
  ) {
    super('phase-check', params, context, validate);
    this.applyParams(params);
  }

  protected applyParams(p: PhaseCheckParams): void {
    this.#windowFrames = Math.max(1, Math.round((p.windowMs * this.sampleRate) / 1000));
  }

  protected render(samples: Float32Array, frames: number): void {
    const ch = this.channels;
    if (ch < 2) return;
    for (let i = 0, p = 0; i < frames; i++, p += ch) {
      const l = samples[p]!;
      const r = samples[p + 1]!;
      this.#lr += l * r;
      this.#ll += l * l;
      this.#rr += r * r;
      const m = (l + r) / 2;
      this.#sumMono += m * m;
      this.#sumSides += (l * l + r * r) / 2;
      if (++this.#pos >= this.#windowFrames) this.#closeWindow();
    }
  }

  #closeWindow(): void {
    const n = this.#pos;
    const energy = this.#ll + this.#rr;
    if (this.#ll / n > SILENCE && this.#rr / n > SILENCE) {
      const corr = this.#lr / Math.sqrt(this.#ll * this.#rr);
      this.#windows++;
      if (corr < this.params.warnBelow) this.#below++;
      this.#min = Math.min(this.#min, corr);
      this.#weighted += corr * energy;
      this.#weight += energy;
    }
    this.#pos = 0;
    this.#lr = 0;
    this.#ll = 0;
    this.#rr = 0;
  }

  /** What was measured over the complete windows so far. */
  report(): {
    windows: number;
    windowsBelow: number;
    minCorrelation: number;
    meanCorrelation: number;
    monoLossDb: number;
    coherent: boolean;
  } {
    if (this.channels < 2) {
      return {
        windows: 0,
        windowsBelow: 0,
        minCorrelation: 1,
        meanCorrelation: 1,
        monoLossDb: 0,
        coherent: true,
      };
    }
    const mean = this.#weight > 0 ? this.#weighted / this.#weight : 1;
    const monoLossDb =
      this.#sumSides > 0 ? 10 * Math.log10(Math.max(this.#sumMono, 1e-30) / this.#sumSides) : 0;
    return {
      windows: this.#windows,
      windowsBelow: this.#below,
      minCorrelation: this.#windows > 0 ? this.#min : 1,
      meanCorrelation: mean,
      monoLossDb,
      coherent: this.#below === 0,
    };
  }

  reset(): void {
    this.#pos = 0;
    this.#lr = this.#ll = this.#rr = 0;
    this.#windows = this.#below = 0;
    this.#min = 1;
    this.#weighted = this.#weight = 0;
    this.#sumMono = this.#sumSides = 0;
  }
}

/** The `phase-check` effect plugin. */
export const phaseCheckEffect = defineEffect({
  name: 'phase-check',
  description:
    'Phase coherency check: L/R correlation per window and mono-compatibility loss; audio passes unchanged.',
  schema: PhaseCheckParamsSchema,
  create: (params, context, validate) => new PhaseCheck(params, context, validate),
});
