/**
 * Frequency warping of a cepstrum by the first-order all-pass `z~^-1 = (z^-1 - alpha) / (1 - alpha z^-1)`
 * (Oppenheim & Johnson's recursion, the `freqt` of SPTK): given the causal cepstrum `c[0..m1]` of
 * `log H(z) = sum c(m) z^-m`, it returns `c~[0..order]` with `log H = sum c~(m) z~^-m`. With
 * `alpha` near the mel-scale value for the sample rate ({@link mcepAlpha}), `c~` is a mel cepstrum.
 */

/** Warps `cepstrum` (causal, `c[0..m1]`) to `order + 1` coefficients with all-pass constant `alpha`. */
export function freqt(cepstrum: ArrayLike<number>, order: number, alpha: number): Float64Array {
  if (!Number.isInteger(order) || order < 0)
    throw new RangeError(`order must be an integer >= 0, got ${order}`);
  if (!(Math.abs(alpha) < 1)) throw new RangeError(`alpha must lie in (-1, 1), got ${alpha}`);
  const b = 1 - alpha * alpha;
  let g = new Float64Array(order + 1);
  let d = new Float64Array(order + 1);
  for (let i = cepstrum.length - 1; i >= 0; i--) {
    [d, g] = [g, d];
    g[0] = cepstrum[i]! + alpha * d[0]!;
    if (order >= 1) g[1] = b * d[0]! + alpha * d[1]!;
    for (let j = 2; j <= order; j++) g[j] = d[j - 1]! + alpha * (d[j]! - g[j - 1]!);
  }
  return g;
}

/**
 * The all-pass constant whose frequency warping best matches the mel scale
 * `m(f) = 1000 / ln 2 * ln(1 + f / 1000)` between 0 Hz and Nyquist (least squares over 1000
 * frequencies, alpha on a 0.001 grid): 0.410 at 16 kHz, 0.455 at 22.05 kHz, 0.554 at 48 kHz,
 * the values tabulated for SPTK.
 */
export function mcepAlpha(sampleRate: number): number {
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate))
    throw new RangeError(`sample rate must be positive, got ${sampleRate}`);
  const points = 1000;
  const mel = (f: number) => Math.log1p(f / 1000);
  const top = mel(sampleRate / 2);
  let best = 0;
  let bestError = Infinity;
  for (let step = 0; step < 1000; step++) {
    const alpha = step / 1000;
    let error = 0;
    for (let i = 0; i < points; i++) {
      const w = (Math.PI * i) / (points - 1);
      const warped = w + 2 * Math.atan2(alpha * Math.sin(w), 1 - alpha * Math.cos(w));
      error += (warped / Math.PI - mel((w * sampleRate) / (2 * Math.PI)) / top) ** 2;
    }
    if (error < bestError) {
      bestError = error;
      best = alpha;
    }
  }
  return best;
}
