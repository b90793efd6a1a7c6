/**
 * The anti-aliasing filter of the resampler: a Kaiser-windowed sinc designed with Kaiser's
 * formulas. Frequencies are relative to the Nyquist frequency of the LOWER of the two rates: the
 * passband ends at `passband` (flat to well under 0.01 dB), the stopband starts at 1.0 (the lower
 * Nyquist) with `attenuation` dB of rejection, and the cutoff sits in the middle of the transition.
 */
import { besselI0 } from '../spectral/window.js';

/** Resampling quality presets; `high` is the default. */
export type ResampleQuality = 'low' | 'medium' | 'high' | 'best';

/** The presets, for validation. */
export const RESAMPLE_QUALITIES: readonly ResampleQuality[] = ['low', 'medium', 'high', 'best'];

/** Passband edge (fraction of the lower Nyquist) and stopband attenuation (dB) of each preset. */
export const RESAMPLE_SPECS: Readonly<
  Record<ResampleQuality, { readonly passband: number; readonly attenuation: number }>
> = {
  low: { passband: 0.8, attenuation: 60 },
  medium: { passband: 0.85, attenuation: 75 },
  high: { passband: 0.9, attenuation: 95 },
  best: { passband: 0.95, attenuation: 120 },
};

/** A designed prototype: `value(v)` is the impulse response at `v` lower-rate samples from its centre. */
export interface KaiserSinc {
  /** Half-length in lower-rate samples: `value(v)` is 0 for |v| >= halfWidth. */
  readonly halfWidth: number;
  /** Cutoff as a fraction of the lower Nyquist. */
  readonly cutoff: number;
  readonly beta: number;
  value(v: number): number;
}

/** Designs the prototype filter of a quality preset. */
export function designKaiserSinc(quality: ResampleQuality): KaiserSinc {
  const { passband, attenuation: a } = RESAMPLE_SPECS[quality];
  const transition = (1 - passband) / 2; // cycles per lower-rate sample
  const taps = (a - 7.95) / (14.36 * transition);
  const halfWidth = Math.ceil(taps / 2);
  const beta =
    a > 50 ? 0.1102 * (a - 8.7) : a >= 21 ? 0.5842 * (a - 21) ** 0.4 + 0.07886 * (a - 21) : 0;
  const cutoff = (passband + 1) / 2;
  const i0Beta = besselI0(beta);
  return {
    halfWidth,
    cutoff,
    beta,
    value(v: number): number {
      const u = v / halfWidth;
      if (u <= -1 || u >= 1) return 0;
      const x = Math.PI * cutoff * v;
      const sinc = x === 0 ? 1 : Math.sin(x) / x;
      return cutoff * sinc * (besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta);
    },
  };
}
