/**
 * Analytic frequency response of biquad sections (and cascades of them).
 */
import { ConfigError, assertSampleRate } from '@voirs/core';
import type { BiquadCoefficients } from './biquad-coefficients.js';

/** Complex response at one frequency. */
export interface FrequencyResponse {
  readonly re: number;
  readonly im: number;
  /** |H|, linear. */
  readonly magnitude: number;
  /** 20 log10 |H| (-Infinity at an exact zero). */
  readonly magnitudeDb: number;
  /** arg H in radians, in (-pi, pi]. */
  readonly phase: number;
}

/**
 * Evaluates `H(e^{jw})` of one section or the product of a cascade at `freqHz`.
 *
 * ```ts
 * biquadResponse(butterworthLowpass(4, 1000, 16000), 1000, 16000).magnitudeDb; // -3.01
 * ```
 * @throws ConfigError `E_INVALID_ARGUMENT` for a frequency outside [0, Nyquist].
 */
export function biquadResponse(
  sections: BiquadCoefficients | readonly BiquadCoefficients[],
  freqHz: number,
  sampleRate: number,
): FrequencyResponse {
  assertSampleRate(sampleRate);
  if (typeof freqHz !== 'number') throw new TypeError('frequency must be a number');
  if (!(freqHz >= 0 && freqHz <= sampleRate / 2)) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Frequency ${freqHz} Hz is outside 0..${sampleRate / 2} Hz.`,
    );
  }
  const list = Array.isArray(sections)
    ? (sections as readonly BiquadCoefficients[])
    : [sections as BiquadCoefficients];
  const w = (2 * Math.PI * freqHz) / sampleRate;
  // z^-1 = cos w - j sin w, z^-2 = cos 2w - j sin 2w
  const c1 = Math.cos(w);
  const s1 = -Math.sin(w);
  const c2 = Math.cos(2 * w);
  const s2 = -Math.sin(2 * w);
  let re = 1;
  let im = 0;
  for (const { b0, b1, b2, a1, a2 } of list) {
    const nr = b0 + b1 * c1 + b2 * c2;
    const ni = b1 * s1 + b2 * s2;
    const dr = 1 + a1 * c1 + a2 * c2;
    const di = a1 * s1 + a2 * s2;
    const den = dr * dr + di * di;
    const hr = (nr * dr + ni * di) / den;
    const hi = (ni * dr - nr * di) / den;
    const r = re * hr - im * hi;
    im = re * hi + im * hr;
    re = r;
  }
  const magnitude = Math.hypot(re, im);
  return { re, im, magnitude, magnitudeDb: 20 * Math.log10(magnitude), phase: Math.atan2(im, re) };
}
