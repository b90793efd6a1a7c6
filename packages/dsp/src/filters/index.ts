/**
 * IIR filters: RBJ cookbook biquads, their analytic response, a stateful multi-channel cascade and
 * Butterworth designs.
 */
export * from './biquad-coefficients.js';
export * from './biquad-response.js';
export * from './biquad-filter.js';
export * from './butterworth.js';
