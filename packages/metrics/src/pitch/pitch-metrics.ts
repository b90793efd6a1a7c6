/**
 * Pitch and periodicity errors of a test against a reference, as reported for vocoders (CARGAN,
 * Morrison et al. ICLR 2022; BigVGAN): F0 RMSE in cents over the frames voiced in both, the F1
 * score of the test's voiced/unvoiced decisions against the reference's, and the RMSE of the
 * periodicity over all frames. Both tracks come from {@link yin} with the same options.
 */
import type { AudioBuffer } from '@voirs/core';
import { checkAudioPair } from '../validate.js';
import { yin, type YinOptions } from './yin.js';

/** Result of {@link pitchMetrics}. NaN marks what is undefined (see each field). */
export interface PitchMetrics {
  /** RMS of `1200 log2(f0_test / f0_ref)` over frames voiced in both; NaN when there are none. */
  readonly rmseCents: number;
  /** F1 of the test's voicing against the reference's; NaN when neither has a voiced frame. */
  readonly vuvF1: number;
  readonly vuvPrecision: number;
  readonly vuvRecall: number;
  /** RMSE of the periodicity (1 - YIN d') over all frames. */
  readonly periodicityRmse: number;
  readonly frames: number;
  /** Frames voiced in both signals. */
  readonly voicedFrames: number;
}

/**
 * Pitch metrics of `test` against `reference` (same rate and length).
 * @throws InputError `E_METRIC_INPUT` for mismatched, empty, non-finite or too-short input.
 */
export function pitchMetrics(
  reference: AudioBuffer,
  test: AudioBuffer,
  options: YinOptions = {},
): PitchMetrics {
  const pair = checkAudioPair(reference, test, 'pitch');
  const x = yin(pair.reference, pair.sampleRate, options);
  const y = yin(pair.test, pair.sampleRate, options);
  const frames = x.f0.length;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let cents = 0;
  let periodicity = 0;
  for (let t = 0; t < frames; t++) {
    const vx = x.voiced[t] === 1;
    const vy = y.voiced[t] === 1;
    if (vx && vy) {
      tp++;
      cents += (1200 * Math.log2(y.f0[t]! / x.f0[t]!)) ** 2;
    } else if (vy) fp++;
    else if (vx) fn++;
    periodicity += (x.periodicity[t]! - y.periodicity[t]!) ** 2;
  }
  const precision = tp + fp === 0 ? Number.NaN : tp / (tp + fp);
  const recall = tp + fn === 0 ? Number.NaN : tp / (tp + fn);
  const vuvF1 = tp + fp + fn === 0 ? Number.NaN : (2 * tp) / (2 * tp + fp + fn);
  return {
    rmseCents: tp === 0 ? Number.NaN : Math.sqrt(cents / tp),
    vuvF1,
    vuvPrecision: precision,
    vuvRecall: recall,
    periodicityRmse: Math.sqrt(periodicity / frames),
    frames,
    voicedFrames: tp,
  };
}
