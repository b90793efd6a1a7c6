/**
 * `melToLinear`: a mel spectrogram back to the linear STFT magnitude it most plausibly came from
 * (undo normalisation and log, then invert the filterbank with {@link MelNnls}, then undo the
 * power and the magnitude epsilon). Information the mel discarded (detail inside each band, bins
 * outside fmin..fmax, anything under the log floor) cannot come back: this is an estimate.
 */
import { InputError, assertFiniteMel, type MelConvention, type MelSpectrogram } from '@voirs/core';
import { expandMelValue } from './mel-compression.js';
import { melFrontend } from './mel-frontend.js';
import { DEFAULT_NNLS_ITERATIONS, MelNnls } from './mel-nnls.js';
import type { MelFilterbank } from './mel-filterbank.js';

/**
 * A linear magnitude spectrogram, `data[k * frames + t]` for bin k of frame t: |X| of the
 * convention's STFT (divided by sqrt(sum(window^2)) when the convention is `windowNormalized`).
 */
export interface LinearSpectrogram {
  readonly data: Float32Array;
  readonly bins: number;
  readonly frames: number;
  readonly convention: MelConvention;
}

/** Options of {@link melToLinear}. */
export interface MelToLinearOptions {
  /** Multiplicative updates per frame (default 30; 0 keeps the band-level interpolation). */
  readonly iterations?: number;
}

const solvers = new WeakMap<MelFilterbank, MelNnls>();

/** Checks a mel's shape and values, throwing `E_MEL_SHAPE` / `E_MEL_NONFINITE`. */
export function checkMel(mel: MelSpectrogram): void {
  if (
    mel === null ||
    typeof mel !== 'object' ||
    !(mel.data instanceof Float32Array) ||
    typeof mel.convention !== 'object'
  ) {
    throw new TypeError('mel must be a MelSpectrogram');
  }
  const { nMels, frames, data, convention } = mel;
  if (
    nMels !== convention.nMels ||
    !Number.isInteger(frames) ||
    frames < 1 ||
    data.length !== nMels * frames
  ) {
    throw new InputError(
      'E_MEL_SHAPE',
      `The mel claims ${nMels} x ${frames} with ${data.length} values and a ${convention.nMels}-band convention.`,
    );
  }
  assertFiniteMel(data);
}

/**
 * The magnitudes of every frame, frame-major (`out[t * bins + k]`), for consumers that work frame
 * by frame (Griffin-Lim). See {@link melToLinear}.
 */
export function linearMagnitudeFrames(
  mel: MelSpectrogram,
  iterations = DEFAULT_NNLS_ITERATIONS,
): Float64Array {
  checkMel(mel);
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > 100_000) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `NNLS iterations must be an integer in [0, 100000], got ${iterations}.`,
    );
  }
  const c = mel.convention;
  const { bank } = melFrontend(c);
  let solver = solvers.get(bank);
  if (solver === undefined) {
    solver = new MelNnls(bank);
    solvers.set(bank, solver);
  }
  const { bins, nMels } = bank;
  const { frames } = mel;
  const out = new Float64Array(frames * bins);
  const b = new Float64Array(nMels);
  const x = new Float64Array(bins);
  for (let t = 0; t < frames; t++) {
    for (let m = 0; m < nMels; m++) b[m] = expandMelValue(mel.data[m * frames + t]!, c);
    solver.solve(b, x, iterations);
    const row = t * bins;
    for (let k = 0; k < bins; k++) {
      const v = c.power === 1 ? x[k]! * x[k]! : x[k]!; // |X|^2 + eps
      out[row + k] = Math.sqrt(Math.max(v - c.magnitudeEps, 0));
    }
  }
  return out;
}

/**
 * Estimates the linear STFT magnitude under a mel spectrogram (see the module comment).
 * @throws InputError `E_MEL_SHAPE` / `E_MEL_NONFINITE`; ConfigError `E_CONFIG_INVALID` for an
 * invalid convention.
 */
export function melToLinear(
  mel: MelSpectrogram,
  options: MelToLinearOptions = {},
): LinearSpectrogram {
  const frameMajor = linearMagnitudeFrames(mel, options.iterations ?? DEFAULT_NNLS_ITERATIONS);
  const { frames } = mel;
  const bins = Math.floor(mel.convention.nFft / 2) + 1;
  const data = new Float32Array(bins * frames);
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < bins; k++) data[k * frames + t] = frameMajor[t * bins + k]!;
  }
  return { data, bins, frames, convention: mel.convention };
}
