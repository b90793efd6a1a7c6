/**
 * YIN fundamental-frequency estimation (de Cheveigné & Kawahara, "YIN, a fundamental frequency
 * estimator for speech and music", JASA 2002): per frame, the difference function
 * `d(tau) = sum_{j<W} (x_j - x_{j+tau})^2` (computed with FFTs), its cumulative mean normalised
 * form `d'(tau) = d(tau) tau / sum_{k=1..tau} d(k)`, the first lag whose `d'` falls below the
 * threshold (followed down to its local minimum; the global minimum when none does), and parabolic
 * interpolation around it. A frame is voiced when `d'` at the chosen lag is below the threshold and
 * the frame is within `silenceDb` of the loudest frame; periodicity is `1 - d'` (0 for silence).
 */
import { realFft } from '@voirs/dsp';
import { intOption, metricInputError, numberOption } from '../validate.js';

/** Options of {@link yin}. */
export interface YinOptions {
  /** Lowest and highest F0 searched in Hz (defaults 50 and 1000). */
  readonly fmin?: number;
  readonly fmax?: number;
  /** Samples between frames (default 10 ms). */
  readonly hop?: number;
  /** Absolute threshold on d' (default 0.15). */
  readonly threshold?: number;
  /** Frames more than this many dB below the loudest frame are unvoiced (default 40). */
  readonly silenceDb?: number;
}

/** A pitch track: one value per frame; frame t starts at sample `t * hop`. */
export interface PitchTrack {
  /** F0 in Hz of every frame (the best candidate, also for unvoiced frames; NaN for silence). */
  readonly f0: Float64Array;
  /** 1 for voiced frames, 0 otherwise. */
  readonly voiced: Uint8Array;
  /** `1 - d'(tau*)` clamped to [0, 1]; 0 for silent frames. */
  readonly periodicity: Float64Array;
  readonly hop: number;
  /** Samples each frame spans (integration window plus the longest lag). */
  readonly frameLength: number;
  readonly sampleRate: number;
}

/**
 * Estimates the F0 track of mono `signal` at `sampleRate`.
 * @throws InputError `E_METRIC_INPUT` when the signal is shorter than one frame (two periods of fmin).
 */
export function yin(
  signal: Float64Array,
  sampleRate: number,
  options: YinOptions = {},
): PitchTrack {
  const fmin = numberOption(options.fmin, 50, 'fmin', 1);
  const fmax = numberOption(options.fmax, 1000, 'fmax', fmin, sampleRate / 2);
  const hop = intOption(options.hop, Math.max(1, Math.round(sampleRate / 100)), 'hop');
  const threshold = numberOption(options.threshold, 0.15, 'threshold', 0, 1);
  const silenceDb = numberOption(options.silenceDb, 40, 'silenceDb', 0);
  const tauMax = Math.ceil(sampleRate / fmin);
  const tauMin = Math.max(2, Math.floor(sampleRate / fmax));
  const w = tauMax;
  const frameLength = w + tauMax + 1;
  if (signal.length < frameLength) {
    throw metricInputError(
      `pitch: the signal has ${signal.length} samples; YIN with fmin ${fmin} Hz needs at least ${frameLength} (${(frameLength / sampleRate).toFixed(3)} s).`,
    );
  }
  const frames = Math.floor((signal.length - frameLength) / hop) + 1;
  let size = 8;
  while (size < frameLength) size *= 2;
  const fft = realFft(size);
  const bufA = new Float64Array(size);
  const bufB = new Float64Array(size);
  const [aRe, aIm, bRe, bIm] = [0, 0, 0, 0].map(() => new Float64Array(fft.bins)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const corr = new Float64Array(size);
  const prefix = new Float64Array(signal.length + 1);
  for (let i = 0; i < signal.length; i++) prefix[i + 1] = prefix[i]! + signal[i]! * signal[i]!;
  const cmnd = new Float64Array(tauMax + 2);
  const f0 = new Float64Array(frames);
  const voiced = new Uint8Array(frames);
  const periodicity = new Float64Array(frames);
  const energy = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const s = t * hop;
    energy[t] = prefix[s + frameLength]! - prefix[s]!;
    bufA.fill(0);
    for (let j = 0; j < w; j++) bufA[j] = signal[s + j]!;
    for (let j = 0; j < frameLength; j++) bufB[j] = signal[s + j]!;
    fft.forward(bufA, aRe, aIm);
    fft.forward(bufB, bRe, bIm);
    for (let k = 0; k < fft.bins; k++) {
      const re = aRe[k]! * bRe[k]! + aIm[k]! * bIm[k]!; // conj(A) B
      const im = aRe[k]! * bIm[k]! - aIm[k]! * bRe[k]!;
      aRe[k] = re;
      aIm[k] = im;
    }
    fft.inverse(aRe, aIm, corr);
    const e0 = prefix[s + w]! - prefix[s]!;
    cmnd[0] = 1;
    let running = 0;
    for (let tau = 1; tau <= tauMax + 1; tau++) {
      const et = prefix[s + tau + w]! - prefix[s + tau]!;
      const d = Math.max(0, e0 + et - 2 * corr[tau]!);
      running += d;
      cmnd[tau] = running > 0 ? (d * tau) / running : 1;
    }
    let tau = -1;
    for (let k = tauMin; k <= tauMax; k++) {
      if (cmnd[k]! < threshold) {
        tau = k;
        while (tau + 1 <= tauMax && cmnd[tau + 1]! < cmnd[tau]!) tau++;
        break;
      }
    }
    if (tau < 0) {
      tau = tauMin;
      for (let k = tauMin + 1; k <= tauMax; k++) if (cmnd[k]! < cmnd[tau]!) tau = k;
    }
    const a = cmnd[tau - 1]!;
    const b = cmnd[tau]!;
    const c = cmnd[tau + 1]!;
    const curvature = a - 2 * b + c;
    const shift = curvature > 0 ? Math.max(-1, Math.min(1, (a - c) / (2 * curvature))) : 0;
    f0[t] = sampleRate / (tau + shift);
    periodicity[t] = Math.min(1, Math.max(0, 1 - b));
    voiced[t] = b < threshold ? 1 : 0;
  }
  const loudest = Math.max(...energy);
  const gate = loudest * 10 ** (-silenceDb / 10);
  for (let t = 0; t < frames; t++) {
    if (!(energy[t]! > gate) || loudest === 0) {
      f0[t] = Number.NaN;
      voiced[t] = 0;
      periodicity[t] = 0;
    }
  }
  return { f0, voiced, periodicity, hop, frameLength, sampleRate };
}
