/**
 * The log compression and range normalisation of a {@link MelConvention}, and their inverse.
 *
 * Forward: `y = scale * log_base(max(x, floor))`, then, when the convention has a normalisation,
 * `y = clamp((y - refDb - minDb) / -minDb, 0, 1)` (DiffWave). The inverse is exact for values that
 * were not clamped; values at a clamp come back as the clamp level (the floor, or the top of the
 * normalised range), since what lay beyond it is lost.
 */
import type { MelConvention } from '@voirs/core';

/** Compresses one linear mel value (a filterbank output) as `convention` says. */
export function compressMelValue(x: number, convention: MelConvention): number {
  const { base, scale, floor } = convention.log;
  const v = Math.max(x, floor);
  let y = scale * (base === 'e' ? Math.log(v) : Math.log10(v));
  const norm = convention.normalization;
  if (norm !== 'none') {
    y = (y - norm.refDb - norm.minDb) / -norm.minDb;
    y = y < 0 ? 0 : y > 1 ? 1 : y;
  }
  return y;
}

/** Inverse of {@link compressMelValue}: a compressed mel value back to a linear filterbank output. */
export function expandMelValue(y: number, convention: MelConvention): number {
  const { base, scale, floor } = convention.log;
  let v = y;
  const norm = convention.normalization;
  if (norm !== 'none') v = v * -norm.minDb + norm.refDb + norm.minDb;
  const x = base === 'e' ? Math.exp(v / scale) : 10 ** (v / scale);
  return Math.max(x, floor);
}

/** Applies the convention's log and normalisation to linear mel values (any layout); returns a new array. */
export function compressMel(
  linear: Float32Array | Float64Array,
  convention: MelConvention,
): Float32Array {
  const out = new Float32Array(linear.length);
  for (let i = 0; i < linear.length; i++) out[i] = compressMelValue(linear[i]!, convention);
  return out;
}

/**
 * Undoes the convention's normalisation and log: compressed mel values back to linear filterbank
 * outputs (`>= log.floor`); returns a new array of the same layout.
 */
export function expandMel(
  values: Float32Array | Float64Array,
  convention: MelConvention,
): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = expandMelValue(values[i]!, convention);
  return out;
}
