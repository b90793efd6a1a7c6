/**
 * One-third-octave band envelopes of STOI: `sqrt(sum |X(k)|^2)` over the FFT bins of each band.
 * Band i (centre `150 * 2^(i/3)` Hz) spans the bins nearest to its edges `150 * 2^((2i -+ 1)/6)`,
 * lower edge included, upper edge excluded.
 */
import { realFft } from '@voirs/dsp';
import {
  STOI_BANDS,
  STOI_FFT,
  STOI_FRAME,
  STOI_MIN_FREQ,
  STOI_SAMPLE_RATE,
  frameStarts,
  stoiWindow,
} from './stoi-constants.js';

/** Bin ranges `[lo[i], hi[i])` of the 15 bands. */
export interface BandEdges {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
}

/** The bin range of each one-third-octave band. */
export function thirdOctaveBands(): BandEdges {
  const bins = STOI_FFT / 2 + 1;
  const nearest = (hz: number) => {
    let best = 0;
    for (let k = 1; k < bins; k++) {
      if (
        Math.abs((k * STOI_SAMPLE_RATE) / STOI_FFT - hz) <
        Math.abs((best * STOI_SAMPLE_RATE) / STOI_FFT - hz)
      )
        best = k;
    }
    return best;
  };
  const lo = new Int32Array(STOI_BANDS);
  const hi = new Int32Array(STOI_BANDS);
  for (let i = 0; i < STOI_BANDS; i++) {
    lo[i] = nearest(STOI_MIN_FREQ * 2 ** ((2 * i - 1) / 6));
    hi[i] = nearest(STOI_MIN_FREQ * 2 ** ((2 * i + 1) / 6));
  }
  return { lo, hi };
}

/**
 * Band envelopes of a 10 kHz signal: `out[b * frames + t]` for band b of frame t, with the STOI
 * framing (256-sample symmetric Hann frames every 128 samples, zero-padded to 512 points).
 */
export function bandEnvelopes(
  signal: Float64Array,
  bands: BandEdges = thirdOctaveBands(),
): { data: Float64Array; frames: number } {
  const starts = frameStarts(signal.length);
  const frames = starts.length;
  const w = stoiWindow();
  const fft = realFft(STOI_FFT);
  const frame = new Float64Array(STOI_FFT);
  const re = new Float64Array(fft.bins);
  const im = new Float64Array(fft.bins);
  const out = new Float64Array(STOI_BANDS * frames);
  starts.forEach((s, t) => {
    for (let i = 0; i < STOI_FRAME; i++) frame[i] = signal[s + i]! * w[i]!;
    fft.forward(frame, re, im);
    for (let b = 0; b < STOI_BANDS; b++) {
      let sum = 0;
      for (let k = bands.lo[b]!; k < bands.hi[b]!; k++) sum += re[k]! * re[k]! + im[k]! * im[k]!;
      out[b * frames + t] = Math.sqrt(sum);
    }
  });
  return { data: out, frames };
}
