/**
 * Biquad coefficients from Robert Bristow-Johnson's "Audio EQ Cookbook": the analog prototypes
 * mapped with the bilinear transform, pre-warped at the centre/corner frequency (so a lowpass with
 * Q = 1/sqrt(2) is exactly -3.01 dB at its corner).
 */
import { ConfigError, assertSampleRate } from '@voirs/core';

/** Filter shapes of the cookbook. `bandpass` is the constant 0 dB peak gain variant. */
export type BiquadType =
  'lowpass' | 'highpass' | 'bandpass' | 'notch' | 'allpass' | 'peaking' | 'lowshelf' | 'highshelf';

/** Every {@link BiquadType}. */
export const BIQUAD_TYPES: readonly BiquadType[] = Object.freeze([
  'lowpass',
  'highpass',
  'bandpass',
  'notch',
  'allpass',
  'peaking',
  'lowshelf',
  'highshelf',
]);

/**
 * Design parameters. Give at most one of `q`, `bandwidth` and `slope`; with none, Q = 1/sqrt(2)
 * (Butterworth for low/high-pass; for shelves this equals slope 1, the steepest monotonic shelf).
 */
export interface BiquadParams {
  /** Centre or corner frequency in Hz, strictly between 0 and the Nyquist frequency. */
  readonly frequency: number;
  /** Quality factor (> 0). */
  readonly q?: number;
  /** Bandwidth in octaves (> 0) between the -3 dB points (bandpass/notch) or midpoint-gain points (peaking). */
  readonly bandwidth?: number;
  /** Shelf slope S (> 0, shelves only); 1 is the steepest slope without overshoot. */
  readonly slope?: number;
  /** Gain in dB for peaking and shelving filters (default 0); ignored by the other types. */
  readonly gainDb?: number;
}

/**
 * A second-order section normalised so that a0 = 1:
 * `y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]`. First-order sections have
 * `b2 = a2 = 0`.
 */
export interface BiquadCoefficients {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

const bad = (message: string) => new ConfigError('E_INVALID_ARGUMENT', message);

function positive(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number`);
  if (!(value > 0) || !Number.isFinite(value))
    throw bad(`Biquad ${name} must be a positive finite number, got ${value}.`);
  return value;
}

/** alpha = sin(w0) / (2Q) in its three cookbook parameterisations. */
function alphaOf(type: BiquadType, params: BiquadParams, w0: number, amp: number): number {
  const q = positive(params.q, 'q');
  const bandwidth = positive(params.bandwidth, 'bandwidth');
  const slope = positive(params.slope, 'slope');
  const given = [q, bandwidth, slope].filter((v) => v !== undefined).length;
  if (given > 1) throw bad('Give only one of q, bandwidth and slope for a biquad.');
  const sin = Math.sin(w0);
  if (slope !== undefined) {
    if (type !== 'lowshelf' && type !== 'highshelf')
      throw bad(`slope applies to shelving filters only, not ${type}; use q.`);
    const radicand = (amp + 1 / amp) * (1 / slope - 1) + 2;
    if (radicand < 0)
      throw bad(
        `Shelf slope ${slope} is too steep for ${params.gainDb} dB; use a slope of 1 or less.`,
      );
    return (sin / 2) * Math.sqrt(radicand);
  }
  if (bandwidth !== undefined) return sin * Math.sinh(((Math.LN2 / 2) * bandwidth * w0) / sin);
  return sin / (2 * (q ?? Math.SQRT1_2));
}

/**
 * Designs one cookbook biquad.
 *
 * ```ts
 * const eq = biquadCoefficients('peaking', { frequency: 3000, q: 1.4, gainDb: -4 }, 22050);
 * ```
 * @throws ConfigError `E_INVALID_ARGUMENT` for a frequency outside (0, Nyquist), non-positive
 * q/bandwidth/slope, several of them at once, or a non-finite gain; InputError `E_SAMPLE_RATE`.
 */
export function biquadCoefficients(
  type: BiquadType,
  params: BiquadParams,
  sampleRate: number,
): BiquadCoefficients {
  if (!BIQUAD_TYPES.includes(type))
    throw bad(`Unknown biquad type "${String(type)}"; use one of ${BIQUAD_TYPES.join(', ')}.`);
  if (params === null || typeof params !== 'object')
    throw new TypeError('biquad params must be an object');
  assertSampleRate(sampleRate);
  const { frequency } = params;
  if (typeof frequency !== 'number') throw new TypeError('biquad frequency must be a number');
  if (!(frequency > 0 && frequency < sampleRate / 2)) {
    throw bad(
      `Biquad frequency ${frequency} Hz must lie strictly between 0 and ${sampleRate / 2} Hz (Nyquist at ${sampleRate} Hz).`,
    );
  }
  const gainDb = params.gainDb ?? 0;
  if (!Number.isFinite(gainDb)) throw bad(`Biquad gain must be finite, got ${gainDb} dB.`);
  const amp = 10 ** (gainDb / 40);
  const w0 = (2 * Math.PI * frequency) / sampleRate;
  const cos = Math.cos(w0);
  const alpha = alphaOf(type, params, w0, amp);
  const root = 2 * Math.sqrt(amp) * alpha;
  let b: [number, number, number];
  let a: [number, number, number];
  switch (type) {
    case 'lowpass':
      b = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
      a = [1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'highpass':
      b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
      a = [1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'bandpass':
      b = [alpha, 0, -alpha];
      a = [1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'notch':
      b = [1, -2 * cos, 1];
      a = [1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'allpass':
      b = [1 - alpha, -2 * cos, 1 + alpha];
      a = [1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'peaking':
      b = [1 + alpha * amp, -2 * cos, 1 - alpha * amp];
      a = [1 + alpha / amp, -2 * cos, 1 - alpha / amp];
      break;
    case 'lowshelf':
      b = [
        amp * (amp + 1 - (amp - 1) * cos + root),
        2 * amp * (amp - 1 - (amp + 1) * cos),
        amp * (amp + 1 - (amp - 1) * cos - root),
      ];
      a = [
        amp + 1 + (amp - 1) * cos + root,
        -2 * (amp - 1 + (amp + 1) * cos),
        amp + 1 + (amp - 1) * cos - root,
      ];
      break;
    case 'highshelf':
      b = [
        amp * (amp + 1 + (amp - 1) * cos + root),
        -2 * amp * (amp - 1 + (amp + 1) * cos),
        amp * (amp + 1 + (amp - 1) * cos - root),
      ];
      a = [
        amp + 1 - (amp - 1) * cos + root,
        2 * (amp - 1 - (amp + 1) * cos),
        amp + 1 - (amp - 1) * cos - root,
      ];
      break;
  }
  const a0 = a[0];
  return Object.freeze({
    b0: b[0] / a0,
    b1: b[1] / a0,
    b2: b[2] / a0,
    a1: a[1] / a0,
    a2: a[2] / a0,
  });
}
