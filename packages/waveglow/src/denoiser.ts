/**
 * NVIDIA's WaveGlow denoiser (`denoiser.py`): the bias spectrum is the magnitude of the first
 * STFT frame of `infer(zero mel [1, n_mels, 88], sigma 0)`; denoising subtracts
 * `strength * bias` from the magnitude of every frame, floors it at 0, keeps the phase and
 * resynthesises.
 *
 * NVIDIA runs it on Tacotron 2's STFT module with filter_length 1024, hop 1024 / n_overlap 4 = 256,
 * win 1024 and a periodic Hann window: a conv1d with the windowed Fourier basis after reflect
 * padding of 512 samples (a centred, reflect-padded STFT), and an inverse that overlap-adds the
 * windowed frames and divides by the summed squared window (where it is non-zero), times
 * filter_length / hop to undo the basis scaling. That is torch.stft / torch.istft's definition,
 * which @voirs/dsp's `stft` / `istft` implement, so they are used here with the same options.
 */
import { InputError } from '@voirs/core';
import { istft, stft, type StftOptions } from '@voirs/dsp';

/** The denoiser's STFT (NVIDIA's defaults, independent of the model's mel convention). */
export const DENOISER_STFT: StftOptions = Object.freeze({
  nFft: 1024,
  hop: 256,
  win: 1024,
  window: 'hann',
  center: true,
  padMode: 'reflect',
});

/** Frames of the zero mel whose output gives the bias spectrum. */
export const DENOISER_BIAS_FRAMES = 88;

/** Fewest samples the reflect padding of the denoiser's STFT accepts. */
const MIN_SAMPLES = DENOISER_STFT.nFft / 2 + 1;

/** The bias spectrum: magnitudes of frame 0 of the STFT of the model's zero-mel output. */
export function biasSpectrum(biasAudio: Float32Array): Float32Array {
  const spec = stft(biasAudio, DENOISER_STFT);
  const bias = new Float32Array(spec.bins);
  for (let k = 0; k < spec.bins; k++)
    bias[k] = Math.hypot(spec.re[k * spec.frames]!, spec.im[k * spec.frames]!);
  return bias;
}

/**
 * Removes `strength * bias` from the magnitude spectrum of `audio` (same length out).
 * @throws InputError `E_MEL_SHAPE` when the audio is too short for the STFT's reflect padding.
 */
export function denoise(audio: Float32Array, bias: Float32Array, strength: number): Float32Array {
  if (audio.length < MIN_SAMPLES) {
    throw new InputError(
      'E_MEL_SHAPE',
      `The denoiser needs at least ${MIN_SAMPLES} samples (its STFT reflect-pads 512), got ${audio.length}: ` +
        'vocode a longer mel or turn the denoiser off.',
    );
  }
  const spec = stft(audio, DENOISER_STFT);
  const { bins, frames, re, im } = spec;
  for (let k = 0; k < bins; k++) {
    const floor = strength * bias[k]!;
    for (let t = k * frames; t < (k + 1) * frames; t++) {
      const magnitude = Math.hypot(re[t]!, im[t]!);
      const factor = magnitude > 0 ? Math.max(magnitude - floor, 0) / magnitude : 0;
      re[t] = re[t]! * factor;
      im[t] = im[t]! * factor;
    }
  }
  return istft(spec, { ...DENOISER_STFT, length: audio.length });
}
