/**
 * The input of the DNSMOS P.808 model: the log-mel spectrogram of the reference script, i.e.
 * librosa's `melspectrogram(y, sr=16000, n_fft=321, hop_length=160, n_mels=120)` (power 2, centred
 * frames with zero padding as in librosa >= 0.10, periodic Hann of 321 samples, Slaney mel scale
 * and Slaney area normalisation, 0-8000 Hz, bin frequencies k * 16000 / 321), then
 * `power_to_db(ref=max)` (10 log10 with amin 1e-10 and top_db 80) and `(x + 40) / 40`, laid out
 * [frames][120]. A 9 s window minus its last 160 samples (144000 samples) gives 900 frames.
 */
import { StftPlan, applyMelFilterbank, melFilterbank } from '@voirs/dsp';

export const P808_MELS = 120;
const N_FFT = 321;
const HOP = 160;

/** Log-mel features `[frames][120]` (row-major) of 16 kHz mono audio; see the module comment. */
export function p808Features(audio: Float32Array | Float64Array): {
  data: Float32Array;
  frames: number;
} {
  const plan = new StftPlan({
    nFft: N_FFT,
    hop: HOP,
    window: 'hann',
    center: true,
    padMode: 'constant',
  });
  const bank = melFilterbank({
    sampleRate: 16000,
    nFft: N_FFT,
    nMels: P808_MELS,
    fmin: 0,
    fmax: 8000,
    melScale: 'slaney',
    filterNorm: 'slaney',
  });
  const padded = plan.pad(audio);
  const frames = plan.frameCount(audio.length);
  const re = new Float64Array(plan.bins);
  const im = new Float64Array(plan.bins);
  const power = new Float64Array(plan.bins);
  const mel = new Float64Array(P808_MELS);
  const db = new Float64Array(frames * P808_MELS);
  let top = -Infinity;
  for (let t = 0; t < frames; t++) {
    plan.analyze(padded, t, re, im);
    for (let k = 0; k < plan.bins; k++) power[k] = re[k]! * re[k]! + im[k]! * im[k]!;
    applyMelFilterbank(bank, power, mel);
    for (let m = 0; m < P808_MELS; m++) {
      const v = 10 * Math.log10(Math.max(mel[m]!, 1e-10));
      db[t * P808_MELS + m] = v;
      if (v > top) top = v;
    }
  }
  const floor = top - 80;
  const data = new Float32Array(db.length);
  for (let i = 0; i < db.length; i++) data[i] = (Math.max(db[i]!, floor) - top + 40) / 40;
  return { data, frames };
}
