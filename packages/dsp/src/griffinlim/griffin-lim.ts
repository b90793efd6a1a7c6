/**
 * Fast Griffin-Lim (Perraudin, Balazs & Søndergaard 2013) with torchaudio's update rule:
 *
 *   x_n      = istft(|S| * angles)                       (length: the frames' natural span)
 *   rebuilt  = stft(x_n)                                  (the same framing and padding)
 *   angles   = rebuilt - momentum / (1 + momentum) * previous rebuilt
 *   angles  /= |angles| + 1e-16
 *
 * and a final `istft(|S| * angles)`. The initial phase is uniform on [0, 2π) from
 * {@link keyedUniform} (value `t * bins + k` for bin k of frame t; torchaudio instead draws complex
 * numbers in [0, 1)^2) or zero. Signals too short for the configured reflect padding are
 * re-analysed with zero padding; spectrograms whose signal span is too short to re-analyse at all
 * keep their initial phase.
 */
import { InputError } from '@voirs/core';
import { StftPlan, type StftOptions } from '../spectral/stft-plan.js';
import { assertNola, normaliseOverlapAdd } from '../spectral/stft.js';
import { keyedUniform, prngKey } from './counter-prng.js';

/** Initial phase of Griffin-Lim. */
export type InitPhase = 'random' | 'zero';

/** Options of {@link griffinLim}: the STFT framing plus the algorithm's knobs. */
export interface GriffinLimOptions extends StftOptions {
  /** Iterations (default 32, torchaudio's default). */
  readonly iterations?: number;
  /** Momentum of fast Griffin-Lim in [0, 1] (default 0.99; 0 is classic Griffin-Lim). */
  readonly momentum?: number;
  /** `random` (default) or `zero` initial phase. */
  readonly initPhase?: InitPhase;
  /** Seed of the initial phase (0..2^32-1, default 0). */
  readonly seed?: number;
  /** Output samples (default: the span of the frames without the padding). */
  readonly length?: number;
}

function checkOptions(o: GriffinLimOptions): {
  iterations: number;
  momentum: number;
  initPhase: InitPhase;
  seed: number;
} {
  const iterations = o.iterations ?? 32;
  const momentum = o.momentum ?? 0.99;
  const initPhase = o.initPhase ?? 'random';
  const seed = o.seed ?? 0;
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > 100_000) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Griffin-Lim iterations must be an integer in [0, 100000], got ${iterations}.`,
    );
  }
  if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Griffin-Lim momentum must be a number in [0, 1], got ${momentum}.`,
    );
  }
  if (initPhase !== 'random' && initPhase !== 'zero')
    throw new TypeError("initPhase must be 'random' or 'zero'");
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `The seed must be an integer in [0, 2^32 - 1], got ${seed}.`,
    );
  }
  return { iterations, momentum, initPhase, seed };
}

/**
 * The algorithm as a generator over a frame-major magnitude (`magnitude[t * bins + k]`): it yields
 * the number of finished iterations after each one and returns the signal. Drive it with
 * {@link griffinLim}, or step it from async code to stay responsive and cancellable.
 */
