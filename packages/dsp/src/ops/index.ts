/**
 * Audio operations. Each returns new audio and leaves its input untouched (except `chunkAudio`,
 * whose blocks are views).
 */
export * from './gain.js';
export * from './normalize.js';
export * from './fades.js';
export * from './channels.js';
export * from './concat.js';
export * from './chunk.js';
export * from './trim-silence.js';
export * from './sample-format.js';
export * from './dc-removal.js';
export * from './pass-filters.js';
export { Quantizer, type IntBitDepth, type QuantizeOptions } from './quantizer.js';
export { TpdfDither } from './tpdf-dither.js';
