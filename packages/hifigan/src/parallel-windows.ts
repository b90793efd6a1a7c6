/**
 * Chunk-parallel vocoding: a long input cut into overlapping windows that run as one batch, so
 * each onnxruntime thread takes whole items instead of splitting every small convolution, and whose
 * cropped results concatenate to exactly the offline output. Two forms: inside the graph, after
 * conv_pre, with only the reach of the later layers as context ({@link planGraphWindows}, what the
 * plugin builds for a session with several threads), and outside it, on the mel, with the whole
 * receptive field as context ({@link planParallelWindows}, the vocoder's `parallelChunks` option).
 */
import { ConfigError, type ReceptiveField } from '@voirs/core';
import type { HifiganConfig } from './config.js';
import { reachAfterConvPre } from './receptive-field.js';
import type { Windowing } from './windows.js';

/**
 * The in-graph windows for `count` threads (graph.ts `parallelWindows`): cut at the frame rate
 * after conv_pre, each carrying the reach of everything after it (rounded up to whole frames) as
 * context; undefined for a single window.
 * @throws ConfigError `E_INVALID_ARGUMENT` unless `count` is an integer in [1, 64].
 */
export function planGraphWindows(config: HifiganConfig, count: number): Windowing | undefined {
  if (!Number.isInteger(count) || count < 1 || count > 64)
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `parallelWindows must be an integer in [1, 64], got ${String(count)}.`,
    );
  if (count === 1) return undefined;
  const { left, right } = reachAfterConvPre(config);
  return { count, halo: Math.ceil(Math.max(left, right)) };
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
