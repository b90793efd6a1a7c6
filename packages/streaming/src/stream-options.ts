/**
 * Options shared by every streaming entry point ({@link vocodeChunks}, the WHATWG streams) and their
 * validation.
 */
import {
  CROSSFADE_SHAPES,
  ConfigError,
  parseStreamingConfig,
  type CrossfadeShape,
  type StreamingConfig,
  type SynthesisConfig,
  type Vocoder,
} from '@voirs/core';
import type { ChunkStats } from './chunk-stats.js';
import type { StreamPlan } from './latency-plan.js';

/** Per-call synthesis settings passed to every window (`seed`, `quality`, vocoder `options`…). */
export type WindowSynthesisConfig = Omit<SynthesisConfig, 'signal' | 'streaming' | 'onProgress'>;

/** Options of {@link vocodeChunks} and the stream classes built on it. */
export interface StreamOptions {
  /**
   * Final mel frames vocoded per window. Smaller is lower latency, larger is cheaper (every window
   * also vocodes the receptive field's context). Absent: chosen from `latencyTargetMs` or `plan`,
   * else everything final is vocoded as soon as it arrives.
   */
  readonly chunkFrames?: number;
  /**
   * Latency-target mode: when `chunkFrames` and `plan` are absent, the vocoder is calibrated before
   * the first chunk is read and the largest chunk whose predicted window time fits the target is
   * used (see {@link planStream}).
   */
  readonly latencyTargetMs?: number;
  /** A plan made earlier by {@link planStream} (skips calibration); `chunkFrames` overrides it. */
  readonly plan?: StreamPlan;
  /** Right context in frames (default: the vocoder's receptive field; less is no longer exact). */
  readonly lookaheadFrames?: number;
  /** Crossfade length at the seams of non-exact vocoders (default: the lookahead). */
  readonly crossfadeFrames?: number;
  /** Crossfade curve of non-exact vocoders (default `adaptive`, see core's `CrossfadeShape`). */
  readonly crossfadeShape?: CrossfadeShape;
  /** Settings passed to `vocoder.vocode()` for every window. */
  readonly synthesis?: WindowSynthesisConfig;
  /** Cancels the stream: the source is closed, the running window is cancelled. */
  readonly signal?: AbortSignal;
  /** Called with each chunk's statistics just before the chunk is handed out. */
  readonly onChunk?: (stats: ChunkStats) => void;
  /** Dispose the vocoder (release its sessions) when the stream ends, fails or is cancelled. */
  readonly disposeVocoder?: boolean;
}

/** The validated streaming part of {@link StreamOptions}. */
export interface ResolvedStreamOptions {
  readonly streaming: StreamingConfig;
  readonly crossfadeShape: CrossfadeShape | undefined;
}

/** Checks a vocoder argument (a wrong type is a programming error). */
export function assertVocoder(vocoder: Vocoder): void {
  if (
    vocoder === null ||
    typeof vocoder !== 'object' ||
    typeof vocoder.vocode !== 'function' ||
    vocoder.metadata === undefined
  ) {
    throw new TypeError('expected a Vocoder (from loadVocoder() or a plugin’s create())');
  }
}

/**
 * Validates the streaming numbers of `options` with core's streaming schema.
 * @throws ConfigError `E_CONFIG_INVALID` naming each bad field.
 */
export function resolveStreamOptions(options: StreamOptions): ResolvedStreamOptions {
  if (options === null || typeof options !== 'object')
    throw new TypeError('stream options must be an object');
  if (options.onChunk !== undefined && typeof options.onChunk !== 'function')
    throw new TypeError('onChunk must be a function');
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    throw new TypeError('signal must be an AbortSignal');
  const shape = options.crossfadeShape;
  if (shape !== undefined && !(CROSSFADE_SHAPES as readonly string[]).includes(shape)) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `crossfadeShape must be one of ${CROSSFADE_SHAPES.join(', ')}, got "${String(shape)}".`,
    );
  }
  const streaming = parseStreamingConfig({
    chunkFrames: options.chunkFrames ?? options.plan?.chunkFrames,
    lookaheadFrames: options.lookaheadFrames,
    latencyTargetMs: options.latencyTargetMs,
    crossfadeFrames: options.crossfadeFrames,
  });
  return { streaming, crossfadeShape: shape };
}
