/**
 * True peak per ITU-R BS.1770-4 Annex 2: the largest absolute value of the signal oversampled
 * 4x. The interpolation filter is dsp's Kaiser-windowed sinc resampler (flat to 0.9 of the input
 * Nyquist, > 90 dB stopband), a stricter filter than the Annex's 48-tap example.
 */
import type { AudioBuffer } from '@voirs/core';
import { resampleSamples } from '@voirs/dsp';
import { monoAudio } from '../validate.js';

/** True peak in dBTP (20 log10 of the oversampled peak; -Infinity for silence), over all channels. */
export function truePeakDb(audio: AudioBuffer): number {
  monoAudio(audio, 'audio', 'true peak');
  const up = resampleSamples(audio.samples, audio.sampleRate, 4 * audio.sampleRate, {
    channels: audio.channels,
  });
  let peak = 0;
  for (const v of audio.samples) peak = Math.max(peak, Math.abs(v));
  for (const v of up) peak = Math.max(peak, Math.abs(v));
  return 20 * Math.log10(peak);
}
