/**
 * DiffWave's sinusoidal diffusion-step table: row t holds `sin(t * 10^(4j/63))` for j = 0..63,
 * then `cos` of the same angles. It is computed in float32 exactly as the official code does
 * (`steps * 10.0 ** (dims * 4.0 / 63.0)` on float32 tensors): the angles reach t * 10^4, where one
 * float32 rounding more or less would change the high-frequency entries visibly.
 */
import { EMBEDDING_WIDTH } from './config.js';

/** The table, row-major [maxSteps, 128]. */
export function stepEmbeddingTable(maxSteps: number): Float32Array {
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 1)
    throw new RangeError(`maxSteps must be a positive integer, got ${maxSteps}`);
  const half = EMBEDDING_WIDTH / 2;
  const scales = Array.from({ length: half }, (_, j) =>
    Math.fround(10 ** Math.fround(Math.fround(j * 4) / 63)),
  );
  const table = new Float32Array(maxSteps * EMBEDDING_WIDTH);
  for (let t = 0; t < maxSteps; t++) {
    for (let j = 0; j < half; j++) {
      const angle = Math.fround(t * scales[j]!);
      table[t * EMBEDDING_WIDTH + j] = Math.sin(angle);
      table[t * EMBEDDING_WIDTH + half + j] = Math.cos(angle);
    }
  }
  return table;
}
