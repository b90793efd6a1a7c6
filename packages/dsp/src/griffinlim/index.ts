/** The model-free Griffin-Lim vocoder and its building blocks. */
export * from './counter-prng.js';
export * from './griffin-lim.js';
export * from './griffinlim-options.js';
export * from './griffinlim-vocoder.js';
export * from './plugin.js';
