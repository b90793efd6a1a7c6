/**
 * Turning parsed `.npy` arrays into the library's mel and audio containers, with shape checks that
 * explain what to change.
 */
import {
  FormatError,
  InputError,
  assertFiniteAudio,
  createAudioBuffer,
  createMel,
  type AudioBuffer,
  type MelConvention,
  type MelSpectrogram,
} from '@voirs/core';
import type { NpyArray } from './npy-dtype.js';

function floatData(npy: NpyArray, what: string): Float32Array {
  if (npy.dtype === 'float32') return npy.data.slice();
  if (npy.dtype === 'float64') return Float32Array.from(npy.data);
  throw new FormatError(
    'E_NPY_UNSUPPORTED',
    `A ${what} .npy must hold float32 or float64 values, not ${npy.dtype}; save it with array.astype('float32').`,
  );
}

/**
 * Builds a mel spectrogram of `convention` from a `[n_mels, frames]` or `[1, n_mels, frames]` array
 * (the layout PyTorch and librosa produce).
 * @throws InputError `E_MEL_SHAPE` for other shapes, with a hint when the array looks transposed
 * (`[frames, n_mels]`); `E_MEL_NONFINITE` for NaN/Infinity. FormatError `E_NPY_UNSUPPORTED` for
 * non-float dtypes.
 */
export function melFromNpy(npy: NpyArray, convention: MelConvention): MelSpectrogram {
  const { shape } = npy;
  const nMels = convention.nMels;
  const dims = shape.length === 3 && shape[0] === 1 ? shape.slice(1) : shape;
  const shown = `[${shape.join(', ')}]`;
  if (dims.length !== 2) {
    throw new InputError(
      'E_MEL_SHAPE',
      `A mel .npy must have shape [n_mels, frames] or [1, n_mels, frames], got ${shown}.`,
      { details: { shape } },
    );
  }
  const [rows, cols] = dims as [number, number];
  if (rows !== nMels) {
    const hint =
      cols === nMels
        ? ` It looks transposed ([frames, n_mels]); save array.T (numpy) or mel.transpose(-1, -2) (torch) instead.`
        : '';
    throw new InputError(
      'E_MEL_SHAPE',
      `The mel .npy has shape ${shown} but the "${convention.name}" convention has ${nMels} mel bands.${hint}`,
      { details: { shape, nMels } },
    );
  }
  if (cols < 1)
    throw new InputError('E_MEL_SHAPE', `The mel .npy has shape ${shown}: it holds no frames.`);
  return createMel(floatData(npy, 'mel'), nMels, convention);
}

/**
 * Builds mono audio at `sampleRate` from a `[N]` or `[1, N]` array of float samples (or int16 PCM,
 * scaled by 1/32768).
 * @throws InputError `E_AUDIO_INVALID` for other shapes or non-finite samples; FormatError
 * `E_NPY_UNSUPPORTED` for dtypes other than float32/float64/int16.
 */
export function audioFromNpy(npy: NpyArray, sampleRate: number): AudioBuffer {
  const { shape } = npy;
  if (!(shape.length === 1 || (shape.length === 2 && shape[0] === 1))) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `An audio .npy must have shape [N] or [1, N] (mono), got [${shape.join(', ')}]; ` +
        'mix multi-channel audio down first or save a WAV instead.',
      { details: { shape } },
    );
  }
  const samples =
    npy.dtype === 'int16' ? Float32Array.from(npy.data, (v) => v / 32768) : floatData(npy, 'audio');
  const audio = createAudioBuffer(samples, sampleRate, 1);
  assertFiniteAudio(audio);
  return audio;
}
