/**
 * Mel spectrograms and the convention that made them.
 *
 * A mel spectrogram is meaningless without its convention: HiFi-GAN, DiffWave and WaveGlow were
 * trained on three different frontends, and feeding one the other's mels produces garbage without
 * any error. Every {@link MelSpectrogram} therefore carries its {@link MelConvention}, and consumers
 * check it with {@link assertConvention}.
 */
import { InputError } from './errors.js';

/** Mel frequency scale: Slaney (librosa default, linear below 1 kHz) or HTK (2595 log10(1 + f/700)). */
export type MelScale = 'slaney' | 'htk';

/** Filter normalisation: Slaney area normalisation (each triangle integrates to 2/(f_hi - f_lo)) or none. */
export type MelFilterNorm = 'slaney' | 'none';

/** Log compression `scale * log_base(max(x, floor))`. */
export interface MelLog {
  readonly base: 'e' | 10;
  readonly scale: number;
  readonly floor: number;
}

/**
 * Optional range normalisation applied after the log: `clamp((x - refDb - minDb) / -minDb, 0, 1)`
 * (DiffWave). `'none'` leaves the log values as they are.
 */
export type MelNormalization = 'none' | { readonly refDb: number; readonly minDb: number };

/** Everything needed to compute (and to invert) a mel spectrogram. */
export interface MelConvention {
  /** Preset name (`hifigan`, `diffwave`, `waveglow`) or a user label. Not compared by {@link sameConvention}. */
  readonly name: string;
  readonly sampleRate: number;
  readonly nFft: number;
  readonly hop: number;
  /** Window length (<= nFft, centred in the FFT frame when shorter). */
  readonly win: number;
  /** Window function; always periodic. */
  readonly window: 'hann';
  /** Centred framing: reflect-pad nFft/2 on each side (torch.stft center=True). */
  readonly center: boolean;
  /** Extra reflect padding on each side before framing (HiFi-GAN: (nFft - hop) / 2). */
  readonly padding: number;
  /** 1 = magnitude, 2 = power. */
  readonly power: 1 | 2;
  /** Added to re^2 + im^2 before the square root (HiFi-GAN: 1e-9). */
  readonly magnitudeEps: number;
  /** Divide the spectrum by sqrt(sum(window^2)) (torchaudio `normalized=True`). */
  readonly windowNormalized: boolean;
  readonly nMels: number;
  readonly fmin: number;
  readonly fmax: number;
  readonly melScale: MelScale;
  readonly filterNorm: MelFilterNorm;
  readonly log: MelLog;
  readonly normalization: MelNormalization;
}

/**
 * A mel spectrogram: `data[m * frames + t]` is band `m` at frame `t` (row-major [nMels][frames],
 * the layout of a PyTorch [n_mels, frames] tensor).
 */
export interface MelSpectrogram {
  readonly data: Float32Array;
  readonly nMels: number;
  readonly frames: number;
  readonly convention: MelConvention;
}

/**
 * Builds a validated {@link MelSpectrogram}. `data` is used as is (not copied).
 * @throws InputError `E_MEL_SHAPE` when the sizes disagree, `E_MEL_NONFINITE` on NaN/Infinity.
 */
export function createMel(
  data: Float32Array,
  nMels: number,
  convention: MelConvention,
): MelSpectrogram {
  if (!(data instanceof Float32Array)) throw new TypeError('mel data must be a Float32Array');
  if (!Number.isInteger(nMels) || nMels < 1) {
    throw new InputError(
      'E_MEL_SHAPE',
      `Invalid mel band count ${nMels}: expected a positive integer.`,
    );
  }
  if (nMels !== convention.nMels) {
    throw new InputError(
      'E_MEL_SHAPE',
      `The mel has ${nMels} bands but its convention "${convention.name}" has ${convention.nMels}. ` +
        'Check the [n_mels, frames] orientation of the input.',
      { details: { nMels, expected: convention.nMels } },
    );
  }
  if (data.length % nMels !== 0) {
    throw new InputError(
      'E_MEL_SHAPE',
      `${data.length} values cannot form a mel with ${nMels} bands.`,
      { details: { length: data.length, nMels } },
    );
  }
  const frames = data.length / nMels;
  if (frames < 1) throw new InputError('E_MEL_SHAPE', 'The mel spectrogram has no frames.');
  assertFiniteMel(data);
  return { data, nMels, frames, convention };
}

