/**
 * Signal-to-noise ratios where the noise is the difference `test - reference`: the global SNR and
 * the frame-averaged segmental SNR of the speech-enhancement literature (Hu & Loizou 2008,
 * "Evaluation of objective quality measures for speech enhancement").
 */
import { createWindow } from '@voirs/dsp';
import {
  checkSamplePair,
  intOption,
  metricInputError,
  numberOption,
  type Samples,
} from './validate.js';

/**
 * `10 log10(||ref||^2 / ||test - ref||^2)` in dB. Not scale-invariant: a gain error counts as noise.
 * +Infinity for identical signals.
 * @throws InputError `E_METRIC_INPUT` for mismatched, empty, non-finite input or a silent reference.
 */
export function snr(reference: Samples, test: Samples): number {
  const [ref, est] = checkSamplePair(reference, test, 'SNR');
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < ref.length; i++) {
    signal += ref[i]! * ref[i]!;
    noise += (est[i]! - ref[i]!) ** 2;
  }
  if (signal === 0) throw metricInputError('SNR: the reference is silent; the ratio is undefined.');
  return 10 * Math.log10(signal / noise);
}

/** Options of {@link segmentalSnr}. */
export interface SegmentalSnrOptions {
  /** Frame length in samples (default 30 ms at `sampleRate`, or 480 samples without a rate). */
  readonly frameLength?: number;
  /** Samples between frames (default frameLength / 4, i.e. 75 % overlap). */
  readonly hop?: number;
  /** Sample rate, used only for the default frame length. */
  readonly sampleRate?: number;
  /** Per-frame clamp in dB (default [-10, 35], as in Hu & Loizou). */
  readonly minDb?: number;
  readonly maxDb?: number;
}

/**
 * Segmental SNR in dB: Hann-windowed frames (30 ms, 75 % overlap by default), per-frame
 * `10 log10(sum ref^2 / (sum (test - ref)^2 + eps) + eps)` clamped to [-10, 35] dB, averaged over
 * all frames (the recipe of Loizou's `comp_snr`).
 * @throws InputError `E_METRIC_INPUT` for mismatched, empty or non-finite input, or a signal
 * shorter than one frame.
 */
export function segmentalSnr(
  reference: Samples,
  test: Samples,
  options: SegmentalSnrOptions = {},
): number {
  const [ref, est] = checkSamplePair(reference, test, 'segmental SNR');
  const fallback = options.sampleRate === undefined ? 480 : Math.round(0.03 * options.sampleRate);
  const frameLength = intOption(options.frameLength, fallback, 'frameLength', 2);
  const hop = intOption(options.hop, Math.max(1, Math.floor(frameLength / 4)), 'hop');
  const minDb = numberOption(options.minDb, -10, 'minDb');
  const maxDb = numberOption(options.maxDb, 35, 'maxDb', minDb);
  if (ref.length < frameLength) {
    throw metricInputError(
      `segmental SNR: the signals have ${ref.length} samples, fewer than one ${frameLength}-sample frame.`,
    );
  }
  const window = createWindow('hann', frameLength, { periodic: false });
  const frames = Math.floor((ref.length - frameLength) / hop) + 1;
  const eps = 2.220446049250313e-16;
  let total = 0;
  for (let f = 0; f < frames; f++) {
    let signal = 0;
    let noise = 0;
    for (let i = 0, p = f * hop; i < frameLength; i++, p++) {
      const r = ref[p]! * window[i]!;
      const e = est[p]! * window[i]! - r;
      signal += r * r;
      noise += e * e;
    }
    const db = 10 * Math.log10(signal / (noise + eps) + eps);
    total += Math.min(maxDb, Math.max(minDb, db));
  }
  return total / frames;
}
