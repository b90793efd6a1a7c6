/**
 * @voirs/hifigan: HiFi-GAN V1/V2/V3 (and custom configurations) from the official PyTorch
 * checkpoints, as ONNX graphs run on any voirs-vocoder backend.
 * @packageDocumentation
 */
export * from './config.js';
export {
  extractWeights,
  inferConfig,
  weightsFromGraph,
  type ConvWeights,
  type HifiganWeights,
} from './weights.js';
export { receptiveField } from './receptive-field.js';
export {
  buildGeneratorGraph,
  probeName,
  AUDIO_OUTPUT,
  FEATURES_OUTPUT,
  LENGTHS_INPUT,
  MEL_INPUT,
  type ActivationRange,
  type GeneratorGraphOptions,
  type HifiganGraphMetadata,
} from './graph.js';
export {
  calibrationMel,
  clippedRange,
  quantizeHifiganModel,
  type QuantizeOptions,
} from './quantization.js';
export {
  prepareHifiganModel,
  describeOnnxModel,
  archName,
  type HifiganModel,
  type PrepareOptions,
} from './model.js';
export { HifiganVocoder } from './vocoder.js';
export { hifiganPlugin, HIFIGAN_NAME } from './plugin.js';
export {
  graphWindowsFrom,
  planGraphWindows,
  planParallelWindows,
  WINDOWS_MAX_CHANNELS,
  type ParallelWindow,
} from './parallel-windows.js';
export {
  parseHifiganOptions,
  HifiganOptionsSchema,
  type HifiganOptions,
} from './synthesis-options.js';
export { planTimeFold, type TimeFold } from './time-fold.js';
export {
  convStackSpec,
  nativeStageFrom,
  NATIVE_MAX_CHANNELS,
  NATIVE_FIRST_STAGE,
  NATIVE_WINOGRAD_CHANNELS,
  NATIVE_WINOGRAD_KERNELS,
} from './native-stack.js';
export { cutWindows, joinWindows, type CutWindows, type Windowing } from './windows.js';
