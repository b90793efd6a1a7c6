/**
 * Interpolation between two parameter objects, for coefficient ramps and chain automation.
 * Numbers move linearly, except frequencies (keys named `frequency` or ending in `Frequency` /
 * `Hz`), which move geometrically so that sweeps sound even. Arrays of equal length interpolate
 * element by element; anything else (strings, booleans, reshaped arrays) switches to `to` at once.
 */

const isFrequencyKey = (key: string): boolean =>
  key === 'frequency' || key.endsWith('Frequency') || key.endsWith('Hz');

function mix(from: unknown, to: unknown, t: number, geometric: boolean): unknown {
  if (typeof from === 'number' && typeof to === 'number') {
    if (geometric && from > 0 && to > 0) return from * (to / from) ** t;
    return from + (to - from) * t;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    return to.map((item, i) => mix(from[i], item, t, geometric));
  }
  if (isRecord(from) && isRecord(to)) return interpolateParams(from, to, t);
  return to;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x) && !ArrayBuffer.isView(x);

/** The parameters a fraction `t` (0..1) of the way from `from` to `to` (keys of `to`). */
export function interpolateParams(
  from: Readonly<Record<string, unknown>>,
  to: Readonly<Record<string, unknown>>,
  t: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(to)) {
    out[key] = t >= 1 || !(key in from) ? to[key] : mix(from[key], to[key], t, isFrequencyKey(key));
  }
  return out;
}
