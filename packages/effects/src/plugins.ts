/**
 * Every effect plugin of this package, and a one-call registration.
 */
import { effects, register, type EffectPlugin } from '@voirs/core';
import { agcEffect } from './dynamics/agc.js';
import { compressorEffect } from './dynamics/compressor.js';
import { limiterEffect } from './dynamics/limiter.js';
import { noiseGateEffect } from './dynamics/noise-gate.js';
import { biquadEffect } from './frequency/biquad.js';
import { deEsserEffect } from './frequency/de-esser.js';
import { enhancerEffect } from './frequency/enhancer.js';
import { eqEffect } from './frequency/parametric-eq.js';
import { presenceEffect } from './frequency/presence.js';
import { warmthEffect } from './frequency/warmth.js';
import type { DefinedEffectPlugin } from './plugin/define-effect.js';
import { convolutionEffect } from './spatial/convolution.js';
import { reverbEffect } from './spatial/reverb.js';
import { stereoWidthEffect } from './spatial/stereo-width.js';
import { clipGuardEffect } from './validation/clip-guard.js';
import { dcBlockerEffect } from './validation/dc-blocker.js';
import { phaseCheckEffect } from './validation/phase-check.js';

/** The built-in effect plugins, in the order the README lists them. */
export const EFFECT_PLUGINS: readonly DefinedEffectPlugin[] = Object.freeze([
  compressorEffect,
  limiterEffect,
  noiseGateEffect,
  agcEffect,
  biquadEffect,
  eqEffect,
  enhancerEffect,
  warmthEffect,
  presenceEffect,
  deEsserEffect,
  reverbEffect,
  convolutionEffect,
  stereoWidthEffect,
  clipGuardEffect,
  dcBlockerEffect,
  phaseCheckEffect,
] as DefinedEffectPlugin[]);

/**
 * Registers every built-in effect in core's `effects` registry, skipping names already taken
 * (so it is idempotent and leaves third-party replacements alone).
 */
export function registerEffects(): void {
  for (const plugin of EFFECT_PLUGINS as readonly EffectPlugin[]) {
    if (!effects.has(plugin.name)) register(plugin);
  }
}
