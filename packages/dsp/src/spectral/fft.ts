/**
 * Real FFTs of any length: powers of two (>= 8) as one half-size complex fft.js (radix-4) transform,
 * other lengths by Bluestein's chirp-z algorithm on top of it (e.g. the 321-point FFT of DNSMOS
 * P.808). Plans are cached per size.
 */
import FFT from 'fft.js';

const isPow2 = (n: number) => n >= 2 && (n & (n - 1)) === 0;

/** A reusable real FFT plan of length `n` producing `n/2 + 1` bins. Not re-entrant (reuses scratch). */
export interface RealFft {
  readonly size: number;
  /** Number of bins, `floor(n / 2) + 1`. */
  readonly bins: number;
  /**
   * Forward transform of `input` (length n; shorter input is zero-padded) into re/im (length bins).
   * With `count`, only bins `[0, count)` need to be written (a hint; plans may write more).
   */
  forward(
    input: ArrayLike<number>,
    re: Float64Array | Float32Array,
    im: Float64Array | Float32Array,
    count?: number,
  ): void;
  /** Inverse of {@link forward}: a Hermitian half-spectrum back to `n` real samples (scaled by 1/n). */
  inverse(re: ArrayLike<number>, im: ArrayLike<number>, out: Float64Array | Float32Array): void;
}

/**
 * A real FFT of n = 2^m >= 8 points through one complex FFT of n/2 points (fft.js radix-4): the
 * input read as n/2 complex samples `x[2j] + i x[2j+1]` is transformed, then split into the
 * spectra of the even and odd samples and recombined with the twiddles `e^{-2 pi i k / n}`. The
 * inverse runs the same steps backwards (a forward transform of the index-reversed spectrum).
 */
class Pow2RealFft implements RealFft {
  readonly bins: number;
  readonly #half: number;
  readonly #fft: FFT;
  readonly #input: Float64Array;
  readonly #spectrum: Float64Array;
  readonly #cos: Float64Array;
  readonly #sin: Float64Array;
  constructor(readonly size: number) {
    const h = size / 2;
    this.#half = h;
    this.bins = h + 1;
    this.#fft = new FFT(h);
    this.#input = new Float64Array(size);
    this.#spectrum = new Float64Array(size);
    this.#cos = new Float64Array(h + 1);
    this.#sin = new Float64Array(h + 1);
    for (let k = 0; k <= h; k++) {
      this.#cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.#sin[k] = Math.sin((2 * Math.PI * k) / size);
    }
  }
  forward(
    input: ArrayLike<number>,
    re: Float64Array | Float32Array,
    im: Float64Array | Float32Array,
    count = this.bins,
  ): void {
    const n = this.size;
    const h = this.#half;
    let x: ArrayLike<number> = input;
    if (!(input instanceof Float64Array) || input.length !== n) {
      const copy = this.#input;
      const len = Math.min(input.length, n);
      for (let i = 0; i < len; i++) copy[i] = input[i]!;
      copy.fill(0, len);
      x = copy;
    }
    const z = this.#spectrum;
    this.#fft.transform(z, x);
    const c = this.#cos;
    const s = this.#sin;
    re[0] = z[0]! + z[1]!;
    im[0] = 0;
    re[h] = z[0]! - z[1]!;
    im[h] = 0;
    // bins k and h - k share their inputs: a = Z[k], b = Z[h - k]
    const last = Math.min(h >> 1, count);
    for (let k = 1; k <= last; k++) {
      const j = h - k;
      const ar = z[2 * k]!;
      const ai = z[2 * k + 1]!;
      const br = z[2 * j]!;
      const bi = z[2 * j + 1]!;
      // X[k] = E + e^{-2 pi i k / n} O with E = (a + conj b) / 2, O = (a - conj b) / 2i
      const er = ar + br;
      const ei = ai - bi;
      const or = ai + bi;
      const oi = br - ar;
      const ck = c[k]!;
      const sk = s[k]!;
      re[k] = 0.5 * (er + ck * or + sk * oi);
      im[k] = 0.5 * (ei + ck * oi - sk * or);
      // X[h - k]: a and b swap (E -> conj E, O -> conj O) and the twiddle becomes -(cos + i sin)
      re[j] = 0.5 * (er - ck * or - sk * oi);
      im[j] = 0.5 * (-ei + ck * oi - sk * or);
    }
  }
  inverse(re: ArrayLike<number>, im: ArrayLike<number>, out: Float64Array | Float32Array): void {
    const h = this.#half;
    const z = this.#input;
    const c = this.#cos;
    const s = this.#sin;
    // Z = E + i O with E = (X[k] + conj X[h-k]) / 2, O = (X[k] - conj X[h-k]) / 2 * e^{2 pi i k / n}
    // is the h-point spectrum of x[2m] + i x[2m+1]. Its inverse DFT equals the FORWARD DFT of Z
    // stored at reversed indices (k -> h - k), so Z[k] goes to slot h - k, pre-scaled by 1 / h.
    const g = 0.5 / h;
    const x0 = re[0]!;
    const xh = re[h]!;
    z[0] = g * (x0 + xh);
    z[1] = g * (x0 - xh);
    for (let k = 1; k <= h >> 1; k++) {
      const j = h - k;
      const xr = re[k]!;
      const xi = im[k]!;
      const yr = re[j]!;
      const yi = im[j]!;
      const sr = xr + yr;
      const si = xi - yi;
      const dr = xr - yr;
      const di = xi + yi;
      const ck = c[k]!;
      const sk = s[k]!;
      const or = dr * ck - di * sk;
      const oi = dr * sk + di * ck;
      z[2 * j] = g * (sr - oi); // Z[k]
      z[2 * j + 1] = g * (si + or);
      z[2 * k] = g * (sr + oi); // Z[h - k]: X and Y swap, so E -> conj E and O -> -conj O
      z[2 * k + 1] = g * (or - si);
    }
    if (out instanceof Float64Array && out.length === this.size) {
      this.#fft.transform(out, z);
      return;
    }
    const y = this.#spectrum;
    this.#fft.transform(y, z);
    for (let i = 0; i < this.size; i++) out[i] = y[i]!;
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
  /** Interleaved complex input of #dft. */
  readonly #x: Float64Array;
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
    this.#x = new Float64Array(2 * n);
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
  forward(
    input: ArrayLike<number>,
    re: Float64Array | Float32Array,
    im: Float64Array | Float32Array,
  ): void {
    const n = this.size;
    const x = this.#x;
    x.fill(0);
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
    const x = this.#x;
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
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`FFT size must be a positive integer, got ${n}`);
  let plan = plans.get(n);
  if (plan === undefined) {
    plan = isPow2(n) && n >= 8 ? new Pow2RealFft(n) : new BluesteinRealFft(n);
    plans.set(n, plan);
  }
  return plan;
}
