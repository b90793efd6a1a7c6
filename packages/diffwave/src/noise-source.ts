/**
 * Where a sampler's Gaussian noise comes from: a seed, or rows given explicitly.
 *
 * Row layout (both sources): row 0 is the initial signal x_T; row k (k >= 1) is the noise added
 * after the k-th step the sampler takes. With a seed, row k is stream k of the documented
 * counter-based generator of @voirs/dsp (`gaussianNoise(seed, k, N)`), so every row is a pure
 * function of (seed, k, index) and identical in every run, backend, and in browsers. Explicit noise
 * is a float32 (or float64) array of shape [S, N] with N = hop x frames; rows beyond the ones the
 * sampler uses are ignored.
 */
import { InputError } from '@voirs/core';
import { gaussianNoise } from '@voirs/dsp';

/** Noise rows of length N. */
export interface NoiseSource {
  /** Row `k` (see the module comment); a fresh array the caller may modify. */
  row(k: number): Float32Array;
}

/** Explicit noise as read by `readNpy` (or built by hand): row-major `[S, N]` data. */
export interface NoiseArray {
  readonly data: Float32Array | Float64Array;
  readonly shape: readonly number[];
}

/** Noise rows drawn from `seed` (uint32): row k is `gaussianNoise(seed, k, length)`. */
export function seededNoise(seed: number, length: number): NoiseSource {
  return { row: (k) => gaussianNoise(seed, k, length) };
}

/**
 * Explicit noise rows, checked against what a sampler needs.
 * @throws TypeError when `noise` is not an array-backed object.
 * @throws InputError `E_NOISE_SHAPE` when the array is not [S, length] with S >= `rows`;
 * `E_INVALID_ARGUMENT` when a used row holds NaN or Infinity.
 */
export function explicitNoise(noise: NoiseArray, length: number, rows: number): NoiseSource {
  if (
    noise === null ||
    typeof noise !== 'object' ||
    !(noise.data instanceof Float32Array || noise.data instanceof Float64Array)
  ) {
    throw new TypeError(
      'options.noise must be { data: Float32Array, shape: [S, N] } (e.g. readNpy() of a float32 .npy)',
    );
  }
  const shape = noise.shape;
  const shown = `[${Array.isArray(shape) ? shape.join(', ') : String(shape)}]`;
  if (
    !Array.isArray(shape) ||
    shape.length !== 2 ||
    shape[1] !== length ||
    shape[0]! * shape[1]! !== noise.data.length
  ) {
    throw new InputError(
      'E_NOISE_SHAPE',
      `The explicit noise has shape ${shown} but this mel needs [S, ${length}] (N = hop x frames)` +
        (Array.isArray(shape) && shape.length === 1 ? '; save a single row as shape [1, N].' : '.'),
      { details: { shape, length } },
    );
  }
  if (shape[0]! < rows) {
    throw new InputError(
      'E_NOISE_SHAPE',
      `The explicit noise has ${shape[0]} row${shape[0] === 1 ? '' : 's'} but this sampler needs ${rows}: ` +
        `row 0 is x_T and row k is the noise added after step k.`,
      { details: { shape, rows } },
    );
  }
  const data = noise.data;
  for (let i = 0; i < rows * length; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `The explicit noise holds ${data[i]} at row ${Math.floor(i / length)}, column ${i % length}.`,
      );
    }
  }
  return { row: (k) => Float32Array.from(data.subarray(k * length, (k + 1) * length)) };
}
