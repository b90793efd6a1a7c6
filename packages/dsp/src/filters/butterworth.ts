/**
 * Butterworth low/high-pass filters of any order as cascades of second-order sections (plus one
 * first-order section for odd orders), designed with the bilinear transform pre-warped at the
 * cutoff: the digital response is exactly `|H|^2 = 1 / (1 + (tan(w/2) / tan(wc/2))^(2N))` for the
 * lowpass, so every order is -3.01 dB at the cutoff.
 */
import { ConfigError, assertSampleRate } from '@voirs/core';
import { biquadCoefficients, type BiquadCoefficients } from './biquad-coefficients.js';

/** Highest order accepted (higher orders are numerically fragile even as sections). */
export const MAX_BUTTERWORTH_ORDER = 32;

function design(
  kind: 'lowpass' | 'highpass',
  order: number,
  cutoffHz: number,
  sampleRate: number,
): BiquadCoefficients[] {
  if (typeof order !== 'number' || typeof cutoffHz !== 'number')
    throw new TypeError('order and cutoff must be numbers');
  assertSampleRate(sampleRate);
  if (!Number.isInteger(order) || order < 1 || order > MAX_BUTTERWORTH_ORDER) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Butterworth order must be an integer from 1 to ${MAX_BUTTERWORTH_ORDER}, got ${order}.`,
    );
  }
  if (!(cutoffHz > 0 && cutoffHz < sampleRate / 2)) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Butterworth cutoff ${cutoffHz} Hz must lie strictly between 0 and ${sampleRate / 2} Hz (Nyquist at ${sampleRate} Hz).`,
    );
  }
  const sections: BiquadCoefficients[] = [];
  // conjugate pole pairs at angles (2k + 1) pi / (2N) from the imaginary axis: Q_k = 1 / (2 sin(angle))
  for (let k = 0; k < Math.floor(order / 2); k++) {
    const q = 1 / (2 * Math.sin(((2 * k + 1) * Math.PI) / (2 * order)));
    sections.push(biquadCoefficients(kind, { frequency: cutoffHz, q }, sampleRate));
  }
  if (order % 2 === 1) {
    // the real pole: H(s) = 1 / (s + 1) (lowpass) or s / (s + 1) (highpass), s pre-warped
    const t = Math.tan((Math.PI * cutoffHz) / sampleRate);
    const a1 = (t - 1) / (t + 1);
    const g = kind === 'lowpass' ? t / (1 + t) : 1 / (1 + t);
    sections.push(Object.freeze({ b0: g, b1: kind === 'lowpass' ? g : -g, b2: 0, a1, a2: 0 }));
  }
  return sections;
}

/**
 * Sections of an order-`order` Butterworth lowpass at `cutoffHz`, for {@link BiquadFilter}.
 * @throws ConfigError `E_INVALID_ARGUMENT` for an order outside 1..32 or a cutoff outside (0, Nyquist).
 */
export function butterworthLowpass(
  order: number,
  cutoffHz: number,
  sampleRate: number,
): BiquadCoefficients[] {
  return design('lowpass', order, cutoffHz, sampleRate);
}

/**
 * Sections of an order-`order` Butterworth highpass at `cutoffHz`, for {@link BiquadFilter}.
 * @throws ConfigError `E_INVALID_ARGUMENT` for an order outside 1..32 or a cutoff outside (0, Nyquist).
 */
export function butterworthHighpass(
  order: number,
  cutoffHz: number,
  sampleRate: number,
): BiquadCoefficients[] {
  return design('highpass', order, cutoffHz, sampleRate);
}
