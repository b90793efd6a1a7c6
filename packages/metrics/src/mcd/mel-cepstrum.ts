/**
 * Frame-wise mel cepstra from the STFT: for each frame, the log magnitude spectrum
 * `0.5 ln(max(|X|^2, floor))`, its causal real cepstrum (inverse FFT; `c(0)` as is, `c(m) = 2 c_r(m)`
 * for m >= 1), warped to `order + 1` mel-cepstral coefficients by {@link freqt}. This is the
 * "spectrum to mel cepstrum" conversion (SPTK/pysptk `sp2mc`) applied to the plain STFT power
 * spectrum, not the iterative `mcep` estimate nor a WORLD envelope.
 */
import { realFft, stft } from '@voirs/dsp';
import { metricInputError } from '../validate.js';
import { freqt } from './freqt.js';

/** STFT settings of {@link powerFrames}. */
export interface CepstrumAnalysis {
  /** FFT size (power of two). */
  readonly nFft: number;
  readonly hop: number;
  /** Hann window length (<= nFft). */
  readonly win: number;
}

/** A power spectrogram `[frame][bin]` (row-major) with each frame's total power in dB. */
export interface PowerFrames {
  readonly data: Float64Array;
  readonly frames: number;
  readonly bins: number;
  readonly nFft: number;
  /** 10 log10 of each frame's summed power, for silence decisions. */
  readonly energyDb: Float64Array;
  /** Largest bin power. */
  readonly peak: number;
}

/** Mel cepstra `[frame][order + 1]` (row-major). */
export interface MelCepstra {
  readonly data: Float64Array;
  readonly frames: number;
  readonly order: number;
}

/** The power spectrogram of a mono signal (centred, reflect-padded, periodic Hann). */
export function powerFrames(
  signal: Float64Array,
  options: CepstrumAnalysis,
  metric: string,
): PowerFrames {
  const { nFft, hop, win } = options;
  if (signal.length <= nFft / 2) {
    throw metricInputError(
      `${metric}: the signal has ${signal.length} samples; the analysis needs more than ${nFft / 2}.`,
    );
  }
  const spec = stft(signal, { nFft, hop, win, window: 'hann', center: true });
  const { bins, frames } = spec;
  const data = new Float64Array(frames * bins);
  const energyDb = new Float64Array(frames);
  let peak = 0;
  for (let t = 0; t < frames; t++) {
    let energy = 0;
    for (let k = 0; k < bins; k++) {
      const p = spec.re[k * frames + t]! ** 2 + spec.im[k * frames + t]! ** 2;
      data[t * bins + k] = p;
      energy += p;
      if (p > peak) peak = p;
    }
    energyDb[t] = 10 * Math.log10(energy + 1e-30);
  }
  return { data, frames, bins, nFft, energyDb, peak };
}

/** Mel cepstra of order `order` with all-pass constant `alpha` from power frames floored at `floor`. */
export function melCepstra(
  power: PowerFrames,
  order: number,
  alpha: number,
  floor: number,
): MelCepstra {
  const { nFft, bins, frames } = power;
  const fft = realFft(nFft);
  const logMag = new Float64Array(bins);
  const zeros = new Float64Array(bins);
  const real = new Float64Array(nFft);
  const causal = new Float64Array(nFft / 2);
  const data = new Float64Array(frames * (order + 1));
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < bins; k++)
      logMag[k] = 0.5 * Math.log(Math.max(power.data[t * bins + k]!, floor));
    fft.inverse(logMag, zeros, real);
    causal[0] = real[0]!;
    for (let m = 1; m < causal.length; m++) causal[m] = 2 * real[m]!;
    data.set(freqt(causal, order, alpha), t * (order + 1));
  }
  return { data, frames, order };
}
