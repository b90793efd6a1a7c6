/**
 * Window functions with PyTorch's definitions (`torch.hann_window`, `torch.hamming_window`,
 * `torch.blackman_window`, `torch.bartlett_window`, `torch.kaiser_window`). A *periodic* window of
 * length N is the symmetric window of length N + 1 without its last sample (the STFT default); a
 * *symmetric* one is what filter design uses.
 */
import { InputError } from '@voirs/core';

/** Window shapes {@link createWindow} knows. */
export type WindowType = 'hann' | 'hamming' | 'blackman' | 'bartlett' | 'rectangular' | 'kaiser';

/** The window types, for validation and listings. */
export const WINDOW_TYPES: readonly WindowType[] = [
  'hann',
  'hamming',
  'blackman',
  'bartlett',
  'rectangular',
  'kaiser',
];

/** Options of {@link createWindow}. */
export interface WindowOptions {
  /** Periodic (default, for spectral analysis) or symmetric (for filter design). */
  readonly periodic?: boolean;
  /** Kaiser shape parameter beta (default 12, as torch.kaiser_window). */
  readonly beta?: number;
}

/**
 * Modified Bessel function of the first kind, order 0, by its power series (converges for every x;
 * the terms are summed until they no longer change the result).
 */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** The value of a symmetric window of span `m` (= length - 1) at sample `n`. */
function symmetricValue(type: WindowType, n: number, m: number, beta: number): number {
  const phase = (2 * Math.PI * n) / m;
  switch (type) {
    case 'hann':
      return 0.5 - 0.5 * Math.cos(phase);
    case 'hamming':
      return 0.54 - 0.46 * Math.cos(phase);
    case 'blackman':
      return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
    case 'bartlett':
      return 1 - Math.abs((2 * n) / m - 1);
    case 'rectangular':
      return 1;
    case 'kaiser': {
      const r = (2 * n) / m - 1;
      return besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
    }
  }
}

/**
 * Creates a window of `length` samples.
 * @throws TypeError for an unknown type; InputError `E_INVALID_ARGUMENT` for a length below 1.
 */
export function createWindow(
  type: WindowType,
  length: number,
  options: WindowOptions = {},
): Float64Array {
  if (!WINDOW_TYPES.includes(type)) {
    throw new TypeError(
      `Unknown window type ${String(type)}; expected one of ${WINDOW_TYPES.join(', ')}`,
    );
  }
  if (!Number.isInteger(length) || length < 1) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `A window needs a positive integer length, got ${length}.`,
    );
  }
  const beta = options.beta ?? 12;
  if (!(beta >= 0) || !Number.isFinite(beta)) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `The Kaiser beta must be a finite number >= 0, got ${beta}.`,
    );
  }
  const out = new Float64Array(length);
  if (length === 1) {
    out[0] = 1;
    return out;
  }
  const m = options.periodic === false ? length - 1 : length;
  for (let n = 0; n < length; n++) out[n] = symmetricValue(type, n, m, beta);
  return out;
}
