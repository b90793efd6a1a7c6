/**
 * The static curve of a downward compressor with a soft knee (Giannoulis, Massberg & Reiss, "Digital
 * Dynamic Range Compressor Design — A Tutorial and Analysis", JAES 2012, eq. 4).
 */

/**
 * Output level (dB) for input level `x` (dB): unchanged below the knee, `threshold + (x - threshold)
 * / ratio` above it, and a quadratic blend across the `knee` dB around the threshold.
 */
export function compressorCurveDb(
  x: number,
  threshold: number,
  ratio: number,
  knee: number,
): number {
  const over = x - threshold;
  if (2 * over < -knee) return x;
  if (knee > 0 && 2 * Math.abs(over) <= knee) {
    const d = over + knee / 2;
    return x + ((1 / ratio - 1) * d * d) / (2 * knee);
  }
  return threshold + over / ratio;
}
