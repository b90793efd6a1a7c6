/**
 * The reverberator of the `reverb` effect: a feedback delay network (Jot & Chaigne 1991; Smith,
 * "Physical Audio Signal Processing"). Input (the mean of the channels) passes a pre-delay and four
 * Schroeder allpass diffusers, then feeds 8 delay lines of mutually prime lengths whose outputs are
 * mixed by an orthonormal 8x8 Hadamard matrix (lossless) and fed back. Each line's loop has a
 * one-pole absorption filter whose gain is 10^(-3 d / (fs T60)) at DC and 10^(-3 d / (fs T60 hfRatio))
 * at Nyquist (d: the line's length in samples), so every loop loses 60 dB in `rt60` seconds at low
 * frequencies and in `rt60 * hfRatio` seconds at the top. Left and right outputs tap the lines with
 * two orthogonal sign patterns, which makes them decorrelated.
 */
import { FLUSH } from '../util/smoothing.js';

const LINES = 8;
/** Line lengths at size 1, ms (about 29 to 68 ms: a mid-sized room). */
const LINE_MS = [29.3, 33.7, 38.9, 43.1, 48.7, 54.1, 61.3, 67.9];
/** Allpass diffuser lengths at size 1, ms, and their gain. */
const DIFFUSER_MS = [4.77, 3.59, 12.73, 9.31];
const DIFFUSER_GAIN = 0.62;
const LEFT = [1, -1, 1, -1, 1, -1, 1, -1];
const RIGHT = [1, 1, -1, -1, 1, 1, -1, -1];
const NORM = 1 / Math.sqrt(LINES);
/**
 * Output scale, measured: with it a 1 s rt60 gives an impulse response of about unit energy (the
 * energy depends on the number of passes through the loops, not on the sample rate).
 */
const OUTPUT_GAIN = 2.7;

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let k = 2; k * k <= n; k++) if (n % k === 0) return false;
  return true;
}

/** The smallest prime >= n that is not in `taken`. */
function primeFrom(n: number, taken: Set<number>): number {
  let p = Math.max(2, Math.round(n));
  while (!isPrime(p) || taken.has(p)) p++;
  taken.add(p);
  return p;
}

/** A delay of `length` samples, read and written at one position. */
class Line {
  readonly buffer: Float64Array;
  pos = 0;
  constructor(readonly length: number) {
    this.buffer = new Float64Array(length);
  }
}

/** The network; `tick` processes one mono input sample into a left/right pair. */
export class FeedbackDelayNetwork {
  readonly #lines: Line[];
  readonly #diffusers: Line[];
  readonly #preDelay: Line | undefined;
  readonly #gain = new Float64Array(LINES);
  readonly #pole = new Float64Array(LINES);
  /** One-pole absorption filter states. */
  readonly #filtered = new Float64Array(LINES);
  /** Scratch for the feedback mix. */
  readonly #mix = new Float64Array(LINES);
  left = 0;
  right = 0;

  constructor(
    readonly sampleRate: number,
    size: number,
    preDelayMs: number,
  ) {
    const taken = new Set<number>();
    this.#lines = LINE_MS.map((ms) => new Line(primeFrom((ms * size * sampleRate) / 1000, taken)));
    this.#diffusers = DIFFUSER_MS.map(
      (ms) => new Line(primeFrom((ms * size * sampleRate) / 1000, taken)),
    );
    const pre = Math.round((preDelayMs * sampleRate) / 1000);
    this.#preDelay = pre > 0 ? new Line(pre) : undefined;
  }

  /** Sets the decay: `rt60` seconds at low frequencies, `rt60 * hfRatio` at Nyquist. */
  setDecay(rt60: number, hfRatio: number): void {
    for (let i = 0; i < LINES; i++) {
      const d = this.#lines[i]!.length;
      const dc = 10 ** ((-3 * d) / (this.sampleRate * rt60));
      const nyquist = 10 ** ((-3 * d) / (this.sampleRate * rt60 * hfRatio));
      const r = nyquist / dc; // (1 - p) / (1 + p) of the one-pole absorption filter
      this.#pole[i] = (1 - r) / (1 + r);
      this.#gain[i] = dc;
    }
  }

  /** Runs one input sample; the result is in {@link left} and {@link right}. */
  tick(input: number): void {
    let x = input;
    const pre = this.#preDelay;
    if (pre) {
      const out = pre.buffer[pre.pos]!;
      pre.buffer[pre.pos] = x;
      if (++pre.pos === pre.length) pre.pos = 0;
      x = out;
    }
    for (const ap of this.#diffusers) {
      const delayed = ap.buffer[ap.pos]!;
      let v = x + DIFFUSER_GAIN * delayed;
      if (v < FLUSH && v > -FLUSH) v = 0;
      ap.buffer[ap.pos] = v;
      if (++ap.pos === ap.length) ap.pos = 0;
      x = delayed - DIFFUSER_GAIN * v;
    }
    const state = this.#filtered;
    const f = this.#mix;
    let left = 0;
    let right = 0;
    for (let i = 0; i < LINES; i++) {
      const line = this.#lines[i]!;
      const p = this.#pole[i]!;
      let y = (1 - p) * this.#gain[i]! * line.buffer[line.pos]! + p * state[i]!;
      if (y < FLUSH && y > -FLUSH) y = 0;
      state[i] = y;
      f[i] = y;
      left += LEFT[i]! * y;
      right += RIGHT[i]! * y;
    }
    // in-place fast Walsh-Hadamard transform of f (orthonormal after NORM)
    for (let h = 1; h < LINES; h <<= 1) {
      for (let i = 0; i < LINES; i += h << 1) {
        for (let j = i; j < i + h; j++) {
          const a = f[j]!;
          const b = f[j + h]!;
          f[j] = a + b;
          f[j + h] = a - b;
        }
      }
    }
    const injected = x * NORM;
    for (let i = 0; i < LINES; i++) {
      const line = this.#lines[i]!;
      line.buffer[line.pos] = f[i]! * NORM + injected;
      if (++line.pos === line.length) line.pos = 0;
    }
    this.left = left * NORM * OUTPUT_GAIN;
    this.right = right * NORM * OUTPUT_GAIN;
  }

  /** Every state array (for diagnostics). */
  get state(): Float64Array[] {
    return [...this.#lines, ...this.#diffusers, ...(this.#preDelay ? [this.#preDelay] : [])]
      .map((l) => l.buffer)
      .concat(this.#filtered);
  }

  /** Clears the tail. */
  clear(): void {
    for (const line of [
      ...this.#lines,
      ...this.#diffusers,
      ...(this.#preDelay ? [this.#preDelay] : []),
    ]) {
      line.buffer.fill(0);
      line.pos = 0;
    }
    this.#filtered.fill(0);
  }
}
