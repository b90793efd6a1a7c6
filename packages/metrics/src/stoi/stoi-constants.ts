/**
 * The constants of STOI (Taal et al. 2011) and ESTOI (Jensen & Taal 2016), as in the authors'
 * reference description: 10 kHz analysis, 256-sample Hann frames with 50 % overlap, a 512-point FFT,
 * 15 one-third-octave bands from 150 Hz, 30-frame (384 ms) segments, a -15 dB clipping bound
 * (STOI only) and frames more than 40 dB below the loudest removed first.
 */
export const STOI_SAMPLE_RATE = 10000;
export const STOI_FRAME = 256;
export const STOI_HOP = 128;
export const STOI_FFT = 512;
export const STOI_BANDS = 15;
export const STOI_MIN_FREQ = 150;
export const STOI_SEGMENT = 30;
export const STOI_BETA_DB = -15;
export const STOI_DYNAMIC_RANGE_DB = 40;
/** Guard added to norms, as numpy's float64 machine epsilon. */
export const STOI_EPS = 2.220446049250313e-16;

/**
 * The analysis window: MATLAB's `hanning(256)`, a symmetric Hann without its zero end points,
 * `0.5 - 0.5 cos(2 pi n / 257)` for n = 1..256.
 */
export const stoiWindow = (): Float64Array =>
  Float64Array.from(
    { length: STOI_FRAME },
    (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 1)) / (STOI_FRAME + 1)),
  );

/** Frame starts `0, hop, …` strictly below `length - frame` (the reference framing). */
export function frameStarts(length: number, frame = STOI_FRAME, hop = STOI_HOP): number[] {
  const starts: number[] = [];
  for (let s = 0; s < length - frame; s += hop) starts.push(s);
  return starts;
}
