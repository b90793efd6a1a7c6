/**
 * The K-weighting of ITU-R BS.1770-4 (a +4 dB high shelf around 1.7 kHz modelling the head, then a
 * 38 Hz high-pass), designed for any sample rate by the bilinear transform of the analog
 * prototypes behind the standard's 48 kHz coefficients (the method of pyloudnorm, after
 * B. De Man). The sections run on @voirs/dsp's `BiquadFilter`.
 *
 * Consolidation note: @voirs/metrics is getting a BS.1770 loudness meter; once it exports its
 * K-weighting, the AGC should use that one instead of this file.
 */
import type { BiquadCoefficients } from '@voirs/dsp';

/** Loudness offset of BS.1770: `L = -0.691 + 10 log10(sum of K-weighted mean squares)`. */
export const LOUDNESS_OFFSET_DB = -0.691;

const SHELF = { frequency: 1681.974450955533, gainDb: 3.999843853973347, q: 0.7071752369554196 };
const HIGHPASS = { frequency: 38.13547087602444, q: 0.5003270373238773 };

/** The two K-weighting sections at `sampleRate` (shelf, then high-pass). */
export function kWeightingSections(sampleRate: number): BiquadCoefficients[] {
  const k1 = Math.tan((Math.PI * SHELF.frequency) / sampleRate);
  const vh = 10 ** (SHELF.gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  const a0 = 1 + k1 / SHELF.q + k1 * k1;
  const shelf: BiquadCoefficients = {
    b0: (vh + (vb * k1) / SHELF.q + k1 * k1) / a0,
    b1: (2 * (k1 * k1 - vh)) / a0,
    b2: (vh - (vb * k1) / SHELF.q + k1 * k1) / a0,
    a1: (2 * (k1 * k1 - 1)) / a0,
    a2: (1 - k1 / SHELF.q + k1 * k1) / a0,
  };
  const k2 = Math.tan((Math.PI * HIGHPASS.frequency) / sampleRate);
  const d = 1 + k2 / HIGHPASS.q + k2 * k2;
  const highpass: BiquadCoefficients = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k2 * k2 - 1)) / d,
    a2: (1 - k2 / HIGHPASS.q + k2 * k2) / d,
  };
  return [shelf, highpass];
}
