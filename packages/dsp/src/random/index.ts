/** Reproducible randomness: the counter-based generator and Gaussian noise built on it. */
export * from './gaussian-noise.js';
