/**
 * Input checks shared by every metric. A metric's inputs are either plain sample arrays (mono,
 * rate-free metrics such as SI-SDR) or core {@link AudioBuffer}s (metrics that need the rate).
 * Incompatible inputs (rates, lengths, empty, NaN) throw `E_METRIC_INPUT`; wrong types, TypeError.
 */
import { ConfigError, InputError, assertSampleRate, type AudioBuffer } from '@voirs/core';

/** Mono samples: a typed array or a plain array of numbers. */
export type Samples = Float32Array | Float64Array | readonly number[];

/** Builds the `E_METRIC_INPUT` error every metric throws for unusable inputs. */
export function metricInputError(message: string, details?: Record<string, unknown>): InputError {
  return new InputError('E_METRIC_INPUT', message, details === undefined ? {} : { details });
}

const isSamples = (x: unknown): x is Samples =>
  x instanceof Float32Array ||
  x instanceof Float64Array ||
  (Array.isArray(x) && x.every((v) => typeof v === 'number'));

/**
 * Checks mono samples: TypeError for another type, `E_METRIC_INPUT` when empty or non-finite.
 * Returns them as a Float64Array (a copy).
 */
export function checkSamples(x: unknown, what: string, metric: string): Float64Array {
  if (!isSamples(x))
    throw new TypeError(`${metric}: ${what} must be a Float32Array, Float64Array or number[]`);
  if (x.length === 0) throw metricInputError(`${metric}: the ${what} signal is empty.`);
  const out = Float64Array.from(x);
  assertFinite(out, what, metric);
  return out;
}

/** Throws `E_METRIC_INPUT` naming the first NaN/Infinity of `x`. */
export function assertFinite(x: ArrayLike<number>, what: string, metric: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) {
      throw metricInputError(
        `${metric}: the ${what} signal holds ${x[i]} at sample ${i}; metrics need finite audio.`,
        {
          index: i,
        },
      );
    }
  }
}

/** Checks two mono signals of equal, non-zero length; returns float64 copies. */
export function checkSamplePair(
  reference: unknown,
  test: unknown,
  metric: string,
): [Float64Array, Float64Array] {
  const ref = checkSamples(reference, 'reference', metric);
  const est = checkSamples(test, 'test', metric);
  if (ref.length !== est.length) {
    throw metricInputError(
      `${metric}: the reference has ${ref.length} samples but the test has ${est.length}. ` +
        'Align them first (alignPair() trims or cross-correlates), or cut them to the same length.',
      { reference: ref.length, test: est.length },
    );
  }
  return [ref, est];
}

/** Checks an AudioBuffer's shape and returns it mixed to mono as float64 (channels averaged). */
export function monoAudio(audio: unknown, what: string, metric: string): Float64Array {
  if (
    audio === null ||
    typeof audio !== 'object' ||
    !((audio as AudioBuffer).samples instanceof Float32Array)
  ) {
    throw new TypeError(`${metric}: ${what} must be an AudioBuffer with Float32Array samples`);
  }
  const { samples, sampleRate, channels } = audio as AudioBuffer;
  assertSampleRate(sampleRate, `${what} sample rate`);
  if (!Number.isInteger(channels) || channels < 1 || samples.length % channels !== 0) {
    throw metricInputError(
      `${metric}: the ${what} has ${samples.length} samples for ${channels} channels.`,
    );
  }
  if (samples.length === 0) throw metricInputError(`${metric}: the ${what} audio is empty.`);
  assertFinite(samples, what, metric);
  const frames = samples.length / channels;
  const out = new Float64Array(frames);
  for (let i = 0; i < frames; i++) {
    let acc = 0;
    for (let c = 0; c < channels; c++) acc += samples[i * channels + c]!;
    out[i] = acc / channels;
  }
  return out;
}

/** A checked pair of mono signals at one rate. */
export interface MonoPair {
  readonly reference: Float64Array;
  readonly test: Float64Array;
  readonly sampleRate: number;
}

/**
 * Checks that two AudioBuffers share a rate and a length and returns them mixed to mono.
 * @throws InputError `E_METRIC_INPUT` for different rates or lengths, empty or non-finite audio.
 */
export function checkAudioPair(
  reference: AudioBuffer,
  test: AudioBuffer,
  metric: string,
): MonoPair {
  const ref = monoAudio(reference, 'reference', metric);
  const est = monoAudio(test, 'test', metric);
  if (reference.sampleRate !== test.sampleRate) {
    throw metricInputError(
      `${metric}: the reference is at ${reference.sampleRate} Hz but the test at ${test.sampleRate} Hz. ` +
        'Resample the test to the reference rate first (alignPair() does it).',
      { reference: reference.sampleRate, test: test.sampleRate },
    );
  }
  if (ref.length !== est.length) {
    throw metricInputError(
      `${metric}: the reference has ${ref.length} frames but the test has ${est.length}. ` +
        'Align them first (alignPair() trims or cross-correlates).',
      { reference: ref.length, test: est.length },
    );
  }
  return { reference: ref, test: est, sampleRate: reference.sampleRate };
}

/** Checks an integer option (ConfigError `E_INVALID_ARGUMENT` when out of range). */
export function intOption(
  value: number | undefined,
  fallback: number,
  name: string,
  min = 1,
): number {
  const v = value ?? fallback;
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number`);
  if (!Number.isInteger(v) || v < min)
    throw new ConfigError('E_INVALID_ARGUMENT', `${name} must be an integer >= ${min}, got ${v}.`);
  return v;
}

/** Checks a finite number option within [min, max] (ConfigError `E_INVALID_ARGUMENT` otherwise). */
export function numberOption(
  value: number | undefined,
  fallback: number,
  name: string,
  min = -Infinity,
  max = Infinity,
): number {
  const v = value ?? fallback;
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number`);
  if (!Number.isFinite(v) || v < min || v > max) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `${name} must be a finite number in [${min}, ${max}], got ${v}.`,
    );
  }
  return v;
}
