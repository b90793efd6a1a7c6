/**
 * Real FFTs of any length: fft.js (radix-4) for powers of two, Bluestein's chirp-z algorithm on top
 * of it for other lengths (e.g. the 321-point FFT of DNSMOS P.808). Plans are cached per size.
 */
import FFT from 'fft.js';

const isPow2 = (n: number) => n >= 2 && (n & (n - 1)) === 0;

/** A reusable real FFT plan of length `n` producing `n/2 + 1` bins. Not re-entrant (reuses scratch). */
export interface RealFft {
  readonly size: number;
  /** Number of bins, `floor(n / 2) + 1`. */
  readonly bins: number;
  /** Forward transform of `input` (length n; shorter input is zero-padded) into re/im (length bins). */
  forward(input: ArrayLike<number>, re: Float64Array | Float32Array, im: Float64Array | Float32Array): void;
  /** Inverse of {@link forward}: a Hermitian half-spectrum back to `n` real samples (scaled by 1/n). */
  inverse(re: ArrayLike<number>, im: ArrayLike<number>, out: Float64Array | Float32Array): void;
}

class Pow2RealFft implements RealFft {
  readonly bins: number;
  readonly #fft: FFT;
  readonly #input: Float64Array;
  readonly #spectrum: Float64Array;
  readonly #time: Float64Array;
  constructor(readonly size: number) {
    this.bins = size / 2 + 1;
    this.#fft = new FFT(size);
    this.#input = new Float64Array(size);
    this.#spectrum = new Float64Array(2 * size);
    this.#time = new Float64Array(2 * size);
  }
  forward(input: ArrayLike<number>, re: Float64Array | Float32Array, im: Float64Array | Float32Array): void {
    const x = this.#input;
    const n = Math.min(input.length, this.size);
    for (let i = 0; i < n; i++) x[i] = input[i]!;
    x.fill(0, n);
    const s = this.#spectrum;
    this.#fft.realTransform(s, x);
    for (let k = 0; k < this.bins; k++) {
      re[k] = s[2 * k]!;
      im[k] = s[2 * k + 1]!;
    }
  }
  inverse(re: ArrayLike<number>, im: ArrayLike<number>, out: Float64Array | Float32Array): void {
    const n = this.size;
    const s = this.#spectrum;
    for (let k = 0; k < this.bins; k++) {
      s[2 * k] = re[k]!;
      s[2 * k + 1] = im[k]!;
    }
    for (let k = this.bins; k < n; k++) {
      s[2 * k] = re[n - k]!;
      s[2 * k + 1] = -im[n - k]!;
    }
    s[1] = 0;
    s[n + 1] = 0; // DC and Nyquist are real for a real signal
    const t = this.#time;
    this.#fft.inverseTransform(t, s);
    for (let i = 0; i < n; i++) out[i] = t[2 * i]!;
  }
}

