/**
 * Zero-latency partitioned convolution (uniformly partitioned overlap-save, Stockham's fast
 * convolution cut into blocks; see Wefers, "Partitioned convolution algorithms for real-time
 * auralization", 2015). The first `B` taps run as a direct FIR, so output is due sample by sample;
 * the taps from `B` on are split into partitions of `B`, transformed once with @voirs/dsp's
 * `realFft(2B)`, and applied in the frequency domain to a delay line of input spectra: when input
 * block m completes, the contribution of every later partition to output block m + 1 is computed
 * (it only needs input up to block m), one FFT and one inverse FFT per block.
 */
import { realFft, type RealFft } from '@voirs/dsp';

/** The transformed impulse response, shareable between channels. */
export class ConvolutionKernel {
  /** First B taps, reversed (oldest input first). */
  readonly head: Float64Array;
  /** Spectra of partitions 1..P-1: re then im (B + 1 bins each), partition after partition. */
  readonly spectra: Float64Array;
  readonly partitions: number;
  readonly fft: RealFft;

  constructor(
    ir: ArrayLike<number>,
    /** Partition size B (a power of two). */
    readonly size: number,
  ) {
    const b = size;
    this.head = new Float64Array(b);
    for (let k = 0; k < Math.min(b, ir.length); k++) this.head[b - 1 - k] = ir[k]!;
    this.partitions = Math.max(1, Math.ceil(ir.length / b));
    this.fft = realFft(2 * b);
    const bins = b + 1;
    this.spectra = new Float64Array(Math.max(0, this.partitions - 1) * 2 * bins);
    const block = new Float64Array(2 * b);
    const re = new Float64Array(bins);
    const im = new Float64Array(bins);
    for (let p = 1; p < this.partitions; p++) {
      block.fill(0);
      for (let k = 0; k < b && p * b + k < ir.length; k++) block[k] = ir[p * b + k]!;
      this.fft.forward(block, re, im);
      const at = (p - 1) * 2 * bins;
      this.spectra.set(re, at);
      this.spectra.set(im, at + bins);
    }
  }
}

/** The running state of one channel. */
export class ChannelConvolver {
  readonly #k: ConvolutionKernel;
  /** Last B inputs, stored twice so the FIR window is contiguous. */
  readonly #history: Float64Array;
  #hpos = 0;
  /** Previous and current input block (2B), the overlap-save window. */
  readonly #window: Float64Array;
  #blockPos = 0;
  /** Spectra of the last P-1 input windows, newest at #newest. */
  readonly #spectra: Float64Array;
  #newest = 0;
  /** Contribution of partitions >= 1 to the current output block. */
  readonly #tail: Float64Array;
  readonly #re: Float64Array;
  readonly #im: Float64Array;
  readonly #accRe: Float64Array;
  readonly #accIm: Float64Array;
  readonly #out: Float64Array;

  constructor(kernel: ConvolutionKernel) {
    this.#k = kernel;
    const b = kernel.size;
    const bins = b + 1;
    this.#history = new Float64Array(2 * b);
    this.#window = new Float64Array(2 * b);
    this.#spectra = new Float64Array(Math.max(0, kernel.partitions - 1) * 2 * bins);
    this.#tail = new Float64Array(b);
    this.#re = new Float64Array(bins);
    this.#im = new Float64Array(bins);
    this.#accRe = new Float64Array(bins);
    this.#accIm = new Float64Array(bins);
    this.#out = new Float64Array(2 * b);
  }

  /** Convolves one sample. */
  tick(x: number): number {
    const k = this.#k;
    const b = k.size;
    const hist = this.#history;
    hist[this.#hpos] = x;
    hist[this.#hpos + b] = x;
    this.#hpos = this.#hpos + 1 === b ? 0 : this.#hpos + 1;
    const head = k.head;
    let y = 0;
    for (let t = 0, at = this.#hpos; t < b; t++, at++) y += head[t]! * hist[at]!;
    const j = this.#blockPos;
    y += this.#tail[j]!;
    if (k.partitions > 1) {
      this.#window[b + j] = x;
      if (++this.#blockPos === b) this.#blockDone();
    }
    return y;
  }

  /** Input block m is complete: transform it and compute the tail of output block m + 1. */
  #blockDone(): void {
    const k = this.#k;
    const b = k.size;
    const bins = b + 1;
    const slots = k.partitions - 1;
    this.#blockPos = 0;
    this.#newest = (this.#newest + 1) % slots;
    k.fft.forward(this.#window, this.#re, this.#im);
    this.#spectra.set(this.#re, this.#newest * 2 * bins);
    this.#spectra.set(this.#im, this.#newest * 2 * bins + bins);
    this.#window.copyWithin(0, b, 2 * b);
    const accRe = this.#accRe.fill(0);
    const accIm = this.#accIm.fill(0);
    const spectra = this.#spectra;
    const h = k.spectra;
    // partition p (1-based) meets the window p - 1 blocks older than the newest
    for (
      let p = 1, slot = this.#newest;
      p <= slots;
      p++, slot = slot === 0 ? slots - 1 : slot - 1
    ) {
      const xa = slot * 2 * bins;
      const ha = (p - 1) * 2 * bins;
      for (let q = 0; q < bins; q++) {
        const xr = spectra[xa + q]!;
        const xi = spectra[xa + bins + q]!;
        const hr = h[ha + q]!;
        const hi = h[ha + bins + q]!;
        accRe[q] = accRe[q]! + xr * hr - xi * hi;
        accIm[q] = accIm[q]! + xr * hi + xi * hr;
      }
    }
    k.fft.inverse(accRe, accIm, this.#out);
    this.#tail.set(this.#out.subarray(b, 2 * b));
  }

  /** Every state array (for diagnostics). */
  get state(): Float64Array[] {
    return [this.#history, this.#window, this.#spectra, this.#tail];
  }

  clear(): void {
    for (const a of this.state) a.fill(0);
    this.#hpos = 0;
    this.#blockPos = 0;
    this.#newest = 0;
  }
}
