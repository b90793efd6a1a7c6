/**
 * A stateful resampler for audio that arrives in blocks. The output is a function of the input
 * samples alone: any split into blocks gives the same samples (bit for bit) as one call, and
 * after {@link StreamingResampler.flush} the stream holds exactly `round(inputFrames * ratio)`
 * output frames. The filter is linear-phase and centred, so the output is time-aligned with the
 * input (sample n sits at input time n / ratio); the signal is taken as zero outside the stream.
 */
import { InputError } from '@voirs/core';
import { RESAMPLE_QUALITIES, type ResampleQuality } from './kaiser-design.js';
import {
  createResamplerKernel,
  INTERPOLATED_PHASES,
  type ResamplerKernel,
} from './resampler-kernel.js';

/** Options of {@link StreamingResampler}. */
export interface StreamingResamplerOptions {
  /** Filter quality (default `high`: flat to 0.9 of the lower Nyquist, > 90 dB stopband). */
  readonly quality?: ResampleQuality;
  /** Interleaved channels per frame (default 1). */
  readonly channels?: number;
}

/** See the module comment. */
export class StreamingResampler {
  readonly inputRate: number;
  readonly outputRate: number;
  readonly channels: number;
  readonly quality: ResampleQuality;
  /** Output frames per input frame. */
  readonly ratio: number;
  readonly #kernel: ResamplerKernel;
  #history: Float64Array[] = [];
  /** Absolute input index of history[c][0]. */
  #base = 0;
  /** Input frames held in history. */
  #held = 0;
  /** Input frames received since the stream started. */
  #received = 0;
  /** Index of the next output frame. */
  #next = 0;

  /**
   * @param inputRate Input frames per second (any positive number).
   * @param outputRate Output frames per second (any positive number; real ratios are supported).
   * @throws InputError `E_SAMPLE_RATE` / `E_RESAMPLE` for unusable rates.
   */
  constructor(inputRate: number, outputRate: number, options: StreamingResamplerOptions = {}) {
    const quality = options.quality ?? 'high';
    if (!RESAMPLE_QUALITIES.includes(quality))
      throw new TypeError(`quality must be one of ${RESAMPLE_QUALITIES.join(', ')}`);
    const channels = options.channels ?? 1;
    if (!Number.isInteger(channels) || channels < 1 || channels > 64) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `The resampler needs 1 to 64 channels, got ${channels}.`,
      );
    }
    this.#kernel = createResamplerKernel(inputRate, outputRate, quality);
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.channels = channels;
    this.quality = quality;
    this.ratio = outputRate / inputRate;
    this.reset();
  }

  /** Input frames of lookahead an output frame needs before it can be produced. */
  get lookahead(): number {
    return this.#kernel.half;
  }

  /** Clears the state: the next call starts a new stream. */
  reset(): void {
    const pre = this.#kernel.half;
    this.#history = Array.from(
      { length: this.channels },
      () => new Float64Array(Math.max(4096, 4 * pre)),
    );
    this.#base = -pre; // zeros before the stream start
    this.#held = pre;
    this.#received = 0;
    this.#next = 0;
  }

  /** Feeds interleaved input frames; returns the interleaved output frames that became final. */
  process(input: Float32Array): Float32Array {
    if (!(input instanceof Float32Array)) throw new TypeError('input must be a Float32Array');
    const ch = this.channels;
    if (input.length % ch !== 0) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `${input.length} samples do not divide into ${ch} interleaved channels.`,
      );
    }
    const frames = input.length / ch;
    this.#reserve(frames);
    for (let c = 0; c < ch; c++) {
      const h = this.#history[c]!;
      for (let i = 0; i < frames; i++) h[this.#held + i] = input[i * ch + c]!;
    }
    this.#held += frames;
    this.#received += frames;
    return this.#produce(Number.POSITIVE_INFINITY);
  }

  /**
   * Ends the stream: returns the remaining output frames (the input is taken as zero past its end)
   * so that the stream totals `round(inputFrames * ratio)` frames, then resets for a new stream.
   */
  flush(): Float32Array {
    const k = this.#kernel;
    const total =
      k.mode === 'polyphase'
        ? Math.round((this.#received * k.up) / k.down)
        : Math.round(this.#received * this.ratio);
    this.#reserve(k.taps);
    for (const h of this.#history) h.fill(0, this.#held, this.#held + k.taps);
    this.#held += k.taps;
    const out = this.#produce(total);
    this.reset();
    return out;
  }

  /** Makes room for `frames` more input frames, dropping history no output needs any more. */
  #reserve(frames: number): void {
    const k = this.#kernel;
    const firstNeeded = this.#inputIndex(this.#next) - k.half + 1;
    const drop = Math.max(0, Math.min(firstNeeded - this.#base, this.#held));
    const keep = this.#held - drop;
    const needed = keep + frames;
    for (let c = 0; c < this.channels; c++) {
      let h = this.#history[c]!;
      if (needed > h.length) {
        const grown = new Float64Array(Math.max(needed, 2 * h.length));
        grown.set(h.subarray(drop, this.#held));
        h = grown;
        this.#history[c] = h;
      } else if (drop > 0) {
        h.copyWithin(0, drop, this.#held);
      }
    }
    this.#base += drop;
    this.#held = keep;
  }

  /** floor(input position) of output frame n. */
  #inputIndex(n: number): number {
    const k = this.#kernel;
    return k.mode === 'polyphase' ? Math.floor((n * k.down) / k.up) : Math.floor(n * k.step);
  }

  /** Produces output frames while their inputs are held, up to `limit` frames in total. */
  #produce(limit: number): Float32Array {
    const k = this.#kernel;
    const ch = this.channels;
    const lastHeld = this.#base + this.#held - 1;
    let end = this.#next;
    while (end < limit && this.#inputIndex(end) + k.half <= lastHeld) end++;
    const count = end - this.#next;
    const out = new Float32Array(count * ch);
    for (let c = 0; c < ch; c++) {
      const h = this.#history[c]!;
      for (let o = 0; o < count; o++) {
        const n = this.#next + o;
        const start = this.#inputIndex(n) - k.half + 1 - this.#base;
        out[o * ch + c] =
          k.mode === 'polyphase' ? this.#polyphase(h, start, n) : this.#interpolated(h, start, n);
      }
    }
    this.#next = end;
    return out;
  }

  #polyphase(h: Float64Array, start: number, n: number): number {
    const k = this.#kernel;
    const row = ((n * k.down) % k.up) * k.taps;
    const table = k.table;
    let acc = 0;
    for (let q = 0; q < k.taps; q++) acc += table[row + q]! * h[start + q]!;
    return acc;
  }

  #interpolated(h: Float64Array, start: number, n: number): number {
    const k = this.#kernel;
    const t = n * k.step;
    const position = (t - Math.floor(t)) * INTERPOLATED_PHASES;
    const p = Math.floor(position);
    const a = position - p;
    const table = k.table;
    const r0 = p * k.taps;
    const r1 = r0 + k.taps;
    let acc0 = 0;
    let acc1 = 0;
    for (let q = 0; q < k.taps; q++) {
      const x = h[start + q]!;
      acc0 += table[r0 + q]! * x;
      acc1 += table[r1 + q]! * x;
    }
    return acc0 + a * (acc1 - acc0);
  }
}
