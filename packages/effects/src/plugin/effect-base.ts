/**
 * The base class of this package's effects: block checks, validated `setParams`, and the hooks a
 * concrete effect fills in (`render`, `applyParams`, `reset`).
 */
import type { AudioBuffer, Effect, EffectContext } from '@voirs/core';
import { assertBlock } from './assert-block.js';
import type { ParamsValidator } from './define-effect.js';

/** State arrays an effect exposes for diagnostics (the conformance suite checks them for denormals). */
export type StateBuffer = Float32Array | Float64Array;

/** Common implementation of {@link Effect} for parameter type `P`. */
export abstract class EffectBase<P extends object> implements Effect {
  readonly name: string;
  readonly sampleRate: number;
  readonly channels: number;
  #params: P;
  readonly #validate: ParamsValidator<P>;

  protected constructor(
    name: string,
    params: P,
    context: EffectContext,
    validate: ParamsValidator<P>,
  ) {
    this.name = name;
    this.sampleRate = context.sampleRate;
    this.channels = context.channels;
    this.#params = params;
    this.#validate = validate;
  }

  /** The current (validated, defaulted) parameters. */
  get params(): P {
    return this.#params;
  }

  /** Delay in frames; 0 unless the effect looks ahead. */
  get latency(): number {
    return 0;
  }

  /**
   * Processes one interleaved block in place and returns it.
   * @throws InputError `E_AUDIO_INVALID` for another channel count or rate, a ragged length or a
   * non-finite sample (the state is left untouched).
   */
  process(block: AudioBuffer): AudioBuffer {
    assertBlock(block, this.name, this.sampleRate, this.channels);
    const frames = block.samples.length / this.channels;
    if (frames > 0) this.render(block.samples, frames);
    return block;
  }

  /**
   * Merges `update` into the parameters, validates them, and ramps to the new values.
   * @throws ConfigError `E_EFFECT_PARAMS` naming the field; the old parameters stay in force.
   */
  setParams(update: Readonly<Record<string, unknown>>): void {
    if (update === null || typeof update !== 'object' || Array.isArray(update)) {
      throw new TypeError(`${this.name}.setParams expects an object`);
    }
    const next = this.#validate({ ...this.#params, ...update });
    const previous = this.#params;
    this.#params = next;
    this.applyParams(next, previous);
  }

  /** Internal state arrays, for diagnostics and the denormal checks of the tests. */
  stateBuffers(): readonly StateBuffer[] {
    return [];
  }

  abstract reset(): void;
  /** Processes `frames` interleaved frames of `samples` in place. */
  protected abstract render(samples: Float32Array, frames: number): void;
  /** Reacts to new parameters (start ramps, redesign filters). */
  protected abstract applyParams(next: P, previous: P): void;
}