export function* griffinLimSteps(
  magnitude: Float64Array,
  frames: number,
  options: GriffinLimOptions,
): Generator<number, Float32Array, void> {
  const { iterations, momentum, initPhase, seed } = checkOptions(options);
  const synthesis = new StftPlan(options);
  const { bins, hop, nFft, offset } = synthesis;
  if (!Number.isInteger(frames) || frames < 1 || magnitude.length !== frames * bins) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Griffin-Lim needs ${bins} bins x ${frames} frames (at least one), got ${magnitude.length} values.`,
    );
  }
  const span = (frames - 1) * hop + nFft;
  const samples = Math.max(0, span - 2 * offset);
  const length = options.length ?? samples;
  if (!Number.isInteger(length) || length < 0)
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `length must be a non-negative integer, got ${length}.`,
    );
  const zeroPadded = new StftPlan({ ...options, padMode: 'constant', paddingMode: 'constant' });
  const analysis =
    samples >= synthesis.minSamples
      ? synthesis
      : samples >= zeroPadded.minSamples
        ? zeroPadded
        : undefined;
  const envelope = synthesis.envelope(frames);
  const size = frames * bins;
  const angRe = new Float64Array(size);
  const angIm = new Float64Array(size);
  if (initPhase === 'zero') angRe.fill(1);
  else {
    const key = prngKey(seed);
    for (let i = 0; i < size; i++) {
      const phase = 2 * Math.PI * keyedUniform(key, i);
      angRe[i] = Math.cos(phase);
      angIm[i] = Math.sin(phase);
    }
  }
  // bins above the highest non-zero magnitude (above fmax for a mel) carry nothing: skip them
  let active = 0;
  for (let t = 0; t < frames; t++) {
    for (let k = bins - 1; k >= active; k--) {
      if (magnitude[t * bins + k] !== 0) {
        active = k + 1;
        break;
      }
    }
  }
  const re = new Float64Array(bins); // synthesis spectrum; bins >= active stay 0
  const im = new Float64Array(bins);
  const rebuiltRe = new Float64Array(bins);
  const rebuiltIm = new Float64Array(bins);
  const accum = new Float64Array(span);
  const overlapAdd = (): void => {
    accum.fill(0);
    for (let t = 0; t < frames; t++) {
      const row = t * bins;
      for (let k = 0; k < active; k++) {
        const m = magnitude[row + k]!;
        re[k] = m * angRe[row + k]!;
        im[k] = m * angIm[row + k]!;
      }
      synthesis.synthesize(re, im, t, accum);
    }
  };
  if (analysis !== undefined && iterations > 0) {
    // the current estimate lives in the signal part of `padded`; its padding is rebuilt each time
    const padded = new Float64Array(span);
    const inverseEnvelope = new Float64Array(samples);
    assertNola(envelope, offset, samples);
    for (let i = 0; i < samples; i++) inverseEnvelope[i] = 1 / envelope[offset + i]!;
    const prevRe = new Float64Array(size);
    const prevIm = new Float64Array(size);
    const c = momentum / (1 + momentum);
    for (let it = 0; it < iterations; it++) {
      overlapAdd();
      for (let i = 0; i < samples; i++)
        padded[offset + i] = accum[offset + i]! * inverseEnvelope[i]!;
      analysis.padSignalEdges(padded, samples);
      for (let t = 0; t < frames; t++) {
        analysis.analyze(padded, t, rebuiltRe, rebuiltIm, active);
        const row = t * bins;
        for (let k = 0; k < active; k++) {
          const i = row + k;
          const rr = rebuiltRe[k]!;
          const ri = rebuiltIm[k]!;
          const ar = rr - c * prevRe[i]!;
          const ai = ri - c * prevIm[i]!;
          const inv = 1 / (Math.sqrt(ar * ar + ai * ai) + 1e-16);
          angRe[i] = ar * inv;
          angIm[i] = ai * inv;
          prevRe[i] = rr;
          prevIm[i] = ri;
        }
      }
      yield it + 1;
    }
  }
  overlapAdd();
  return normaliseOverlapAdd(accum, envelope, offset, length);
}

/**
 * Griffin-Lim phase reconstruction of a magnitude spectrogram laid out like
 * {@link ComplexSpectrogram} (`magnitude[k * frames + t]`), for the framing in `options`.
 * Returns the time signal (not limited to [-1, 1]).
 * @throws InputError `E_INVALID_ARGUMENT` for bad sizes or options, or a window/hop violating NOLA.
 */
export function griffinLim(
  magnitude: Float32Array | Float64Array,
  frames: number,
  options: GriffinLimOptions,
): Float32Array {
  if (!(magnitude instanceof Float32Array || magnitude instanceof Float64Array)) {
    throw new TypeError('magnitude must be a Float32Array or Float64Array');
  }
  const bins = Math.floor(options.nFft / 2) + 1;
  if (!Number.isInteger(frames) || frames < 1 || magnitude.length !== bins * frames) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Griffin-Lim needs ${bins} bins x ${frames} frames (at least one), got ${magnitude.length} values.`,
    );
  }
  const frameMajor = new Float64Array(magnitude.length);
  for (let k = 0; k < bins; k++)
    for (let t = 0; t < frames; t++) frameMajor[t * bins + k] = magnitude[k * frames + t]!;
  const steps = griffinLimSteps(frameMajor, frames, options);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}
