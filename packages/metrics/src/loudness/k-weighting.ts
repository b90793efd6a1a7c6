/**
 * The K-weighting pre-filter of ITU-R BS.1770-4: a high-shelf stage (about +4 dB above 2 kHz, the
 * acoustic effect of the head) followed by the RLB high-pass (about 38 Hz).
 *
 * At 48 kHz the coefficients are the spec's Table 1 and Table 2 values. At any other rate both
 * stages are derived from their analog prototypes by the bilinear transform pre-warped at the
 * stage frequency (the derivation used by libebur128 and most meters):
 * - shelf: f0 = 1681.974450955533 Hz, Q = 0.7071752369554196, high-frequency gain
 *   Vh = 10^(3.999843853973347 / 20), band gain Vb = Vh^0.4996667741545416;
 *   with K = tan(pi f0 / fs): b = [Vh + Vb K/Q + K^2, 2 (K^2 - Vh), Vh - Vb K/Q + K^2],
 *   a = [1 + K/Q + K^2, 2 (K^2 - 1), 1 - K/Q + K^2], all divided by a0;
 * - high-pass: f0 = 38.13547087602444 Hz, Q = 0.5003270373238773, the same denominator and the
 *   numerator [1, -2, 1] un-normalised, exactly as the spec's 48 kHz table.
 * These parameters reproduce the 48 kHz table to about 1e-8 (tested), so other rates get the same
 * analog response up to the usual bilinear warping near Nyquist. The shelf must lie below Nyquist:
 * rates of 2 f0 (3364 Hz) or less are refused (the derived filter would be unstable).
 */
import { InputError, assertSampleRate } from '@voirs/core';
import type { BiquadCoefficients } from '@voirs/dsp';

/** BS.1770-4 Table 1: the pre-filter (shelf) at 48 kHz. */
export const K_SHELF_48K: BiquadCoefficients = Object.freeze({
  b0: 1.53512485958697,
  b1: -2.69169618940638,
  b2: 1.19839281085285,
  a1: -1.69065929318241,
  a2: 0.73248077421585,
});

/** BS.1770-4 Table 2: the RLB high-pass at 48 kHz. */
export const K_HIGHPASS_48K: BiquadCoefficients = Object.freeze({
  b0: 1,
  b1: -2,
  b2: 1,
  a1: -1.99004745483398,
  a2: 0.99007225036621,
});

const SHELF = {
  f0: 1681.974450955533,
  q: 0.7071752369554196,
  gainDb: 3.999843853973347,
  bandExponent: 0.4996667741545416,
};
const HIGHPASS = { f0: 38.13547087602444, q: 0.5003270373238773 };

/**
 * The two K-weighting stages derived for `sampleRate` (see the module comment).
 * @throws InputError `E_SAMPLE_RATE` for rates of 3364 Hz or less.
 */
export function deriveKWeighting(sampleRate: number): [BiquadCoefficients, BiquadCoefficients] {
  assertSampleRate(sampleRate);
  if (sampleRate <= 2 * SHELF.f0) {
    throw new InputError(
      'E_SAMPLE_RATE',
      `K-weighting (BS.1770) needs a sample rate above ${(2 * SHELF.f0).toFixed(0)} Hz, where its ` +
        `${SHELF.f0.toFixed(0)} Hz shelf lies below Nyquist; got ${sampleRate} Hz. Resample the audio first.`,
      { details: { sampleRate } },
    );
  }
  let k = Math.tan((Math.PI * SHELF.f0) / sampleRate);
  const vh = 10 ** (SHELF.gainDb / 20);
  const vb = vh ** SHELF.bandExponent;
  let a0 = 1 + k / SHELF.q + k * k;
  const shelf = Object.freeze({
    b0: (vh + (vb * k) / SHELF.q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / SHELF.q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF.q + k * k) / a0,
  });
  k = Math.tan((Math.PI * HIGHPASS.f0) / sampleRate);
  a0 = 1 + k / HIGHPASS.q + k * k;
  const highpass = Object.freeze({
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / HIGHPASS.q + k * k) / a0,
  });
  return [shelf, highpass];
}

/** The K-weighting sections for `sampleRate`: the spec's table at 48 kHz, derived elsewhere. */
export function kWeighting(sampleRate: number): BiquadCoefficients[] {
  if (sampleRate === 48000) return [K_SHELF_48K, K_HIGHPASS_48K];
  return deriveKWeighting(sampleRate);
}
