/**
 * The silent-frame removal that STOI and ESTOI apply before analysis: Hann-windowed frames of the
 * reference more than `dynamicRange` dB below its loudest frame are dropped from both signals, and
 * the kept windowed frames are overlap-added back into two shorter signals.
 */
import {
  STOI_DYNAMIC_RANGE_DB,
  STOI_EPS,
  STOI_FRAME,
  STOI_HOP,
  frameStarts,
  stoiWindow,
} from './stoi-constants.js';

/** The two signals after silence removal (equal lengths; empty when no frame was kept). */
export interface SilenceRemoved {
  readonly reference: Float64Array;
  readonly test: Float64Array;
  /** Frames kept out of the frames analysed. */
  readonly keptFrames: number;
  readonly totalFrames: number;
}

/** Removes the frames where the reference is more than `dynamicRange` dB below its loudest frame. */
export function removeSilentFrames(
  reference: Float64Array,
  test: Float64Array,
  dynamicRange = STOI_DYNAMIC_RANGE_DB,
): SilenceRemoved {
  const w = stoiWindow();
  const starts = frameStarts(reference.length);
  const energies = starts.map((s) => {
    let sum = 0;
    for (let i = 0; i < STOI_FRAME; i++) sum += (reference[s + i]! * w[i]!) ** 2;
    return 20 * Math.log10(Math.sqrt(sum) + STOI_EPS);
  });
  const loudest = Math.max(...energies);
  const kept = starts.filter((_, j) => energies[j]! - (loudest - dynamicRange) > 0);
  const length = kept.length === 0 ? 0 : (kept.length - 1) * STOI_HOP + STOI_FRAME;
  const ref = new Float64Array(length);
  const est = new Float64Array(length);
  kept.forEach((s, j) => {
    const o = j * STOI_HOP;
    for (let i = 0; i < STOI_FRAME; i++) {
      ref[o + i] = ref[o + i]! + reference[s + i]! * w[i]!;
      est[o + i] = est[o + i]! + test[s + i]! * w[i]!;
    }
  });
  return { reference: ref, test: est, keptFrames: kept.length, totalFrames: starts.length };
}
