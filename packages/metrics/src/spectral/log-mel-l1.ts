/**
 * Log-mel L1 distance, HiFi-GAN's validation "mel-spectrogram error": the mean absolute difference
 * between the log-mel spectrograms of the reference and the test, by default with the `hifigan`
 * preset (80 Slaney bands 0-8 kHz, natural log clamped at 1e-5). HiFi-GAN's training script
 * computes its loss mels with `fmax_for_loss = null` (11025 Hz): pass
 * {@link HIFIGAN_LOSS_CONVENTION} to reproduce that exactly.
 */
import {
  HIFIGAN_PRESET,
  createAudioBuffer,
  deriveConvention,
  type AudioBuffer,
  type MelConvention,
} from '@voirs/core';
import { computeMel, validateConvention } from '@voirs/dsp';
import { checkAudioPair, metricInputError } from '../validate.js';

/** The `hifigan` preset with fmax = 11025 Hz, the mels of HiFi-GAN's L1 loss and validation. */
export const HIFIGAN_LOSS_CONVENTION: MelConvention = deriveConvention(HIFIGAN_PRESET, {
  name: 'hifigan-loss',
  fmax: 11025,
});

/** Options of {@link logMelL1}. */
export interface LogMelL1Options {
  /** Mel convention of both spectrograms (default the `hifigan` preset). */
  readonly convention?: MelConvention;
}

/**
 * Mean |logmel(ref) - logmel(test)| over bands and frames. Audio at another rate than the
 * convention's is resampled to it first (both signals alike). 0 for identical signals.
 * @throws InputError `E_METRIC_INPUT` for mismatched, empty, non-finite or too-short input.
 */
export function logMelL1(
  reference: AudioBuffer,
  test: AudioBuffer,
  options: LogMelL1Options = {},
): number {
  const metric = 'log-mel L1';
  const convention = options.convention ?? HIFIGAN_PRESET;
  validateConvention(convention);
  const pair = checkAudioPair(reference, test, metric);
  const mel = (x: Float64Array) => {
    try {
      return computeMel(createAudioBuffer(Float32Array.from(x), pair.sampleRate), convention, {
        resample: true,
      });
    } catch (error) {
      throw metricInputError(`${metric}: ${(error as Error).message}`, { cause: String(error) });
    }
  };
  const a = mel(pair.reference).data;
  const b = mel(pair.test).data;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}
