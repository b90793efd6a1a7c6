/**
 * Triangular mel filterbanks with the semantics of `librosa.filters.mel` and
 * `torchaudio.functional.melscale_fbanks`: `nMels + 2` points equally spaced on the mel scale
 * between fmin and fmax, triangles over the FFT bin frequencies `k * sampleRate / nFft`, and
 * optional Slaney area normalisation (each triangle scaled by `2 / (f_hi - f_lo)`).
 *
 * The bank is stored sparsely: each band keeps only the contiguous range of bins where its
 * triangle is non-zero, so applying it costs about two multiply-adds per bin.
 */
import { ConfigError, type MelFilterNorm, type MelScale } from '@voirs/core';
import { hzToMel, melToHz } from './mel-scale.js';

/** Parameters of {@link melFilterbank}. */
export interface MelFilterbankOptions {
  readonly sampleRate: number;
  readonly nFft: number;
  readonly nMels: number;
  readonly fmin: number;
  readonly fmax: number;
  readonly melScale: MelScale;
  readonly filterNorm: MelFilterNorm;
}

/** A sparse mel filterbank: band m has weights `weights[offset[m] + j]` for bins `start[m] + j < end[m]`. */
export interface MelFilterbank {
  readonly nMels: number;
  /** Spectrum bins the bank applies to, `floor(nFft / 2) + 1`. */
  readonly bins: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Start of each band's weights; `offset[nMels]` is the total count. */
  readonly offset: Int32Array;
  readonly weights: Float64Array;
}

/**
 * Builds a mel filterbank. Bands too narrow to contain any bin are empty (all zero), as in librosa.
 * @throws ConfigError `E_INVALID_ARGUMENT` for invalid sizes or frequencies.
 */
export function melFilterbank(options: MelFilterbankOptions): MelFilterbank {
  const { sampleRate, nFft, nMels, fmin, fmax, melScale, filterNorm } = options;
  const bad = (what: string) =>
    new ConfigError('E_INVALID_ARGUMENT', `Invalid mel filterbank: ${what}.`);
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw bad(`sample rate ${sampleRate}`);
  if (!Number.isInteger(nFft) || nFft < 2) throw bad(`nFft ${nFft} (expected an integer >= 2)`);
  if (!Number.isInteger(nMels) || nMels < 1)
    throw bad(`nMels ${nMels} (expected a positive integer)`);
  if (!(fmin >= 0) || !(fmax > fmin) || !Number.isFinite(fmax))
    throw bad(`frequency range ${fmin}..${fmax} Hz`);
  if (filterNorm !== 'slaney' && filterNorm !== 'none')
    throw new TypeError(`Unknown filter norm ${String(filterNorm)}`);
  const bins = Math.floor(nFft / 2) + 1;
  const melMin = hzToMel(fmin, melScale);
  const melMax = hzToMel(fmax, melScale);
  const points = new Float64Array(nMels + 2);
  for (let i = 0; i < nMels + 2; i++)
    points[i] = melToHz(melMin + ((melMax - melMin) * i) / (nMels + 1), melScale);
  const binHz = sampleRate / nFft;
  const start = new Int32Array(nMels);
  const end = new Int32Array(nMels);
  const offset = new Int32Array(nMels + 1);
  const all: number[] = [];
  for (let m = 0; m < nMels; m++) {
    const lo = points[m]!;
    const mid = points[m + 1]!;
    const hi = points[m + 2]!;
    const norm = filterNorm === 'slaney' ? 2 / (hi - lo) : 1;
    offset[m] = all.length;
    let first = -1;
    let last = -1;
    for (let k = 0; k < bins; k++) {
      const f = k * binHz;
      const w = Math.max(0, Math.min((f - lo) / (mid - lo), (hi - f) / (hi - mid)));
      if (w > 0) {
        // a triangle is positive on one contiguous run of bins
        if (first < 0) first = k;
        last = k;
        all.push(w * norm);
      }
    }
    start[m] = first < 0 ? 0 : first;
    end[m] = first < 0 ? 0 : last + 1;
  }
  offset[nMels] = all.length;
  return { nMels, bins, start, end, offset, weights: Float64Array.from(all) };
}

/**
 * Applies the bank to one spectrum frame: `out[m] = sum_k bank[m][k] * spectrum[k]`.
 */
export function applyMelFilterbank(
  bank: MelFilterbank,
  spectrum: Float64Array,
  out: Float64Array,
): void {
  const { start, end, offset, weights } = bank;
  for (let m = 0; m < bank.nMels; m++) {
    const s = start[m]!;
    const e = end[m]!;
    const o = offset[m]! - s;
    let acc = 0;
    for (let k = s; k < e; k++) acc += weights[o + k]! * spectrum[k]!;
    out[m] = acc;
  }
}

/** The bank as a dense row-major `[nMels][bins]` matrix (librosa's / `melscale_fbanks(...).T` layout). */
export function denseMelFilterbank(bank: MelFilterbank): Float32Array {
  const dense = new Float32Array(bank.nMels * bank.bins);
  for (let m = 0; m < bank.nMels; m++) {
    for (let k = bank.start[m]!; k < bank.end[m]!; k++) {
      dense[m * bank.bins + k] = bank.weights[bank.offset[m]! + k - bank.start[m]!]!;
    }
  }
  return dense;
}
