/**
 * STFT magnitudes of a mono signal through dsp's `stft` (torch.stft framing).
 */
import { stft, type StftOptions } from '@voirs/dsp';
import { metricInputError } from '../validate.js';

/** `|X|` (or `|X|^2` with `power: 2`) as `[bins][frames]`, floored at `floor` before any root. */
export interface MagnitudeSpectrogram {
  readonly data: Float64Array;
  readonly bins: number;
  readonly frames: number;
}

/**
 * Magnitude (power 1) or power (power 2) spectrogram; `floor` clamps `re^2 + im^2` from below.
 * @throws InputError `E_METRIC_INPUT` when the signal is too short for the STFT.
 */
export function magnitudes(
  signal: Float64Array,
  options: StftOptions,
  power: 1 | 2,
  floor: number,
  metric: string,
): MagnitudeSpectrogram {
  const minimum = Math.floor(options.nFft / 2) + 1;
  if (signal.length < minimum) {
    throw metricInputError(
      `${metric}: the signals have ${signal.length} samples; an STFT of ${options.nFft} points needs at least ${minimum}.`,
    );
  }
  const spec = stft(signal, options);
  const data = new Float64Array(spec.re.length);
  for (let i = 0; i < data.length; i++) {
    const p = Math.max(spec.re[i]! * spec.re[i]! + spec.im[i]! * spec.im[i]!, floor);
    data[i] = power === 1 ? Math.sqrt(p) : p;
  }
  return { data, bins: spec.bins, frames: spec.frames };
}
