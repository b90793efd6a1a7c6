/** Spectral analysis: FFT, windows, STFT/iSTFT, mel scales, filterbanks and mel frontends. */
export * from './fft.js';
export * from './window.js';
export * from './padding.js';
export * from './stft-plan.js';
export * from './stft.js';
export * from './mel-scale.js';
export * from './mel-filterbank.js';
export * from './mel-compression.js';
export { validateConvention } from './mel-frontend.js';
export * from './compute-mel.js';
export { DEFAULT_NNLS_ITERATIONS } from './mel-nnls.js';
export { melToLinear, type LinearSpectrogram, type MelToLinearOptions } from './mel-to-linear.js';
export * from './convert-mel.js';
