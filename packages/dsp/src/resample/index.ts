/** Resampling: Kaiser-windowed sinc, polyphase for rational ratios, interpolated for any other. */
export * from './kaiser-design.js';
export { MAX_RESAMPLE_RATIO } from './resampler-kernel.js';
export * from './streaming-resampler.js';
export * from './resample.js';
