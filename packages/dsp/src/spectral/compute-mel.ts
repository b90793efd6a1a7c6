/**
 * `computeMel`: audio to a mel spectrogram of any {@link MelConvention}, e.g. the `hifigan`,
 * `diffwave` and `waveglow` presets, matching their reference frontends (see the package README
 * for the measured agreement).
 */
import {
  InputError,
  assertFiniteAudio,
  createAudioBuffer,
  type AudioBuffer,
  type MelConvention,
  type MelSpectrogram,
} from '@voirs/core';
import { resample, type ResampleQuality } from '../resample/resample.js';
import { melFrontend } from './mel-frontend.js';

/** Options of {@link computeMel}. */
export interface ComputeMelOptions {
  /**
   * When the audio's sample rate is not the convention's: `false` (default) throws
   * `E_SAMPLE_RATE`; `true` or a quality resamples first (see `resample`).
   */
  readonly resample?: boolean | ResampleQuality;
}

/** Mono samples at the convention's rate: channels averaged, resampled when allowed. */
function monoSamples(
  audio: AudioBuffer | Float32Array,
  convention: MelConvention,
  options: ComputeMelOptions,
): Float32Array {
  if (audio instanceof Float32Array) return audio;
  if (audio === null || typeof audio !== 'object' || !(audio.samples instanceof Float32Array)) {
    throw new TypeError('audio must be an AudioBuffer or a Float32Array');
  }
  let buffer = createAudioBuffer(audio.samples, audio.sampleRate, audio.channels);
  if (buffer.sampleRate !== convention.sampleRate) {
    if (options.resample === undefined || options.resample === false) {
      throw new InputError(
        'E_SAMPLE_RATE',
        `The audio is at ${buffer.sampleRate} Hz but the "${convention.name}" mel convention needs ` +
          `${convention.sampleRate} Hz. Resample it first (resample(audio, ${convention.sampleRate}) from ` +
          '@voirs/dsp) or pass { resample: true }.',
        { details: { sampleRate: buffer.sampleRate, expected: convention.sampleRate } },
      );
    }
    buffer = resample(
      buffer,
      convention.sampleRate,
      options.resample === true ? {} : { quality: options.resample },
    );
  }
  const { samples, channels } = buffer;
  if (channels === 1) return samples;
  const mono = new Float32Array(samples.length / channels);
  for (let i = 0; i < mono.length; i++) {
    let acc = 0;
    for (let c = 0; c < channels; c++) acc += samples[i * channels + c]!;
    mono[i] = acc / channels;
  }
  return mono;
}

/**
 * Computes the mel spectrogram of `audio` with `convention`. A `Float32Array` is taken as mono
 * audio at the convention's rate; an {@link AudioBuffer} with several channels is averaged to mono.
 * @throws InputError `E_SAMPLE_RATE` (wrong rate, no `resample` option), `E_AUDIO_INVALID` (NaN,
 * or audio too short for one frame); ConfigError `E_CONFIG_INVALID` for an invalid convention.
 */
export function computeMel(
  audio: AudioBuffer | Float32Array,
  convention: MelConvention,
  options: ComputeMelOptions = {},
): MelSpectrogram {
  const { plan, bank, usedBins } = melFrontend(convention);
  const samples = monoSamples(audio, convention, options);
  const padded = plan.pad(samples);
  const frames = plan.frameCount(samples.length);
  const { nMels, start, end, offset, weights } = bank;
  const re = new Float64Array(plan.bins);
  const im = new Float64Array(plan.bins);
  const mag = new Float64Array(plan.bins);
  const out = new Float32Array(nMels * frames);
  const eps = convention.magnitudeEps;
  const power = convention.power;
  const { base, scale, floor } = convention.log;
  const logScale = base === 'e' ? scale : scale / Math.LN10;
  const norm = convention.normalization;
  // optional range normalisation y -> clamp((y - refDb - minDb) / -minDb, 0, 1), as compressMelValue
  const normScale = norm === 'none' ? 1 : 1 / -norm.minDb;
  const normShift = norm === 'none' ? 0 : (norm.refDb + norm.minDb) / norm.minDb;
  const clamp = norm !== 'none';
  for (let t = 0; t < frames; t++) {
    plan.analyze(padded, t, re, im, usedBins);
    for (let k = 0; k < usedBins; k++) {
      const p = re[k]! * re[k]! + im[k]! * im[k]! + eps;
      mag[k] = power === 1 ? Math.sqrt(p) : p;
    }
    for (let m = 0; m < nMels; m++) {
      const s = start[m]!;
      const o = offset[m]! - s;
      let acc = 0;
      for (let k = s; k < end[m]!; k++) acc += weights[o + k]! * mag[k]!;
      const y = logScale * Math.log(Math.max(acc, floor)) * normScale + normShift; // NaN stays NaN
      out[m * frames + t] = clamp ? (y < 0 ? 0 : y > 1 ? 1 : y) : y;
    }
  }
  // NaN / Infinity in the audio turn whole frames into NaN (float32 input cannot overflow the
  // float64 maths): check the smaller output, and on a hit find and name the sample
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i]!)) {
      assertFiniteAudio({ samples, sampleRate: convention.sampleRate, channels: 1 });
    }
  }
  return { data: out, nMels, frames, convention };
}