/** Bluestein: an n-point DFT as a convolution of chirps, computed with power-of-two FFTs. */
class BluesteinRealFft implements RealFft {
  readonly bins: number;
  readonly #m: number;
  readonly #fft: FFT;
  readonly #chirpRe: Float64Array;
  readonly #chirpIm: Float64Array;
  readonly #kernel: Float64Array; // FFT of conj chirp, interleaved
  readonly #a: Float64Array;
  readonly #b: Float64Array;
  readonly #full: Float64Array;
  constructor(readonly size: number) {
    const n = size;
    this.bins = Math.floor(n / 2) + 1;
    let m = 2;
    while (m < 2 * n - 1) m <<= 1;
    this.#m = m;
    this.#fft = new FFT(m);
    this.#chirpRe = new Float64Array(n);
    this.#chirpIm = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const angle = (Math.PI * ((k * k) % (2 * n))) / n; // exp(-i pi k^2 / n), reduced for accuracy
      this.#chirpRe[k] = Math.cos(angle);
      this.#chirpIm[k] = -Math.sin(angle);
    }
    const b = new Float64Array(2 * m);
    for (let k = 0; k < n; k++) {
      b[2 * k] = this.#chirpRe[k]!;
      b[2 * k + 1] = -this.#chirpIm[k]!;
      if (k > 0) {
        b[2 * (m - k)] = this.#chirpRe[k]!;
        b[2 * (m - k) + 1] = -this.#chirpIm[k]!;
      }
    }
    this.#kernel = new Float64Array(2 * m);
    this.#fft.transform(this.#kernel, b);
    this.#a = new Float64Array(2 * m);
    this.#b = new Float64Array(2 * m);
    this.#full = new Float64Array(2 * n);
  }
  /** Full complex DFT of interleaved complex input (sign -1), into this.#full. */
  #dft(input: Float64Array): Float64Array {
    const n = this.size;
    const m = this.#m;
    const a = this.#a;
    a.fill(0);
    for (let k = 0; k < n; k++) {
      const xr = input[2 * k]!;
      const xi = input[2 * k + 1]!;
      const cr = this.#chirpRe[k]!;
      const ci = this.#chirpIm[k]!;
      a[2 * k] = xr * cr - xi * ci;
      a[2 * k + 1] = xr * ci + xi * cr;
    }
    const fa = this.#b;
    this.#fft.transform(fa, a);
    const kern = this.#kernel;
    for (let i = 0; i < m; i++) {
      const ar = fa[2 * i]!;
      const ai = fa[2 * i + 1]!;
      const kr = kern[2 * i]!;
      const ki = kern[2 * i + 1]!;
      a[2 * i] = ar * kr - ai * ki;
      a[2 * i + 1] = ar * ki + ai * kr;
    }
    this.#fft.inverseTransform(fa, a);
    const out = this.#full;
    for (let k = 0; k < n; k++) {
      const yr = fa[2 * k]!;
      const yi = fa[2 * k + 1]!;
      const cr = this.#chirpRe[k]!;
      const ci = this.#chirpIm[k]!;
      out[2 * k] = yr * cr - yi * ci;
      out[2 * k + 1] = yr * ci + yi * cr;
    }
    return out;
  }
  forward(input: ArrayLike<number>, re: Float64Array | Float32Array, im: Float64Array | Float32Array): void {
    const n = this.size;
    const x = new Float64Array(2 * n);
    const len = Math.min(input.length, n);
    for (let i = 0; i < len; i++) x[2 * i] = input[i]!;
    const y = this.#dft(x);
    for (let k = 0; k < this.bins; k++) {
      re[k] = y[2 * k]!;
      im[k] = y[2 * k + 1]!;
    }
  }
  inverse(re: ArrayLike<number>, im: ArrayLike<number>, out: Float64Array | Float32Array): void {
    // x = conj(DFT(conj(X))) / n
    const n = this.size;
    const x = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      const j = k < this.bins ? k : n - k;
      const sign = k < this.bins ? 1 : -1;
      x[2 * k] = re[j]!;
      x[2 * k + 1] = -sign * im[j]!;
    }
    if (n % 2 === 0) x[n + 1] = 0;
    x[1] = 0;
    const y = this.#dft(x);
    for (let i = 0; i < n; i++) out[i] = y[2 * i]! / n;
  }
}

const plans = new Map<number, RealFft>();

/**
 * Returns a cached real FFT plan for length `n` (any integer >= 1). Plans reuse scratch memory:
 * do not share one plan between interleaved async computations.
 */
export function realFft(n: number): RealFft {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`FFT size must be a positive integer, got ${n}`);
  let plan = plans.get(n);
  if (plan === undefined) {
    plan = n === 1 ? new BluesteinRealFft(1) : isPow2(n) ? new Pow2RealFft(n) : new BluesteinRealFft(n);
    plans.set(n, plan);
  }
  return plan;
}
