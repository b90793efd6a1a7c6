/**
 * The noise of the inverse pass, in one documented layout (also what `--noise file.npy` holds):
 *
 *   float32 [n_group, steps], steps = frames * hop / n_group (row-major; [1, n_group, steps] is
 *   accepted too). Rows 0 .. r-1 are the z the inverse pass starts from (r = the channels of the
 *   last flow, 4 for NVIDIA's model); then come n_early_size rows per early output, in the order
 *   the pass prepends them (after flows 8 and 4 for NVIDIA's model: rows 4-5, then rows 6-7).
 *
 * Values are standard normal; the pass multiplies them by sigma, as NVIDIA's `infer` does with
 * its `torch.randn` draws. Seeded noise: row i is `gaussianNoise(seed, i, steps)` of @voirs/dsp
 * (stream i = row i; the counter-based generator is documented there), so the same seed gives
 * the same noise in every backend, browser and thread count.
 */
import { InputError } from '@voirs/core';
import { gaussianNoise } from '@voirs/dsp';
import type { WaveglowConfig } from './config.js';

/** Explicit noise: a float32 array and its shape (an `NpyArray` from `readNpy` qualifies). */
export interface NoiseArray {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** The noise shape `[n_group, steps]` for a mel of `frames` frames. */
export function noiseShape(config: WaveglowConfig, frames: number): [number, number] {
  return [config.nGroup, (frames * config.upsampleStride) / config.nGroup];
}

/** Seeded standard normal noise in the layout above. */
export function seededNoise(config: WaveglowConfig, frames: number, seed: number): Float32Array {
  const [rows, steps] = noiseShape(config, frames);
  const out = new Float32Array(rows * steps);
  for (let r = 0; r < rows; r++)
    gaussianNoise(seed, r, steps, 0, out.subarray(r * steps, (r + 1) * steps));
  return out;
}

/**
 * Checks explicit noise against the layout for `frames` frames and returns its data.
 * @throws InputError `E_NOISE_SHAPE` naming the expected shape, `E_INVALID_ARGUMENT` for non-finite values.
 */
export function checkNoise(
  noise: NoiseArray,
  config: WaveglowConfig,
  frames: number,
): Float32Array {
  const [rows, steps] = noiseShape(config, frames);
  const shape =
    noise.shape.length === 3 && noise.shape[0] === 1 ? noise.shape.slice(1) : noise.shape;
  if (
    shape.length !== 2 ||
    shape[0] !== rows ||
    shape[1] !== steps ||
    noise.data.length !== rows * steps
  ) {
    throw new InputError(
      'E_NOISE_SHAPE',
      `The explicit noise has shape [${noise.shape.join(', ')}] but a ${frames}-frame mel needs float32 ` +
        `[${rows}, ${steps}] (n_group rows, frames * hop / n_group steps; see the @voirs/waveglow README).`,
      { details: { shape: [...noise.shape], expected: [rows, steps] } },
    );
  }
  for (let i = 0; i < noise.data.length; i++) {
    if (!Number.isFinite(noise.data[i]!)) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `The explicit noise holds ${noise.data[i]} at index ${i}; noise must be finite.`,
      );
    }
  }
  return noise.data;
}
