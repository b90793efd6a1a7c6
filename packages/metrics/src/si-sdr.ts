/**
 * Scale-invariant signal-to-distortion ratio (Le Roux et al., "SDR - half-baked or well done?",
 * ICASSP 2019): the test is projected on the reference, `target = (<test, ref> / ||ref||^2) ref`,
 * and `SI-SDR = 10 log10(||target||^2 / ||test - target||^2)`. SI-SNR is the same after removing
 * each signal's mean (the "zero-mean" variant of torchmetrics / Conv-TasNet).
 */
import { checkSamplePair, metricInputError, type Samples } from './validate.js';

/** Options of {@link siSdr}. */
export interface SiSdrOptions {
  /** Subtract each signal's mean first (SI-SNR). Default false. */
  readonly zeroMean?: boolean;
}

/**
 * SI-SDR in dB of `test` against `reference` (mono, same length). Identical signals give
 * +Infinity; a test orthogonal to the reference gives -Infinity.
 * @throws InputError `E_METRIC_INPUT` for different lengths, empty or non-finite input, or a
 * silent reference (the projection is undefined).
 */
export function siSdr(reference: Samples, test: Samples, options: SiSdrOptions = {}): number {
  const metric = options.zeroMean ? 'SI-SNR' : 'SI-SDR';
  const [ref, est] = checkSamplePair(reference, test, metric);
  if (options.zeroMean) {
    removeMean(ref);
    removeMean(est);
  }
  let dot = 0;
  let energy = 0;
  for (let i = 0; i < ref.length; i++) {
    dot += est[i]! * ref[i]!;
    energy += ref[i]! * ref[i]!;
  }
  if (energy === 0)
    throw metricInputError(
      `${metric}: the reference is silent${options.zeroMean ? ' (or constant)' : ''}; the projection is undefined.`,
    );
  const alpha = dot / energy;
  let targetEnergy = 0;
  let noiseEnergy = 0;
  for (let i = 0; i < ref.length; i++) {
    const t = alpha * ref[i]!;
    const e = est[i]! - t;
    targetEnergy += t * t;
    noiseEnergy += e * e;
  }
  return 10 * Math.log10(targetEnergy / noiseEnergy);
}

/** SI-SNR: {@link siSdr} with zero-mean signals. */
export function siSnr(reference: Samples, test: Samples): number {
  return siSdr(reference, test, { zeroMean: true });
}

function removeMean(x: Float64Array): void {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i]!;
  mean /= x.length;
  for (let i = 0; i < x.length; i++) x[i] = x[i]! - mean;
}
