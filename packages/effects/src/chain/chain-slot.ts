/**
 * One effect inside an {@link EffectChain}: its wet/dry mix against a dry path delayed by the
 * effect's latency, and bypass as a crossfade to that dry path. A bypassed effect whose crossfade
 * has finished is not run at all; when it is switched back on it starts from a reset state.
 */
import { InputError, type Effect, type EffectPlugin } from '@voirs/core';
import type { StateBuffer } from '../plugin/effect-base.js';
import { FrameDelay } from '../util/frame-delay.js';
import { LinearRamp, rampFrames } from '../util/linear-ramp.js';

/** A slot's settings. */
export interface SlotSettings {
  params: Readonly<Record<string, unknown>>;
  mix: number;
  bypass: boolean;
}

/** A change to a slot. */
export interface SlotUpdate {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly mix?: number;
  readonly bypass?: boolean;
}

export class ChainSlot {
  readonly #wet: LinearRamp;
  readonly #dry: FrameDelay;
  #scratch = new Float32Array(0);
  #idle: boolean;
  /** What the slot was told (creation plus explicit updates); automation does not change it. */
  base: SlotSettings;
  /** What is in force now. */
  #mix: number;
  #bypass: boolean;
  #params: Readonly<Record<string, unknown>>;

  constructor(
    readonly plugin: EffectPlugin,
    readonly effect: Effect,
    settings: SlotSettings,
    readonly sampleRate: number,
    readonly channels: number,
  ) {
    this.base = settings;
    this.#mix = settings.mix;
    this.#bypass = settings.bypass;
    this.#params = currentParams(effect, settings.params);
    this.#wet = new LinearRamp(settings.bypass ? 0 : settings.mix, rampFrames(sampleRate));
    this.#idle = settings.bypass;
    this.#dry = new FrameDelay(channels, effect.latency);
  }

  get latency(): number {
    return this.effect.latency;
  }

  /** The parameters in force (with defaults, when the effect exposes them). */
  get params(): Readonly<Record<string, unknown>> {
    return this.#params;
  }

  get mix(): number {
    return this.#mix;
  }

  get bypass(): boolean {
    return this.#bypass;
  }

  /** Applies a change (validated by the effect for params). */
  update(change: SlotUpdate): void {
    if (change.params !== undefined && Object.keys(change.params).length > 0) {
      this.effect.setParams(change.params);
      this.#params = currentParams(this.effect, { ...this.#params, ...change.params });
    }
    if (change.mix !== undefined) this.#mix = change.mix;
    if (change.bypass !== undefined) this.#bypass = change.bypass;
    if (!this.#bypass && this.#idle) {
      this.effect.reset();
      this.#idle = false;
    }
    this.#wet.set(this.#bypass ? 0 : this.#mix);
  }

  /** Processes `frames` frames of `view` in place. */
  process(view: Float32Array, frames: number): void {
    const latency = this.effect.latency;
    if (this.#dry.delay !== latency) this.#dry.resize(latency);
    if (this.#idle) {
      this.#dry.process(view, frames);
      return;
    }
    const wet = this.#wet;
    const fullyWet = !wet.active && wet.value === 1;
    if (fullyWet && latency === 0) {
      this.#run(view);
      return;
    }
    if (this.#scratch.length < view.length) this.#scratch = new Float32Array(view.length);
    const dry = this.#scratch.subarray(0, view.length);
    dry.set(view);
    this.#dry.process(dry, frames);
    this.#run(view);
    if (!fullyWet) {
      const ch = this.channels;
      for (let i = 0, p = 0; i < frames; i++) {
        const w = wet.next();
        for (let c = 0; c < ch; c++, p++) view[p] = dry[p]! + (view[p]! - dry[p]!) * w;
      }
    }
    if (this.#bypass && !wet.active && wet.value === 0) this.#idle = true;
  }

  #run(view: Float32Array): void {
    const out = this.effect.process({
      samples: view,
      sampleRate: this.sampleRate,
      channels: this.channels,
    });
    if (out.samples !== view) {
      if (out.samples.length !== view.length) {
        throw new InputError(
          'E_AUDIO_INVALID',
          `The ${this.effect.name} effect returned ${out.samples.length} samples for a block of ${view.length}; effects must keep the block length.`,
        );
      }
      view.set(out.samples);
    }
  }

  /** Restores `base` and clears every state. */
  restore(): void {
    if (Object.keys(this.base.params).length > 0) this.effect.setParams(this.base.params);
    this.effect.reset();
    this.#params = currentParams(this.effect, this.base.params);
    this.#mix = this.base.mix;
    this.#bypass = this.base.bypass;
    this.#wet.jump(this.#bypass ? 0 : this.#mix);
    this.#idle = this.#bypass;
    this.#dry.reset();
  }

  stateBuffers(): StateBuffer[] {
    const own =
      (this.effect as { stateBuffers?: () => readonly StateBuffer[] }).stateBuffers?.() ?? [];
    return [...own, this.#dry.buffer];
  }
}

/** The effect's own view of its parameters when it has one (this package's effects do), else `fallback`. */
function currentParams(
  effect: Effect,
  fallback: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const own = (effect as { params?: unknown }).params;
  return own !== null && typeof own === 'object' ? (own as Record<string, unknown>) : fallback;
}
