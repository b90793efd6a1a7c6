/**
 * @voirs/waveglow: NVIDIA WaveGlow's inverse pass from the official checkpoints (whole pickled
 * modules or state dicts), as ONNX graphs run on any voirs-vocoder backend, with sigma, seeded or
 * explicit noise and NVIDIA's bias denoiser.
 * @packageDocumentation
 */
export * from './config.js';
export {
  parseWaveglowJson,
  type DeclaredFlows,
  type FrontendKeys,
  type WaveglowJson,
} from './config-json.js';
export { conventionFor } from './convention.js';
export {
  countParameters,
  extractWeights,
  inferConfig,
  normalizeStateDict,
  type ConvWeights,
  type FlowWeights,
  type WaveglowWeights,
  type WnLayerWeights,
} from './weights.js';
export { invertMatrix } from './invert-matrix.js';
export { WAVEGLOW_GLOBALS, configFromModule } from './module-config.js';
export {
  AUDIO_OUTPUT,
  COND_OUTPUT,
  FLOW_INPUT,
  MEL_INPUT,
  NOISE_INPUT,
  SIGMA_INPUT,
  buildFlowGraph,
  buildUpsampleGraph,
  buildWaveglowGraph,
  type WaveglowGraphMetadata,
} from './graph.js';
export { weightsFromGraph } from './graph-weights.js';
export { receptiveField } from './receptive-field.js';
export { checkNoise, noiseShape, seededNoise, type NoiseArray } from './noise.js';
export {
  DEFAULT_SIGMA,
  parseWaveglowOptions,
  type ResolvedWaveglowOptions,
  type WaveglowSynthesisOptions,
} from './options.js';
export { DENOISER_BIAS_FRAMES, DENOISER_STFT, biasSpectrum, denoise } from './denoiser.js';
export {
  WAVEGLOW_ARCHS,
  archName,
  describeOnnxModel,
  prepareWaveglowModel,
  type PrepareOptions,
  type WaveglowModel,
} from './model.js';
export { WaveglowRunner, type InferHooks } from './runner.js';
export { WaveglowVocoder } from './vocoder.js';
export { WAVEGLOW_NAME, waveglowPlugin } from './plugin.js';
