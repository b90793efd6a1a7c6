/**
 * Sine fitting (IEEE Std 1057): a coarse frequency from the peak of a Hann-windowed spectrum with
 * parabolic interpolation, refined by the four-parameter fit (`a cos wt + b sin wt + c`, Gauss-Newton
 * on w), so that the fitted tone can be removed to well below -120 dB.
 */
import { createWindow, realFft } from '@voirs/dsp';
import { leastSquares } from './least-squares.js';

/** A fitted tone `a cos(w n) + b sin(w n) + c`, n in samples. */
export interface SineFit {
  /** Angular frequency in radians per sample. */
  readonly omega: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** Frequency (radians per sample) of the strongest spectral peak in [minOmega, maxOmega]. */
export function peakFrequency(x: Float64Array, minOmega: number, maxOmega = Math.PI): number {
  let size = 8;
  while (size < 2 * x.length) size *= 2;
  const w = createWindow('hann', x.length);
  const frame = Float64Array.from(x, (v, i) => v * w[i]!);
  const fft = realFft(size);
  const re = new Float64Array(fft.bins);
  const im = new Float64Array(fft.bins);
  fft.forward(frame, re, im);
  const mag = (k: number) => Math.log(re[k]! ** 2 + im[k]! ** 2 + 1e-300);
  let best = Math.max(1, Math.ceil((minOmega * size) / (2 * Math.PI)));
  const last = Math.min(fft.bins - 2, Math.floor((maxOmega * size) / (2 * Math.PI)));
  for (let k = best + 1; k <= last; k++) if (mag(k) > mag(best)) best = k;
  const [l, m, r] = [mag(best - 1), mag(best), mag(Math.min(best + 1, fft.bins - 1))];
  const curvature = l - 2 * m + r;
  const shift = curvature < 0 ? (0.5 * (l - r)) / curvature : 0;
  return (2 * Math.PI * (best + shift)) / size;
}

/** Four-parameter sine fit of `x` starting from `omega`. */
export function fitSine(x: Float64Array, omega: number, iterations = 12): SineFit {
  let w = omega;
  let [a, b, c] = threeParameter(x, w);
  for (let it = 0; it < iterations; it++) {
    const [aa, bb, cc, dw] = leastSquares(
      4,
      x.length,
      (j, n) => {
        if (j === 0) return Math.cos(w * n);
        if (j === 1) return Math.sin(w * n);
        if (j === 2) return 1;
        return n * (-a * Math.sin(w * n) + b * Math.cos(w * n));
      },
      x,
    ) as unknown as [number, number, number, number];
    a = aa;
    b = bb;
    c = cc;
    w += dw;
    if (Math.abs(dw) < 1e-13) break;
  }
  [a, b, c] = threeParameter(x, w);
  return { omega: w, a, b, c };
}

function threeParameter(x: Float64Array, w: number): [number, number, number] {
  const p = leastSquares(
    3,
    x.length,
    (j, n) => (j === 0 ? Math.cos(w * n) : j === 1 ? Math.sin(w * n) : 1),
    x,
  );
  return [p[0]!, p[1]!, p[2]!];
}
