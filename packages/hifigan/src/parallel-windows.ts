/**
 * Chunk-parallel vocoding: a long input cut into overlapping windows that run as one batch, so
 * each onnxruntime thread takes whole items instead of splitting every small convolution, and whose
 * cropped results concatenate to exactly the offline output. Two forms: inside the graph, after
 * conv_pre, with only the reach of the later layers as context ({@link planGraphWindows}, what the
 * plugin builds for a session with several threads), and outside it, on the mel, with the whole
 * receptive field as context ({@link planParallelWindows}, the vocoder's `parallelChunks` option).
 */
import { ConfigError, type ReceptiveField } from '@voirs/core';
import { stageChannels, type HifiganConfig } from './config.js';
import { reachFromStage } from './receptive-field.js';
import type { Windowing } from './windows.js';

/**
 * The in-graph windows for `count` threads (graph.ts `parallelWindows`): cut at the input of
 * upsampling stage `stage` (0: at the frame rate after conv_pre), each carrying the reach of
 * everything after the cut (rounded up to whole samples of that rate) as context; undefined for a
 * single window.
 * @throws ConfigError `E_INVALID_ARGUMENT` unless `count` is an integer in [1, 64].
 */
export function planGraphWindows(
  config: HifiganConfig,
  count: number,
  stage = 0,
): Windowing | undefined {
  if (!Number.isInteger(count) || count < 1 || count > 64)
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `parallelWindows must be an integer in [1, 64], got ${String(count)}.`,
    );
  if (count === 1) return undefined;
  const { left, right } = reachFromStage(config, stage);
  return { count, halo: Math.ceil(Math.max(left, right)) };
}

/**
 * Stages wider than this split well over threads inside onnxruntime (it divides their output
 * channels); the in-graph windows start at the first stage this narrow or narrower.
 */
export const WINDOWS_MAX_CHANNELS = 128;

/**
 * The stage at whose input the plugin cuts the in-graph windows (graph.ts `windowsFrom`): the
 * first of at most {@link WINDOWS_MAX_CHANNELS} channels. V2 (64, 32, 16, 8 channels) and V3: 0,
 * right after conv_pre; V1 (256, 128, 64, 32): 1. Cut there, V1's windows carry 2 frames of
 * context instead of 12 (its first stage's residual blocks alone reach 7.5 frames), and its
 * 256-channel first stage runs as fast on one item: V1, 3 s, 2 threads, RTF 0.197 -> 0.181. V2
 * cut at stage 1 went the other way (0.0186 -> 0.0202), so it keeps 0
 * (`pnpm --filter @voirs/bench-app profile:hifigan --windows-from N`).
 */
export function graphWindowsFrom(config: HifiganConfig): number {
  const index = config.upsampleRates.findIndex(
    (_, s) => stageChannels(config, s) <= WINDOWS_MAX_CHANNELS,
  );
  return index === -1 ? config.upsampleRates.length : index;
}

/** One batch item: frames [start, start + length) of the mel; keep frames [keepFrom, keepTo). */
export interface ParallelWindow {
  readonly start: number;
  readonly keepFrom: number;
  readonly keepTo: number;
}

/**
 * Plans `parts` windows of the mel, of one common length over `frames` frames (the whole receptive
 * field as context), or returns undefined when the mel is too short for the context overhead to
 * pay off (each chunk must be at least `minChunkFactor` times the context it carries).
 */
export function planParallelWindows(
  frames: number,
  parts: number,
  field: ReceptiveField,
  minChunkFactor = 4,
): { windows: ParallelWindow[]; length: number } | undefined {
  if (!Number.isInteger(parts) || parts < 2 || !field.exact) return undefined;
  const context = field.leftFrames + field.rightFrames;
  const chunk = Math.ceil(frames / parts);
  if (chunk < minChunkFactor * context) return undefined;
  const length = Math.min(frames, chunk + context);
  const windows: ParallelWindow[] = [];
  for (let i = 0; i < parts; i++) {
    const keepFrom = i * chunk;
    const keepTo = Math.min(frames, keepFrom + chunk);
    if (keepFrom >= keepTo) break;
    const start = Math.max(0, Math.min(keepFrom - field.leftFrames, frames - length));
    windows.push({ start, keepFrom, keepTo });
  }
  return { windows, length };
}
