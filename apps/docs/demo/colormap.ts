/**
 * The colour scale of the spectrogram views: a perceptually ordered dark-to-bright ramp (close to
 * matplotlib's "magma"), interpolated linearly between eight stops.
 */

const STOPS: readonly (readonly [number, number, number])[] = [
  [0, 0, 4],
  [28, 16, 68],
  [79, 18, 123],
  [129, 37, 129],
  [181, 54, 122],
  [229, 80, 100],
  [251, 135, 97],
  [252, 253, 191],
];

/** The colour of `t` in [0, 1] (clamped; NaN counts as 0) as [r, g, b] bytes. */
export function magma(t: number): [number, number, number] {
  const x = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i]!;
  const b = STOPS[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * f)) as [number, number, number];
}
