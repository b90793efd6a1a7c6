/**
 * @voirs/effects: audio effects as plugins of core's `effects` registry (dynamics, EQ, reverb,
 * validation), and effect chains with a JSON form. Browser-safe; nothing registers on import (use
 * `registerEffects()` or `import '@voirs/effects/register'`).
 * @packageDocumentation
 */
export { defineEffect, paramError, assertEffectContext } from './plugin/define-effect.js';
export type {
  DefinedEffectPlugin,
  EffectDefinition,
  ParamsSchema,
  ParamsValidator,
} from './plugin/define-effect.js';
export { EffectBase, type StateBuffer } from './plugin/effect-base.js';
export { isReportingEffect, type EffectReport, type ReportingEffect } from './plugin/report.js';
export { RAMP_MS } from './util/linear-ramp.js';

export * from './dynamics/compressor.js';
export * from './dynamics/limiter.js';
export * from './dynamics/noise-gate.js';
export * from './dynamics/agc.js';
export { compressorCurveDb } from './dynamics/gain-curve.js';
export * from './frequency/biquad.js';
export * from './frequency/parametric-eq.js';
export * from './frequency/enhancer.js';
export * from './frequency/warmth.js';
export * from './frequency/presence.js';
export * from './frequency/de-esser.js';
export * from './spatial/reverb.js';
export * from './spatial/convolution.js';
export * from './spatial/stereo-width.js';
export * from './validation/clip-guard.js';
export * from './validation/dc-blocker.js';
export * from './validation/phase-check.js';
export { TRUE_PEAK_OVERSAMPLING } from './util/true-peak.js';

export * from './plugins.js';
export * from './chain/chain-spec.js';
export { EffectChain, type SlotReport } from './chain/effect-chain.js';
export {
  createEffectChain,
  loadEffectChain,
  type EffectChainOptions,
} from './chain/create-chain.js';
export { AUTOMATION_STRIDE } from './chain/slot-automation.js';
export type { SlotUpdate } from './chain/chain-slot.js';
