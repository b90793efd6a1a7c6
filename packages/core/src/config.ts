/**
 * Configuration objects and their validation (valibot schemas). Every `parse*` function returns a
 * fully defaulted, frozen config or throws `ConfigError` (`E_CONFIG_INVALID`) naming each bad field.
 */
import * as v from 'valibot';
import { ConfigError } from './errors.js';
import { MAX_SAMPLE_RATE } from './audio.js';

/** Quality levels; each vocoder maps them to its own knobs (iterations, diffusion steps…). */
export const QUALITY_LEVELS = ['low', 'medium', 'high', 'ultra'] as const;
export type QualityLevel = (typeof QUALITY_LEVELS)[number];

/** What to optimise: first-sample latency, a balance, or throughput. */
export const PERFORMANCE_MODES = ['latency', 'balanced', 'throughput'] as const;
export type PerformanceMode = (typeof PERFORMANCE_MODES)[number];

/** Sample formats of written audio. */
export const SAMPLE_FORMATS = ['s16', 's24', 's32', 'f32'] as const;
export type SampleFormat = (typeof SAMPLE_FORMATS)[number];

/** Numeric precisions of a model. */
export const PRECISIONS = ['fp32', 'fp16', 'int8'] as const;
export type Precision = (typeof PRECISIONS)[number];

const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/** Output format: sample rate and bit depth. */
export const OutputConfigSchema = v.strictObject({
  /** Resample to this rate; absent keeps the vocoder's native rate. */
  sampleRate: v.optional(int(1, MAX_SAMPLE_RATE)),
  format: v.optional(v.picklist(SAMPLE_FORMATS), 's16'),
  /** TPDF dither when reducing to integer formats. */
  dither: v.optional(v.boolean(), false),
});
export type OutputConfig = v.InferOutput<typeof OutputConfigSchema>;

/** Streaming: chunking, lookahead and latency target. */
export const StreamingConfigSchema = v.strictObject({
  /** Mel frames vocoded per step (absent: chosen from the latency target, or the vocoder default). */
  chunkFrames: v.optional(int(1, 1_000_000)),
  /** Right context frames; absent: the vocoder's declared receptive field. */
  lookaheadFrames: v.optional(int(0, 100_000)),
  /** Target for first-audio latency in milliseconds; picks chunkFrames when that is absent. */
  latencyTargetMs: v.optional(v.pipe(v.number(), v.minValue(0.1), v.maxValue(60_000))),
  /** Crossfade length for overlap-add seams (Griffin-Lim, diffusion, flows). */
  crossfadeFrames: v.optional(int(0, 10_000)),
});
export type StreamingConfig = v.InferOutput<typeof StreamingConfigSchema>;

/** Model selection and runtime settings. */
export const ModelConfigSchema = v.strictObject({
  /** Architecture variant, e.g. `v1`, `v2`, `v3` for HiFi-GAN. */
  arch: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Backend names in order of preference. */
  backend: v.optional(
    v.union([v.pipe(v.string(), v.minLength(1)), v.array(v.pipe(v.string(), v.minLength(1)))]),
  ),
  threads: v.optional(int(1, 256)),
  interOpThreads: v.optional(int(1, 256)),
  precision: v.optional(v.picklist(PRECISIONS), 'fp32'),
  executionProviders: v.optional(v.array(v.string())),
});
/** A validated model config (defaults filled in). */
export type ModelConfig = v.InferOutput<typeof ModelConfigSchema>;
/** A model config as callers write it (every field optional). */
export type ModelConfigInput = v.InferInput<typeof ModelConfigSchema>;

/** Per-call synthesis settings accepted by every vocoder. */
export const SynthesisConfigSchema = v.strictObject({
  quality: v.optional(v.picklist(QUALITY_LEVELS), 'high'),
  performance: v.optional(v.picklist(PERFORMANCE_MODES), 'balanced'),
  /** Seed of the documented counter-based PRNG for stochastic vocoders. */
  seed: v.optional(int(0, 2 ** 32 - 1)),
  signal: v.optional(
    v.custom<AbortSignal>((x) => x instanceof AbortSignal, 'expected an AbortSignal'),
  ),
  /** Chunking for vocodeStream(). */
  streaming: v.optional(StreamingConfigSchema),
  /**
   * Called with the completed fraction (0..1) as work progresses, for progress bars. Vocoders call it
   * at least once at the end; it must not throw.
   */
  onProgress: v.optional(
    v.custom<(fraction: number) => void>((x) => typeof x === 'function', 'expected a function'),
  ),
  /** Vocoder-specific options (iterations, sigma, steps…), validated by the vocoder. */
  options: v.optional(v.record(v.string(), v.unknown())),
});
export type SynthesisConfig = v.InferInput<typeof SynthesisConfigSchema>;
export type ResolvedSynthesisConfig = v.InferOutput<typeof SynthesisConfigSchema>;

function describeIssues(issues: readonly v.BaseIssue<unknown>[], what: string): string {
  return issues
    .map((issue) => {
      const path = v.getDotPath(issue);
      return `${what}${path ? `.${path}` : ''}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Validates `input` against a schema, throwing `E_CONFIG_INVALID` with every problem listed.
 * `what` names the object in messages (e.g. `"synthesis config"`).
 */
export function parseWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  what: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input ?? {});
  if (!result.success) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `Invalid ${what}: ${describeIssues(result.issues, what)}.`,
      {
        details: {
          issues: result.issues.map((i) => ({ path: v.getDotPath(i), message: i.message })),
        },
      },
    );
  }
  return Object.freeze(result.output) as v.InferOutput<S>;
}

export const parseSynthesisConfig = (input: unknown): ResolvedSynthesisConfig =>
  parseWith(SynthesisConfigSchema, input, 'synthesis config');
export const parseStreamingConfig = (input: unknown): StreamingConfig =>
  parseWith(StreamingConfigSchema, input, 'streaming config');
export const parseModelConfig = (input: unknown): ModelConfig =>
  parseWith(ModelConfigSchema, input, 'model config');
export const parseOutputConfig = (input: unknown): OutputConfig =>
  parseWith(OutputConfigSchema, input, 'output config');
