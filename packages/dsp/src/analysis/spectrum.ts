/**
 * Averaged (Welch) amplitude and power spectra, via `realFft`.
 *
 * The signal (mixed to mono, or one channel) is cut into frames of `frameSize` samples hopped by
 * `hop` (a trailing partial frame is dropped; a signal shorter than one frame is zero-padded into
 * one frame), each frame is windowed and transformed, and the squared amplitudes are averaged.
 * Scaling is in amplitude terms: a sine of amplitude A centred on a bin reads A in `magnitude` and
 * A^2 in `power`; a constant A reads A at DC.
 */
import { ConfigError, InputError, type AudioBuffer } from '@voirs/core';
import { assertAudio } from '../ops/assert-audio.js';
import { realFft } from '../spectral/fft.js';

/** Options of {@link powerSpectrum} and {@link magnitudeSpectrum}. */
export interface SpectrumOptions {
  /** Samples per frame, any integer >= 2 (default 2048); the frequency resolution is sampleRate / frameSize. */
  readonly frameSize?: number;
  /** Samples between frame starts (default frameSize / 2, rounded down). */
  readonly hop?: number;
  /** Periodic Hann (default) or rectangular. */
  readonly window?: 'hann' | 'rectangular';
  /** Channel index to analyse; absent: the mean of all channels. */
  readonly channel?: number;
}

/** A one-sided spectrum: `frameSize / 2 + 1` bins from 0 Hz to Nyquist. */
export interface Spectrum {
  /** Bin centre frequencies in Hz. */
  readonly frequencies: Float64Array;
  /** Averaged values per bin (amplitude or squared amplitude). */
  readonly values: Float64Array;
  /** Frames averaged. */
  readonly frames: number;
}

function monoSignal(audio: AudioBuffer, channel: number | undefined): Float32Array {
  const { samples, channels } = audio;
  if (channel !== undefined) {
    if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `Channel ${channel} does not exist in ${channels}-channel audio.`,
      );
    }
  } else if (channels === 1) {
    return samples;
  }
  const frames = samples.length / channels;
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    if (channel !== undefined) out[i] = samples[i * channels + channel]!;
    else {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += samples[i * channels + c]!;
      out[i] = sum / channels;
    }
  }
  return out;
}

/**
 * Averaged power spectrum (squared amplitude per bin).
 * @throws InputError `E_AUDIO_INVALID` for empty audio; ConfigError `E_INVALID_ARGUMENT` for bad options.
 */
export function powerSpectrum(audio: AudioBuffer, options: SpectrumOptions = {}): Spectrum {
  assertAudio(audio);
  const n = options.frameSize ?? 2048;
  const hop = options.hop ?? Math.max(1, Math.floor(n / 2));
  if (!Number.isInteger(n) || n < 2 || n > 1 << 24) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Spectrum frame size must be an integer from 2 to 2^24, got ${n}.`,
    );
  }
  if (!Number.isInteger(hop) || hop < 1)
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Spectrum hop must be a positive integer, got ${hop}.`,
    );
  const kind = options.window ?? 'hann';
  if (kind !== 'hann' && kind !== 'rectangular') {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Unknown window "${String(kind)}"; use hann or rectangular.`,
    );
  }
  const signal = monoSignal(audio, options.channel);
  if (signal.length === 0)
    throw new InputError('E_AUDIO_INVALID', 'Cannot take the spectrum of empty audio.');
  const window = Float64Array.from({ length: n }, (_, i) =>
    kind === 'hann' ? 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n) : 1,
  );
  const windowSum = window.reduce((a, b) => a + b, 0);
  const plan = realFft(n);
  const re = new Float64Array(plan.bins);
  const im = new Float64Array(plan.bins);
  const frameData = new Float64Array(n);
  const acc = new Float64Array(plan.bins);
  const frames = signal.length <= n ? 1 : Math.floor((signal.length - n) / hop) + 1;
  for (let f = 0; f < frames; f++) {
    const start = f * hop;
    for (let i = 0; i < n; i++) frameData[i] = (signal[start + i] ?? 0) * window[i]!;
    plan.forward(frameData, re, im);
    for (let k = 0; k < plan.bins; k++) acc[k]! += re[k]! * re[k]! + im[k]! * im[k]!;
  }
  const nyquistBin = n % 2 === 0 ? plan.bins - 1 : -1;
  for (let k = 0; k < plan.bins; k++) {
    const single = k === 0 || k === nyquistBin ? 1 : 2; // one-sided: fold negative frequencies in
    acc[k] = (acc[k]! / frames) * (single / windowSum) ** 2;
  }
  const frequencies = Float64Array.from(
    { length: plan.bins },
    (_, k) => (k * audio.sampleRate) / n,
  );
  return { frequencies, values: acc, frames };
}

/** Averaged amplitude spectrum: the square root of {@link powerSpectrum}. */
export function magnitudeSpectrum(audio: AudioBuffer, options: SpectrumOptions = {}): Spectrum {
  const power = powerSpectrum(audio, options);
  return { ...power, values: power.values.map(Math.sqrt) };
}
