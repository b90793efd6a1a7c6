/**
 * Signal analysis: levels, crest factor, dynamic range, zero crossings, spectra and centroid.
 */
export * from './levels.js';
export * from './dynamic-range.js';
export * from './zero-crossing-rate.js';
export * from './spectrum.js';
export * from './spectral-centroid.js';
