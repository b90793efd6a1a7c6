/**
 * @voirs/core: the contracts every voirs-vocoder package implements, the error hierarchy, configs,
 * mel conventions and the plugin registry.
 * @packageDocumentation
 */
export * from './errors.js';
export * from './audio.js';
export * from './mel.js';
export * from './mel-presets.js';
export * from './tensor.js';
export * from './plugin.js';
export * from './registry.js';
export * from './registries.js';
export * from './backend.js';
export * from './conv-stack.js';
export * from './vocoder.js';
export * from './effect.js';
export * from './config.js';
export * from './stream-context.js';
export * from './base-vocoder.js';
export * from './model-runtime.js';
