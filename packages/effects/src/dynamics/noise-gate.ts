/**
 * `noise-gate`: attenuates the signal by `rangeDb` while its peak level stays low. It opens when
 * the level reaches `thresholdDb` and closes only after the level has stayed below
 * `thresholdDb - hysteresisDb` for `holdMs`, so a level hovering around the threshold does not
 * chatter. Stereo-linked; the detector is a peak follower with a 20 ms release.
 */
import * as v from 'valibot';
import type { EffectContext } from '@voirs/core';
import { defineEffect, type ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase, type StateBuffer } from '../plugin/effect-base.js';
import { num } from '../plugin/param-schemas.js';
import { FLUSH, fromDb, onePoleCoefficient } from '../util/smoothing.js';

/** Release of the level detector, ms. */
const DETECTOR_RELEASE_MS = 20;

/** Parameters of the `noise-gate` effect. */
export const NoiseGateParamsSchema = v.strictObject({
  /** Peak level that opens the gate, dBFS. */
  thresholdDb: num(-100, 0, -45),
  /** The gate closes this far below the threshold, dB. */
  hysteresisDb: num(0, 30, 6),
  /** Time constant of opening, ms. */
  attackMs: num(0.01, 500, 1),
  /** Time the level must stay below the closing level before the gate closes, ms. */
  holdMs: num(0, 5000, 50),
  /** Time constant of closing, ms. */
  releaseMs: num(1, 5000, 100),
  /** Gain while closed, dB. */
  rangeDb: num(-120, 0, -80),
});
export type NoiseGateParams = v.InferOutput<typeof NoiseGateParamsSchema>;

class NoiseGate extends EffectBase<NoiseGateParams> {
  readonly #detectorRelease: number;
  #open = false;
  #holdLeft = 0;
  /** Detector envelope and applied gain. */
  readonly #state = new Float64Array(2);
  #openLevel = 0;
  #closeLevel = 0;
  #holdFrames = 0;
  #attack = 0;
  #release = 0;
  #closedGain = 0;

  constructor(
    params: NoiseGateParams,
    context: EffectContext,
    validate: ParamsValidator<NoiseGateParams>,
  ) {
    super('noise-gate', params, context, validate);
    this.#detectorRelease = onePoleCoefficient(DETECTOR_RELEASE_MS, context.sampleRate);
    this.applyParams(params);
    this.#state[1] = this.#closedGain;
  }

  protected applyParams(p: NoiseGateParams): void {
    this.#openLevel = fromDb(p.thresholdDb);
    this.#closeLevel = fromDb(p.thresholdDb - p.hysteresisDb);
    this.#holdFrames = Math.round((p.holdMs * this.sampleRate) / 1000);
    this.#attack = onePoleCoefficient(p.attackMs, this.sampleRate);
    this.#release = onePoleCoefficient(p.releaseMs, this.sampleRate);
    this.#closedGain = fromDb(p.rangeDb);
  }

  protected render(samples: Float32Array, frames: number): void {
    const ch = this.channels;
    const decay = this.#detectorRelease;
    let env = this.#state[0]!;
    let gain = this.#state[1]!;
    let open = this.#open;
    let holdLeft = this.#holdLeft;
    for (let i = 0, p = 0; i < frames; i++, p += ch) {
      let level = 0;
      for (let c = 0; c < ch; c++) level = Math.max(level, Math.abs(samples[p + c]!));
      env = Math.max(level, env * decay);
      if (env < FLUSH) env = 0;
      if (!open) {
        if (env >= this.#openLevel) {
          open = true;
          holdLeft = this.#holdFrames;
        }
      } else if (env >= this.#closeLevel) holdLeft = this.#holdFrames;
      else if (holdLeft > 0) holdLeft--;
      else open = false;
      const target = open ? 1 : this.#closedGain;
      gain = target + (gain - target) * (open ? this.#attack : this.#release);
      if (Math.abs(gain - target) < 1e-12) gain = target;
      for (let c = 0; c < ch; c++) samples[p + c] = samples[p + c]! * gain;
    }
    this.#state[0] = env;
    this.#state[1] = gain;
    this.#open = open;
    this.#holdLeft = holdLeft;
  }

  /** Whether the gate is open now. */
  report(): { open: boolean } {
    return { open: this.#open };
  }

  override stateBuffers(): readonly StateBuffer[] {
    return [this.#state];
  }

  reset(): void {
    this.#open = false;
    this.#holdLeft = 0;
    this.#state[0] = 0;
    this.#state[1] = this.#closedGain;
  }
}

/** The `noise-gate` effect plugin. */
export const noiseGateEffect = defineEffect({
  name: 'noise-gate',
  description:
    'Noise gate with hysteresis and hold: attenuates by rangeDb while the peak level is low.',
  schema: NoiseGateParamsSchema,
  create: (params, context, validate) => new NoiseGate(params, context, validate),
});
