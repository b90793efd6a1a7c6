/**
 * The effect contract: block-based audio processors usable offline and inside streams.
 */
import type { AudioBuffer } from './audio.js';
import type { Plugin } from './plugin.js';

/** Context an effect is created for. */
export interface EffectContext {
  readonly sampleRate: number;
  readonly channels: number;
}

/** A stateful processor. Processing a signal in blocks of any size gives the same output. */
export interface Effect {
  readonly name: string;
  /** Delay the effect introduces, in frames (a lookahead limiter's lookahead, for example). */
  readonly latency: number;
  /**
   * Processes one block (interleaved, the sample rate and channel count of the context) and returns
   * a block of the same length. The input may be modified in place and returned.
   */
  process(block: AudioBuffer): AudioBuffer;
  /** Changes parameters; the effect ramps to them without zipper noise where that matters. */
  setParams(params: Readonly<Record<string, unknown>>): void;
  /** Clears internal state (delay lines, envelopes) as if newly created. */
  reset(): void;
}

/** An effect plugin: validates parameters and creates effects. */
export interface EffectPlugin extends Plugin {
  readonly kind: 'effect';
  /** Default parameter values; documents the parameter names. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** @throws ConfigError `E_EFFECT_PARAMS` for invalid parameters. */
  create(params: Readonly<Record<string, unknown>>, context: EffectContext): Effect;
}
