/**
 * `convertMel`: explicit, APPROXIMATE conversion of a mel spectrogram to another convention,
 * through the linear magnitude:
 *
 * 1. the source mel is inverted to |X| with {@link linearMagnitudeFrames} (NNLS);
 * 2. |X| is brought to the target's scaling (window normalisation, window and rate gain) and resampled
 *    bilinearly onto the target's grid: frame centres in seconds (centred framing, extra padding
 *    and hop all accounted for) and bin frequencies in Hz (bins past the source Nyquist are 0);
 * 3. the target's power, epsilon, filterbank, log and normalisation are applied.
 *
 * The result covers the same duration (`frames * hop` of the source, in seconds). What the source
 * discarded stays lost: bands outside the source's fmin..fmax come out at the floor, detail inside
 * a band is smoothed, values under the source's log floor stay at it.
 */
import {
  getMelPreset,
  sameConvention,
  InputError,
  type MelConvention,
  type MelSpectrogram,
  melFrameCount,
} from '@voirs/core';
import { applyMelFilterbank } from './mel-filterbank.js';
import { compressMelValue } from './mel-compression.js';
import { melFrontend } from './mel-frontend.js';
import { DEFAULT_NNLS_ITERATIONS } from './mel-nnls.js';
import { linearMagnitudeFrames } from './mel-to-linear.js';
import { createWindow } from './window.js';

/** Options of {@link convertMel}. */
export interface ConvertMelOptions {
  /** NNLS iterations of the inversion (default 30). */
  readonly iterations?: number;
}

/** Sample position (in the original signal) of frame 0's centre. */
const firstCentre = (c: MelConvention): number => (c.center ? 0 : c.nFft / 2 - c.padding);

/** The window's sum and energy, and the spectrum scale of a convention. */
function windowStats(c: MelConvention): { sum: number; energy: number; scale: number } {
  const w = createWindow('hann', c.win);
  let sum = 0;
  let energy = 0;
  for (const v of w) {
    sum += v;
    energy += v * v;
  }
  return { sum, energy, scale: c.windowNormalized ? 1 / Math.sqrt(energy) : 1 };
}

/**
 * Magnitude gain from the source's STFT to the target's. A sinusoid's |X| scales with the window
 * sum, a noise's with sqrt(sampleRate * sum(w^2)); speech is both, so the geometric mean of the two
 * gains is used (1 when window and rate agree), times the window normalisations.
 */
function magnitudeGain(src: MelConvention, dst: MelConvention): number {
  const s = windowStats(src);
  const d = windowStats(dst);
  const sinusoid = d.sum / s.sum;
  const noise = Math.sqrt((dst.sampleRate * d.energy) / (src.sampleRate * s.energy));
  return Math.sqrt(sinusoid * noise) * (d.scale / s.scale);
}

/**
 * Converts `mel` to `target` (a convention or a preset name). Identical conventions give a copy.
 * @throws InputError `E_MEL_SHAPE` when the mel is too short to give a frame in the target;
 * RegistryError `E_PLUGIN_NOT_FOUND` for an unknown preset name.
 */
export function convertMel(
  mel: MelSpectrogram,
  target: MelConvention | string,
  options: ConvertMelOptions = {},
): MelSpectrogram {
  const dst = typeof target === 'string' ? getMelPreset(target) : target;
  const src = mel.convention;
  if (sameConvention(src, dst)) return { ...mel, data: mel.data.slice(), convention: dst };
  const { bank, usedBins, plan } = melFrontend(dst);
  const mag = linearMagnitudeFrames(mel, options.iterations ?? DEFAULT_NNLS_ITERATIONS);
  const srcBins = Math.floor(src.nFft / 2) + 1;
  const seconds = (mel.frames * src.hop) / src.sampleRate;
  const frames = melFrameCount(dst, Math.round(seconds * dst.sampleRate));
  if (frames < 1) {
    throw new InputError(
      'E_MEL_SHAPE',
      `A ${mel.frames}-frame "${src.name}" mel is too short for one "${dst.name}" frame.`,
    );
  }
  const gain = magnitudeGain(src, dst);
  const spectrum = new Float64Array(plan.bins);
  const bands = new Float64Array(bank.nMels);
  const out = new Float32Array(bank.nMels * frames);
  for (let t = 0; t < frames; t++) {
    const seconds = (t * dst.hop + firstCentre(dst)) / dst.sampleRate;
    const pos = Math.min(
      Math.max((seconds * src.sampleRate - firstCentre(src)) / src.hop, 0),
      mel.frames - 1,
    );
    const t0 = Math.floor(pos);
    const t1 = Math.min(t0 + 1, mel.frames - 1);
    const ft = pos - t0;
    for (let k = 0; k < usedBins; k++) {
      const bin = (k * dst.sampleRate * src.nFft) / (dst.nFft * src.sampleRate);
      let v = 0;
      if (bin <= srcBins - 1) {
        const k0 = Math.floor(bin);
        const k1 = Math.min(k0 + 1, srcBins - 1);
        const fk = bin - k0;
        const a = mag[t0 * srcBins + k0]! * (1 - fk) + mag[t0 * srcBins + k1]! * fk;
        const b = mag[t1 * srcBins + k0]! * (1 - fk) + mag[t1 * srcBins + k1]! * fk;
        v = (a * (1 - ft) + b * ft) * gain;
      }
      const p = v * v + dst.magnitudeEps;
      spectrum[k] = dst.power === 1 ? Math.sqrt(p) : p;
    }
    applyMelFilterbank(bank, spectrum, bands);
    for (let m = 0; m < bank.nMels; m++) out[m * frames + t] = compressMelValue(bands[m]!, dst);
  }
  return { data: out, nMels: bank.nMels, frames, convention: dst };
}
