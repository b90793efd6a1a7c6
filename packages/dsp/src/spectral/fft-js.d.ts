// Types for fft.js (radix-4 FFT, power-of-two sizes), which ships none.
declare module 'fft.js' {
  export default class FFT {
    constructor(size: number);
    readonly size: number;
    createComplexArray(): number[];
    /** Forward complex transform of interleaved [re, im] data. */
    transform(out: ArrayLike<number> & { [i: number]: number }, data: ArrayLike<number>): void;
    /** Forward transform of real data; fills the first half of the interleaved spectrum. */
    realTransform(out: ArrayLike<number> & { [i: number]: number }, data: ArrayLike<number>): void;
    completeSpectrum(spectrum: ArrayLike<number> & { [i: number]: number }): void;
    /** Inverse complex transform, divided by size. */
    inverseTransform(
      out: ArrayLike<number> & { [i: number]: number },
      data: ArrayLike<number>,
    ): void;
  }
}
