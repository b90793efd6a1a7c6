/**
 * Bringing a test signal onto its reference before intrusive metrics, explicitly:
 * 1. both are mixed to mono;
 * 2. the test is resampled to the reference's rate (dsp `resample`, Kaiser sinc) when they differ;
 * 3. `trim` (default): both are cut to the shorter length, no shift;
 *    `xcorr`: the lag maximising the cross-correlation within +-`maxLagSeconds` (default 0.1 s) is
 *    found (FFT), the test shifted by it, and both cut to their overlap.
 */
import { createAudioBuffer, type AudioBuffer } from '@voirs/core';
import { realFft, resampleSamples } from '@voirs/dsp';
import { metricInputError, monoAudio, numberOption } from './validate.js';

/** How {@link alignPair} lines the signals up. */
export type AlignMode = 'trim' | 'xcorr';

/** Options of {@link alignPair}. */
export interface AlignOptions {
  readonly mode?: AlignMode;
  /** Largest lag searched by `xcorr`, in seconds (default 0.1). */
  readonly maxLagSeconds?: number;
}

/** Two mono signals at one rate and of one length, and what was done to get there. */
export interface AlignedPair {
  readonly reference: AudioBuffer;
  readonly test: AudioBuffer;
  readonly mode: AlignMode;
  /** Samples by which the test lagged the reference (positive: the test was late); 0 for `trim`. */
  readonly lag: number;
  /** The test's original rate when it was resampled. */
  readonly resampledFrom?: number;
  /** Samples dropped from the end (and, for a lag, the start) of each signal. */
  readonly droppedReference: number;
  readonly droppedTest: number;
}

/**
 * Aligns `test` to `reference`; see the module comment.
 * @throws InputError `E_METRIC_INPUT` for empty or non-finite audio or no overlap after shifting.
 */
export function alignPair(
  reference: AudioBuffer,
  test: AudioBuffer,
  options: AlignOptions = {},
): AlignedPair {
  const mode = options.mode ?? 'trim';
  if (mode !== 'trim' && mode !== 'xcorr')
    throw new TypeError(`align mode must be trim or xcorr, got ${String(mode)}`);
  const sr = reference.sampleRate;
  const ref = Float32Array.from(monoAudio(reference, 'reference', 'align'));
  let est: Float32Array = Float32Array.from(monoAudio(test, 'test', 'align'));
  const resampled = test.sampleRate !== sr;
  if (resampled) est = resampleSamples(est, test.sampleRate, sr);
  let lag = 0;
  if (mode === 'xcorr') {
    const maxLag = Math.round(
      numberOption(options.maxLagSeconds, 0.1, 'maxLagSeconds', 0, 10) * sr,
    );
    lag = bestLag(ref, est, maxLag);
  }
  const refStart = lag < 0 ? -lag : 0;
  const estStart = lag > 0 ? lag : 0;
  const length = Math.min(ref.length - refStart, est.length - estStart);
  if (length <= 0)
    throw metricInputError(`align: the signals do not overlap after a lag of ${lag} samples.`);
  return {
    reference: createAudioBuffer(ref.slice(refStart, refStart + length), sr),
    test: createAudioBuffer(est.slice(estStart, estStart + length), sr),
    mode,
    lag,
    ...(resampled ? { resampledFrom: test.sampleRate } : {}),
    droppedReference: ref.length - length,
    droppedTest: est.length - length,
  };
}

/** The lag in [-maxLag, maxLag] maximising sum_n ref[n] test[n + lag]. */
export function bestLag(ref: Float32Array, test: Float32Array, maxLag: number): number {
  let size = 8;
  while (size < ref.length + test.length) size *= 2;
  const fft = realFft(size);
  const [aRe, aIm, bRe, bIm] = [0, 0, 0, 0].map(() => new Float64Array(fft.bins)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  fft.forward(ref, aRe, aIm);
  fft.forward(test, bRe, bIm);
  for (let k = 0; k < fft.bins; k++) {
    const re = aRe[k]! * bRe[k]! + aIm[k]! * bIm[k]!;
    const im = aRe[k]! * bIm[k]! - aIm[k]! * bRe[k]!;
    aRe[k] = re;
    aIm[k] = im;
  }
  const c = new Float64Array(size);
  fft.inverse(aRe, aIm, c);
  let best = 0;
  let bestValue = c[0]!;
  for (
    let lag = -Math.min(maxLag, ref.length - 1);
    lag <= Math.min(maxLag, test.length - 1);
    lag++
  ) {
    const v = c[lag < 0 ? size + lag : lag]!;
    if (v > bestValue) {
      bestValue = v;
      best = lag;
    }
  }
  return best;
}
