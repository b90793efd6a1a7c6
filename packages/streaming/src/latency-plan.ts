/**
 * Latency-target mode: picks the chunk size from a measured cost model.
 *
 * Every window vocodes `chunk + left + right` frames (the first one `chunk + right`), so the time
 * from "the frames are final" to "their audio is out" is about `predictMs(chunk + left + right)`.
 * The plan takes the largest chunk whose prediction fits `headroom * latencyTargetMs` (larger
 * chunks waste less compute on context). Keeping up with real time comes first, though: a stream
 * that computes a chunk more slowly than it plays falls further behind with every chunk, so when
 * the target would need such a chunk, the plan takes the smallest chunk that keeps up (with the
 * same headroom) and reports `meetsTarget: false`.
 */
import { ConfigError, throwIfAborted, type Vocoder } from '@voirs/core';
import { calibrateCost, calibrationMel, predictMs, type CostModel } from './cost-model.js';
import { assertVocoder, type WindowSynthesisConfig } from './stream-options.js';

/** The outcome of {@link planStream}. */
export interface StreamPlan {
  /** Final frames per window. */
  readonly chunkFrames: number;
  readonly latencyTargetMs: number;
  readonly cost: CostModel;
  /** Predicted compute of the first window (no left context yet). */
  readonly predictedFirstAudioMs: number;
  /** Predicted compute of a steady-state window. */
  readonly predictedWindowMs: number;
  /** The lookahead's share of latency: `rightFrames * hop / sampleRate`. */
  readonly algorithmicLatencyMs: number;
  /** Predicted window time over the audio it yields; below 1 the stream keeps up with real time. */
  readonly realTimeFactor: number;
  /** False when no chunk that keeps up with real time is predicted to fit the target. */
  readonly meetsTarget: boolean;
}

/** Options of {@link planStream} and {@link planChunkFrames}. */
export interface PlanOptions {
  readonly latencyTargetMs: number;
  /** A cost model measured earlier; absent: {@link calibrateCost} runs first. */
  readonly cost?: CostModel;
  /** Share of the target the predicted window time may use, leaving room for jitter (default 0.8). */
  readonly headroom?: number;
  /** Upper bound of the chunk (default 2048 frames). */
  readonly maxChunkFrames?: number;
  /** Right context the stream will use (default: the receptive field's). */
  readonly lookaheadFrames?: number;
  /** Run the planned window shapes once, so the first real window is not a cold one (default true). */
  readonly warmup?: boolean;
  readonly synthesis?: WindowSynthesisConfig;
  readonly signal?: AbortSignal;
}

/** Picks the chunk from a known cost model; see the module comment. No vocoding happens. */
export function planChunkFrames(
  vocoder: Vocoder,
  cost: CostModel,
  options: Omit<PlanOptions, 'cost' | 'warmup' | 'signal' | 'synthesis'>,
): StreamPlan {
  assertVocoder(vocoder);
  const target = options.latencyTargetMs;
  if (typeof target !== 'number') throw new TypeError('latencyTargetMs must be a number');
  const headroom = options.headroom ?? 0.8;
  const maxChunk = options.maxChunkFrames ?? 2048;
  if (!(target > 0) || !Number.isFinite(target)) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `latencyTargetMs must be a positive number of milliseconds, got ${target}.`,
    );
  }
  if (!(headroom > 0 && headroom <= 1))
    throw new ConfigError('E_CONFIG_INVALID', `headroom must be in (0, 1], got ${headroom}.`);
  if (!Number.isInteger(maxChunk) || maxChunk < 1)
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `maxChunkFrames must be a positive integer, got ${maxChunk}.`,
    );
  const { hop, sampleRate, receptiveField } = vocoder.metadata;
  const left = receptiveField.leftFrames;
  const right = options.lookaheadFrames ?? receptiveField.rightFrames;
  const budget = headroom * target;
  const context = left + right;
  const fit =
    cost.perFrameMs > 0
      ? Math.floor((budget - cost.fixedMs) / cost.perFrameMs) - context
      : maxChunk;
  const frameMs = (1000 * hop) / sampleRate;
  // smallest chunk with fixed + perFrame * (chunk + context) <= headroom * chunk * frameMs
  const gain = headroom * frameMs - cost.perFrameMs;
  const realTime =
    gain > 0 ? Math.ceil((cost.fixedMs + cost.perFrameMs * context) / gain) : maxChunk;
  const chunkFrames = Math.max(1, Math.min(maxChunk, Math.max(fit, realTime)));
  const predictedWindowMs = predictMs(cost, chunkFrames + context);
  return {
    chunkFrames,
    latencyTargetMs: target,
    cost,
    predictedFirstAudioMs: predictMs(cost, chunkFrames + right),
    predictedWindowMs,
    algorithmicLatencyMs: right * frameMs,
    realTimeFactor: predictedWindowMs / (chunkFrames * frameMs),
    meetsTarget: predictedWindowMs <= budget,
  };
}

/**
 * Calibrates `vocoder` (unless `options.cost` is given), picks the chunk for the latency target and
 * warms the planned window shapes up. Call it before the first mel arrives, then pass the plan to
 * {@link vocodeChunks} (`{ plan }`).
 */
export async function planStream(vocoder: Vocoder, options: PlanOptions): Promise<StreamPlan> {
  assertVocoder(vocoder);
  const cost =
    options.cost ??
    (await calibrateCost(vocoder, { synthesis: options.synthesis, signal: options.signal }));
  const plan = planChunkFrames(vocoder, cost, options);
  if (options.warmup ?? true) {
    const { receptiveField, convention } = vocoder.metadata;
    const right = options.lookaheadFrames ?? receptiveField.rightFrames;
    for (const frames of new Set([
      plan.chunkFrames + right,
      plan.chunkFrames + receptiveField.leftFrames + right,
    ])) {
      throwIfAborted(options.signal);
      await vocoder.vocode(calibrationMel(convention, frames), {
        ...options.synthesis,
        signal: options.signal,
      });
    }
  }
  return plan;
}
