/**
 * Windows for chunk-parallel vocoding: a long mel is cut into `parts` chunks, each extended by the
 * receptive field's context and all of one common length, so the chunks run as one batch (each
 * onnxruntime thread takes whole items instead of splitting every small convolution) and the
 * cropped results concatenate to exactly the offline output.
 */
import type { ReceptiveField } from '@voirs/core';

/** One batch item: frames [start, start + length) of the mel; keep frames [keepFrom, keepTo). */
export interface ParallelWindow {
  readonly start: number;
  readonly keepFrom: number;
  readonly keepTo: number;
}

/**
 * Plans `parts` windows of one common length over `frames` frames, or returns undefined when the
 * mel is too short for the context overhead to pay off (each chunk must be at least
 * `minChunkFactor` times the context it carries).
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
