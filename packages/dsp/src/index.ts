/**
 * @voirs/dsp: audio and spectral signal processing for voirs-vocoder. Browser-safe: nothing here
 * touches the file system (see the `@voirs/dsp/node` entry for file helpers).
 * @packageDocumentation
 */
export * from './spectral/index.js';
export * from './resample/index.js';
export * from './griffinlim/index.js';
export * from './io/index.js';
export * from './filters/index.js';
export * from './ops/index.js';
export * from './analysis/index.js';
export * from './random/index.js';
