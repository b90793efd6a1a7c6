/**
 * A reusable short-time Fourier transform plan with `torch.stft` / `torch.istft` framing: optional
 * extra padding, then optional centre padding of nFft / 2, frames every `hop` samples, a window of
 * `win` samples centred in the nFft-point frame, torchaudio-style `normalized` window scaling.
 * The plan works frame by frame on caller-owned buffers, so loops over frames allocate nothing.
 */
import { ConfigError, InputError } from '@voirs/core';
import { realFft, type RealFft } from './fft.js';
import { padInPlace, PAD_MODES, type PadMode } from './padding.js';
import { createWindow, WINDOW_TYPES, type WindowType } from './window.js';

/** STFT parameters (torch.stft names in camelCase). */
export interface StftOptions {
  /** FFT size; the spectrum has `floor(nFft / 2) + 1` bins. */
  readonly nFft: number;
  /** Samples between frame starts. */
  readonly hop: number;
  /** Window length (default nFft); a shorter window is centred in the frame and zero-padded. */
  readonly win?: number;
  /** A window type (periodic, default `hann`) or the `win` window samples themselves. */
  readonly window?: WindowType | Float32Array | Float64Array;
  /** Pad nFft / 2 samples on each side so that frame t is centred on sample t * hop (default true). */
  readonly center?: boolean;
  /** Mode of the centre padding (default `reflect`). */
  readonly padMode?: PadMode;
  /** Extra samples padded on each side before the centre padding (default 0; HiFi-GAN: 384). */
  readonly padding?: number;
  /** Mode of the extra padding (default `reflect`). */
  readonly paddingMode?: PadMode;
  /** Divide the spectrum by sqrt(sum(window^2)) (torchaudio `normalized=True`); default false. */
  readonly normalized?: boolean;
}

const positiveInt = (value: unknown, name: string, min: number, max = 1 << 24): number => {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `STFT ${name} must be an integer in [${min}, ${max}], got ${value}.`,
    );
  }
  return value;
};

const padMode = (value: PadMode | undefined, name: string): PadMode => {
  if (value === undefined) return 'reflect';
  if (!PAD_MODES.includes(value))
    throw new TypeError(`${name} must be one of ${PAD_MODES.join(', ')}`);
  return value;
};

/** See the module comment. Not re-entrant: one plan serves one synchronous loop at a time. */
export class StftPlan {
  readonly nFft: number;
  readonly hop: number;
  readonly win: number;
  /** Number of frequency bins, `floor(nFft / 2) + 1`. */
  readonly bins: number;
  readonly center: boolean;
  readonly padMode: PadMode;
  readonly padding: number;
  readonly paddingMode: PadMode;
  readonly normalized: boolean;
  /** Samples added before the signal: `padding + (center ? floor(nFft / 2) : 0)`. */
  readonly offset: number;
  /** The window zero-padded to nFft samples. */
  readonly window: Float64Array;
  /** Factor applied to the spectrum: 1, or 1 / sqrt(sum(window^2)) when normalized. */
  readonly scale: number;
  readonly #fft: RealFft;
  /** window / scale: the synthesis window that undoes the analysis scaling. */
  readonly #synthesisWindow: Float64Array;
  readonly #frame: Float64Array;
  readonly #output: Float64Array;
  readonly #first: number;
  readonly #last: number;

  constructor(options: StftOptions) {
    if (options === null || typeof options !== 'object')
      throw new TypeError('STFT options must be an object');
    this.nFft = positiveInt(options.nFft, 'nFft', 1);
    this.hop = positiveInt(options.hop, 'hop', 1);
    this.win = positiveInt(options.win ?? this.nFft, 'win', 1, this.nFft);
    this.padding = positiveInt(options.padding ?? 0, 'padding', 0);
    this.center = options.center ?? true;
    this.padMode = padMode(options.padMode, 'padMode');
    this.paddingMode = padMode(options.paddingMode, 'paddingMode');
    this.normalized = options.normalized ?? false;
    this.bins = Math.floor(this.nFft / 2) + 1;
    this.offset = this.padding + (this.center ? Math.floor(this.nFft / 2) : 0);
    const w = options.window ?? 'hann';
    let samples: ArrayLike<number>;
    if (typeof w === 'string') {
      if (!WINDOW_TYPES.includes(w)) throw new TypeError(`Unknown window type ${w}`);
      samples = createWindow(w, this.win);
    } else if (w instanceof Float32Array || w instanceof Float64Array) {
      if (w.length !== this.win) {
        throw new ConfigError(
          'E_INVALID_ARGUMENT',
          `The window has ${w.length} samples but win is ${this.win}.`,
        );
      }
      samples = w;
    } else {
      throw new TypeError('window must be a window type name or a Float32Array/Float64Array');
    }
    this.window = new Float64Array(this.nFft);
    const left = Math.floor((this.nFft - this.win) / 2);
    let energy = 0;
    for (let i = 0; i < this.win; i++) {
      const v = samples[i]!;
      if (!Number.isFinite(v))
        throw new ConfigError('E_INVALID_ARGUMENT', 'The window holds a non-finite value.');
      this.window[left + i] = v;
      energy += v * v;
    }
    if (this.normalized && energy === 0)
      throw new ConfigError('E_INVALID_ARGUMENT', 'A normalized STFT needs a non-zero window.');
    this.scale = this.normalized ? 1 / Math.sqrt(energy) : 1;
    this.#first = left;
    this.#last = left + this.win;
    this.#synthesisWindow = this.window.map((v) => v / this.scale);
    this.#fft = realFft(this.nFft);
    this.#frame = new Float64Array(this.nFft);
    this.#output = new Float64Array(this.nFft);
  }

