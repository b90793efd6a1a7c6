/**
 * Conformance suites every plugin runs (`@voirs/core/testing`). They need vitest.
 * @packageDocumentation
 */
export * from './test-vocoder.js';
export * from './shared-data.js';
export * from './test-backend.js';
export * from './test-effect.js';
export * from './hash-uniform.js';
export * from './chromium.js';
export * from './compare-waveforms.js';