/** Throws `E_MEL_NONFINITE` naming the first NaN/Infinity. */
export function assertFiniteMel(data: Float32Array): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new InputError(
        'E_MEL_NONFINITE',
        `The mel spectrogram holds ${data[i]} at index ${i}. Mels must be finite; ` +
          'check the model or file that produced it.',
        { details: { index: i } },
      );
    }
  }
}

const COMPARED_FIELDS = [
  'sampleRate',
  'nFft',
  'hop',
  'win',
  'window',
  'center',
  'padding',
  'power',
  'magnitudeEps',
  'windowNormalized',
  'nMels',
  'fmin',
  'fmax',
  'melScale',
  'filterNorm',
] as const;

/** Lists the fields (dotted paths) on which two conventions differ; empty when they agree. */
export function conventionDifferences(a: MelConvention, b: MelConvention): string[] {
  const diffs: string[] = [];
  for (const key of COMPARED_FIELDS) {
    if (a[key] !== b[key]) diffs.push(`${key}: ${String(a[key])} vs ${String(b[key])}`);
  }
  for (const key of ['base', 'scale', 'floor'] as const) {
    if (a.log[key] !== b.log[key]) diffs.push(`log.${key}: ${a.log[key]} vs ${b.log[key]}`);
  }
  const na = JSON.stringify(a.normalization);
  const nb = JSON.stringify(b.normalization);
  if (na !== nb) diffs.push(`normalization: ${na} vs ${nb}`);
  return diffs;
}

/** True when two conventions produce identical mels (names are ignored). */
export function sameConvention(a: MelConvention, b: MelConvention): boolean {
  return conventionDifferences(a, b).length === 0;
}

/**
 * Throws `E_MEL_CONVENTION` when `mel` was not made with `expected`, listing the differences and
 * the way out (recompute the mel with the right preset, or convert explicitly).
 */
export function assertConvention(
  mel: MelSpectrogram,
  expected: MelConvention,
  consumer: string,
): void {
  const diffs = conventionDifferences(mel.convention, expected);
  if (diffs.length > 0) {
    throw new InputError(
      'E_MEL_CONVENTION',
      `${consumer} expects mels of the "${expected.name}" convention but got "${mel.convention.name}" ` +
        `(${diffs.join('; ')}). Compute the mel with the "${expected.name}" preset, or convert it ` +
        'explicitly with convertMel() from @voirs/dsp.',
      { details: { expected: expected.name, actual: mel.convention.name, differences: diffs } },
    );
  }
}

/** Number of frames the convention yields for `samples` input samples. */
export function melFrameCount(convention: MelConvention, samples: number): number {
  const padded =
    samples +
    2 * convention.padding +
    (convention.center ? 2 * Math.floor(convention.nFft / 2) : 0);
  if (padded < convention.nFft) return 0;
  return Math.floor((padded - convention.nFft) / convention.hop) + 1;
}

/** Copies frames [start, end) of a mel into a new mel of the same convention. */
export function sliceMelFrames(mel: MelSpectrogram, start: number, end: number): MelSpectrogram {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > mel.frames ||
    start >= end
  ) {
    throw new InputError(
      'E_MEL_SHAPE',
      `Invalid frame range [${start}, ${end}) of a ${mel.frames}-frame mel.`,
    );
  }
  const n = end - start;
  const out = new Float32Array(mel.nMels * n);
  for (let m = 0; m < mel.nMels; m++) {
    out.set(mel.data.subarray(m * mel.frames + start, m * mel.frames + end), m * n);
  }
  return { data: out, nMels: mel.nMels, frames: n, convention: mel.convention };
}

/** Concatenates mels of the same convention along time. */
export function concatMelFrames(mels: readonly MelSpectrogram[]): MelSpectrogram {
  const first = mels[0];
  if (first === undefined) throw new InputError('E_MEL_SHAPE', 'Cannot concatenate zero mels.');
  for (const m of mels) assertConvention(m, first.convention, 'concatMelFrames');
  const frames = mels.reduce((s, m) => s + m.frames, 0);
  const out = new Float32Array(first.nMels * frames);
  let offset = 0;
  for (const m of mels) {
    for (let b = 0; b < first.nMels; b++) {
      out.set(m.data.subarray(b * m.frames, (b + 1) * m.frames), b * frames + offset);
    }
    offset += m.frames;
  }
  return { data: out, nMels: first.nMels, frames, convention: first.convention };
}
