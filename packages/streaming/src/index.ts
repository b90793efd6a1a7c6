/**
 * @voirs/streaming: low-latency streaming vocoding. Mel chunks in (async iterables or WHATWG
 * streams), final audio chunks out as soon as their lookahead has arrived, with per-chunk latency
 * statistics, a latency-target mode and seam measurements. The browser player lives in
 * `@voirs/streaming/player`.
 * @packageDocumentation
 */
export { vocodeChunks } from './vocode-chunks.js';
export { vocodeReadableStream, type ReadableOptions } from './vocode-readable.js';
export { VocodeTransformStream } from './vocode-transform-stream.js';
export { abortableSource, type ChunkSource } from './abortable-source.js';
export { melChunks } from './mel-chunks.js';
export type { StreamOptions, WindowSynthesisConfig } from './stream-options.js';
export {
  summarizeLatency,
  type AudioChunk,
  type ChunkStats,
  type Distribution,
  type LatencySummary,
} from './chunk-stats.js';
export {
  calibrateCost,
  fitCost,
  predictMs,
  type CalibrateOptions,
  type CostModel,
} from './cost-model.js';
export { planChunkFrames, planStream, type PlanOptions, type StreamPlan } from './latency-plan.js';
export {
  measureStreamingLatency,
  type LatencyReport,
  type MeasureLatencyOptions,
} from './measure-latency.js';
export { seamArtifacts, type SeamAnalysisOptions, type SeamReport } from './seam-analysis.js';
