/**
 * `agc`: automatic gain control to a loudness target. The input is K-weighted with @voirs/metrics'
 * BS.1770 filter and channel weights; its weighted mean square is collected in 100 ms hops and averaged over the last `windowMs` (3 s: BS.1770 short-term
 * loudness); after each hop the gain target becomes `targetLufs - loudness`, clamped to
 * [-maxCutDb, +maxGainDb], and held while the loudness is under `gateLufs` (pauses are not pumped
 * up). The applied gain glides to the target with a `responseMs` time constant. Feed-forward: the
 * loudness is measured before the gain. It does not limit peaks: put a `limiter` after it.
 */
import * as v from 'valibot';
import type { EffectContext } from '@voirs/core';
import { BiquadFilter } from '@voirs/dsp';
import { defaultChannelWeights, kWeighting } from '@voirs/metrics';
import { defineEffect, type ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase, type StateBuffer } from '../plugin/effect-base.js';
import { num } from '../plugin/param-schemas.js';
import { fromDb, onePoleCoefficient, toDb } from '../util/smoothing.js';

/** Loudness is updated every 100 ms (the hop of BS.1770 short-term loudness). */
const HOP_MS = 100;
/** BS.1770: `L = -0.691 + 10 log10(weighted mean square)`. */
const LOUDNESS_OFFSET_DB = -0.691;

/** Parameters of the `agc` effect. */
export const AgcParamsSchema = v.strictObject({
  /** Loudness to reach, LUFS (EBU R128: -23). */
  targetLufs: num(-50, -5, -23),
  /** Largest boost, dB. */
  maxGainDb: num(0, 40, 12),
  /** Largest cut, dB. */
  maxCutDb: num(0, 40, 24),
  /** Below this loudness the gain is held, LUFS. */
  gateLufs: num(-90, -20, -50),
  /** Loudness integration window, ms (3000 = short-term, 400 = momentary; changing it resets the AGC). */
  windowMs: num(400, 10_000, 3000),
  /** Time constant of gain changes, ms. */
  responseMs: num(10, 20_000, 1000),
});
export type AgcParams = v.InferOutput<typeof AgcParamsSchema>;

class Agc extends EffectBase<AgcParams> {
  readonly #kFilter: BiquadFilter;
  readonly #weights: Float64Array;
  readonly #hopFrames: number;
  #hops!: Float64Array;
  #hopIndex = 0;
  #hopsFilled = 0;
  #hopPos = 0;
  #hopSum = 0;
  #scratch = new Float32Array(0);
  #targetGain = 1;
  /** The applied gain. */
  readonly #state = Float64Array.of(1);
  #response = 0;
  #loudness = -Infinity;

  constructor(params: AgcParams, context: EffectContext, validate: ParamsValidator<AgcParams>) {
    super('agc', params, context, validate);
    this.#kFilter = new BiquadFilter(kWeighting(context.sampleRate), context.channels);
    this.#weights = Float64Array.from(defaultChannelWeights(context.channels));
    this.#hopFrames = Math.max(1, Math.round((HOP_MS * context.sampleRate) / 1000));
    this.#allocate(params);
    this.applyParams(params, params);
  }

  #allocate(p: AgcParams): void {
    this.#hops = new Float64Array(Math.max(1, Math.round(p.windowMs / HOP_MS)));
    this.#hopIndex = 0;
    this.#hopsFilled = 0;
  }

  protected applyParams(next: AgcParams, previous: AgcParams): void {
    this.#response = onePoleCoefficient(next.responseMs, this.sampleRate);
    if (next.windowMs !== previous.windowMs) this.#allocate(next);
    this.#updateTarget();
  }

  /** Recomputes the gain target from the loudness of the hops collected so far. */
  #updateTarget(): void {
    if (this.#hopsFilled === 0) return;
    let sum = 0;
    for (let k = 0; k < this.#hopsFilled; k++) sum += this.#hops[k]!;
    this.#loudness = LOUDNESS_OFFSET_DB + 10 * Math.log10(sum / this.#hopsFilled);
    const p = this.params;
    if (!(this.#loudness >= p.gateLufs)) return;
    const db = Math.min(p.maxGainDb, Math.max(-p.maxCutDb, p.targetLufs - this.#loudness));
    this.#targetGain = fromDb(db);
  }

  protected render(samples: Float32Array, frames: number): void {
    const ch = this.channels;
    if (this.#scratch.length < samples.length) this.#scratch = new Float32Array(samples.length);
    const weighted = this.#scratch.subarray(0, samples.length);
    this.#kFilter.process(samples, weighted);
    const response = this.#response;
    let gain = this.#state[0]!;
    for (let i = 0, p = 0; i < frames; i++) {
      for (let c = 0; c < ch; c++, p++) {
        const w = weighted[p]!;
        this.#hopSum += this.#weights[c]! * w * w;
      }
      if (++this.#hopPos === this.#hopFrames) {
        this.#hops[this.#hopIndex] = this.#hopSum / this.#hopFrames;
        this.#hopIndex = (this.#hopIndex + 1) % this.#hops.length;
        this.#hopsFilled = Math.min(this.#hopsFilled + 1, this.#hops.length);
        this.#hopPos = 0;
        this.#hopSum = 0;
        this.#updateTarget();
      }
      const target = this.#targetGain;
      gain = target + (gain - target) * response;
      if (Math.abs(gain - target) < 1e-12) gain = target;
      for (let c = 0, q = p - ch; c < ch; c++, q++) samples[q] = samples[q]! * gain;
    }
    this.#state[0] = gain;
  }

  /** The last measured input loudness (LUFS) and the gain applied now (dB). */
  report(): { loudnessLufs: number; gainDb: number } {
    return { loudnessLufs: this.#loudness, gainDb: toDb(this.#state[0]!) };
  }

  override stateBuffers(): readonly StateBuffer[] {
    return [this.#hops, this.#state];
  }

  reset(): void {
    this.#kFilter.reset();
    this.#allocate(this.params);
    this.#hopPos = 0;
    this.#hopSum = 0;
    this.#targetGain = 1;
    this.#state[0] = 1;
    this.#loudness = -Infinity;
  }
}

/** The `agc` effect plugin. */
export const agcEffect = defineEffect({
  name: 'agc',
  description: 'Automatic gain control to a K-weighted short-term loudness target (BS.1770).',
  schema: AgcParamsSchema,
  create: (params, context, validate) => new Agc(params, context, validate),
});