  /** Length of the padded signal for `samples` input samples. */
  paddedLength(samples: number): number {
    return samples + 2 * this.offset;
  }

  /** Fewest input samples that give one frame and satisfy the reflect-padding limits. */
  get minSamples(): number {
    let min = Math.max(1, this.nFft - 2 * this.offset);
    if (this.paddingMode === 'reflect') min = Math.max(min, this.padding + 1);
    if (this.center && this.padMode === 'reflect')
      min = Math.max(min, Math.floor(this.nFft / 2) + 1 - 2 * this.padding);
    return min;
  }

  /** Number of frames for `samples` input samples (0 when there are too few for one frame). */
  frameCount(samples: number): number {
    const padded = this.paddedLength(samples);
    return padded < this.nFft ? 0 : Math.floor((padded - this.nFft) / this.hop) + 1;
  }

  /**
   * Copies `signal` into `out` (or a new array) with the extra and centre padding applied.
   * @throws InputError `E_AUDIO_INVALID` when the signal is too short for one frame or for its padding.
   */
  pad(signal: ArrayLike<number>, out?: Float64Array): Float64Array {
    const n = signal.length;
    if (n < this.minSamples) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `The signal has ${n} samples but this STFT (nFft ${this.nFft}, padding ${this.padding}, ` +
          `center ${this.center}) needs at least ${this.minSamples}. Use longer audio.`,
        { details: { samples: n, minSamples: this.minSamples } },
      );
    }
    const buffer = out ?? new Float64Array(this.paddedLength(n));
    const start = this.offset;
    for (let i = 0; i < n; i++) buffer[start + i] = signal[i]!;
    this.padSignalEdges(buffer, n);
    return buffer;
  }

  /** Rewrites the padding of a padded buffer whose signal part (`samples` long) has changed. */
  padSignalEdges(buffer: Float64Array, samples: number): void {
    const start = this.offset;
    padInPlace(buffer, start, start + samples, this.padding, this.paddingMode);
    if (this.center) {
      const half = Math.floor(this.nFft / 2);
      padInPlace(buffer, start - this.padding, start + samples + this.padding, half, this.padMode);
    }
  }

  /**
   * Windowed, scaled spectrum of frame `t` of a padded signal, into `re` / `im` (`bins` long).
   * With `count`, only bins `[0, count)` are guaranteed to be written.
   */
  analyze(
    padded: Float64Array,
    t: number,
    re: Float64Array,
    im: Float64Array,
    count = this.bins,
  ): void {
    const frame = this.#frame;
    const w = this.window;
    const base = t * this.hop;
    const first = this.#first;
    const last = this.#last;
    for (let i = first; i < last; i++) frame[i] = padded[base + i]! * w[i]!;
    this.#fft.forward(frame, re, im, count);
    const s = this.scale;
    if (s !== 1) {
      for (let k = 0; k < count; k++) {
        re[k] = re[k]! * s;
        im[k] = im[k]! * s;
      }
    }
  }

  /**
   * Inverse of {@link analyze} for frame `t`: the windowed inverse FFT of `re` / `im` (undoing the
   * scale) is added into the padded-domain accumulator `accum`. Divide by {@link envelope} afterwards.
   * `re` and `im` are left unchanged.
   */
  synthesize(re: Float64Array, im: Float64Array, t: number, accum: Float64Array): void {
    const frame = this.#output;
    this.#fft.inverse(re, im, frame);
    const w = this.#synthesisWindow;
    const base = t * this.hop;
    for (let i = this.#first; i < this.#last; i++)
      accum[base + i] = accum[base + i]! + frame[i]! * w[i]!;
  }

  /** Sum of squared windows over `frames` frames, in the padded domain (the iSTFT normaliser). */
  envelope(frames: number): Float64Array {
    const env = new Float64Array((frames - 1) * this.hop + this.nFft);
    const w = this.window;
    for (let t = 0; t < frames; t++) {
      const base = t * this.hop;
      for (let i = this.#first; i < this.#last; i++) env[base + i] = env[base + i]! + w[i]! * w[i]!;
    }
    return env;
  }
}
