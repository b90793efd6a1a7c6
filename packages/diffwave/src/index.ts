/**
 * @voirs/diffwave: the official DiffWave (lmnt-com/diffwave) denoiser from its PyTorch checkpoints
 * as an ONNX graph, with DDPM (full and fast schedules), DDIM and adaptive sampling in TypeScript,
 * on any voirs-vocoder backend.
 * @packageDocumentation
 */
export {
  DIFFWAVE_BASE,
  DIFFWAVE_HOP,
  archName,
  describeConfig,
  dilationOf,
  validateConfig,
  type DiffwaveConfig,
} from './config.js';
export { parseParams, checkpointParams, type DiffwaveParams } from './checkpoint-params.js';
export {
  extractWeights,
  inferConfig,
  countParameters,
  type ConfigHints,
  type DiffwaveWeights,
  type Layer,
  type ResidualLayer,
} from './weights.js';
export { stepEmbeddingTable } from './step-embedding.js';
export {
  buildDenoiserGraph,
  AUDIO_INPUT,
  MEL_INPUT,
  NOISE_OUTPUT,
  STEP_INPUT,
  type DiffwaveGraphMetadata,
} from './graph.js';
export { receptiveField } from './receptive-field.js';
export {
  prepareDiffwaveModel,
  describeOnnxModel,
  conventionFor,
  OFFICIAL_FAST_BETAS,
  OFFICIAL_TRAINING_BETAS,
  PARAMS_CLASS,
  type DiffwaveModel,
  type PrepareOptions,
} from './model.js';
export { validateBetas, alphaCumulative, MAX_SCHEDULE_STEPS } from './schedule/validate-betas.js';
export {
  linearBetas,
  quadraticBetas,
  sigmoidBetas,
  cosineBetas,
  linspace,
} from './schedule/beta-families.js';
export {
  parseScheduleSpec,
  resolveSchedule,
  type ModelSchedules,
  type ScheduleFamily,
  type ScheduleSpec,
} from './schedule/schedule-spec.js';
export {
  fractionalSteps,
  scheduleLevels,
  evenTimesteps,
  evenLevels,
  type NoiseLevel,
} from './schedule/noise-levels.js';
export { seededNoise, explicitNoise, type NoiseArray, type NoiseSource } from './noise-source.js';
export type { Denoiser, SamplerRun, SampleResult } from './samplers/sampler-run.js';
export { sampleDdpm } from './samplers/ddpm.js';
export { sampleDdim, type DdimOptions, type EarlyStop } from './samplers/ddim.js';
export {
  sampleAdaptive,
  relativeChange,
  convergence,
  DEFAULT_MIN_STEPS,
  DEFAULT_TOLERANCE,
  type AdaptiveOptions,
} from './samplers/adaptive.js';
export {
  planSampling,
  DiffwaveOptionsSchema,
  SAMPLERS,
  type DiffwaveOptions,
  type SamplerName,
  type SamplingPlan,
} from './synthesis-options.js';
export { sampleDiffwave, type SampleRequest, type SamplingModel } from './sample-diffwave.js';
export { DiffwaveVocoder } from './vocoder.js';
export { diffwavePlugin, DIFFWAVE_NAME } from './plugin.js';
