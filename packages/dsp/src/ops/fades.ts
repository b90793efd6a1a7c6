/**
 * Fades and crossfades.
 *
 * Curves map a position `t` in [0, 1] to a gain rising from 0 to 1:
 * - `linear`: `t` (a linear crossfade keeps correlated signals at constant amplitude);
 * - `equal-power`: `sin(t pi / 2)` (an equal-power crossfade keeps uncorrelated signals at constant power);
 * - `exponential`: `(1000^t - 1) / 999`, a 60 dB exponential rise that starts exactly at 0.
 *
 * A fade-in of n frames applies `curve(i / n)` to frame i (the first frame is silent); a fade-out
 * applies `curve((n - 1 - i) / n)` to frame i of the last n (the last frame is silent). A
 * crossfade samples both curves at frame centres, `t = (i + 0.5) / n`, fading `a` with
 * `curve(1 - t)` and `b` with `curve(t)`.
 */
import { ConfigError, InputError, type AudioBuffer } from '@voirs/core';
import { assertAudio, secondsToFrames } from './assert-audio.js';

/** Fade shapes; see the module comment. */
export type FadeCurve = 'linear' | 'equal-power' | 'exponential';

/** Every {@link FadeCurve}. */
export const FADE_CURVES: readonly FadeCurve[] = Object.freeze([
  'linear',
  'equal-power',
  'exponential',
]);

const unknownCurve = (curve: unknown) =>
  new ConfigError(
    'E_INVALID_ARGUMENT',
    `Unknown fade curve "${String(curve)}"; use ${FADE_CURVES.join(', ')}.`,
  );

function assertCurve(curve: FadeCurve): void {
  if (!FADE_CURVES.includes(curve)) throw unknownCurve(curve);
}

/** Gain of `curve` at position `t` in [0, 1]. */
export function fadeGain(curve: FadeCurve, t: number): number {
  switch (curve) {
    case 'linear':
      return t;
    case 'equal-power':
      return Math.sin((t * Math.PI) / 2);
    case 'exponential':
      return (1000 ** t - 1) / 999;
    default:
      throw unknownCurve(curve);
  }
}

function fadeFrames(audio: AudioBuffer, seconds: number, name: string): number {
  const frames = secondsToFrames(seconds, audio.sampleRate, name);
  const total = audio.samples.length / audio.channels;
  if (frames > total) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `A ${seconds} s ${name} is longer than the ${total / audio.sampleRate} s of audio; shorten it.`,
    );
  }
  return frames;
}

function applyRamp(
  audio: AudioBuffer,
  startFrame: number,
  gains: (i: number) => number,
  frames: number,
): AudioBuffer {
  const samples = audio.samples.slice();
  const ch = audio.channels;
  for (let i = 0; i < frames; i++) {
    const g = gains(i);
    for (let c = 0, p = (startFrame + i) * ch; c < ch; c++, p++) samples[p] = samples[p]! * g;
  }
  return { samples, sampleRate: audio.sampleRate, channels: ch };
}

/** Fades the first `seconds` of `audio` in. */
export function fadeIn(
  audio: AudioBuffer,
  seconds: number,
  curve: FadeCurve = 'linear',
): AudioBuffer {
  assertAudio(audio);
  assertCurve(curve);
  const n = fadeFrames(audio, seconds, 'fade-in');
  return applyRamp(audio, 0, (i) => fadeGain(curve, i / n), n);
}

/** Fades the last `seconds` of `audio` out. */
export function fadeOut(
  audio: AudioBuffer,
  seconds: number,
  curve: FadeCurve = 'linear',
): AudioBuffer {
  assertAudio(audio);
  assertCurve(curve);
  const n = fadeFrames(audio, seconds, 'fade-out');
  const start = audio.samples.length / audio.channels - n;
  return applyRamp(audio, start, (i) => fadeGain(curve, (n - 1 - i) / n), n);
}

/**
 * Joins `a` and `b` overlapping by `seconds`: the result has `len(a) + len(b) - overlap` frames.
 * @throws InputError `E_AUDIO_INVALID` / `E_SAMPLE_RATE` when the rates or channel counts differ;
 * ConfigError `E_INVALID_ARGUMENT` when the overlap is longer than either input.
 */
export function crossfade(
  a: AudioBuffer,
  b: AudioBuffer,
  seconds: number,
  curve: FadeCurve = 'equal-power',
): AudioBuffer {
  assertAudio(a, 'first audio');
  assertAudio(b, 'second audio');
  assertCurve(curve);
  if (a.sampleRate !== b.sampleRate) {
    throw new InputError(
      'E_SAMPLE_RATE',
      `Cannot crossfade ${a.sampleRate} Hz with ${b.sampleRate} Hz audio; resample one first.`,
    );
  }
  if (a.channels !== b.channels) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `Cannot crossfade ${a.channels}-channel with ${b.channels}-channel audio.`,
    );
  }
  const n = Math.max(fadeFrames(a, seconds, 'crossfade'), fadeFrames(b, seconds, 'crossfade'));
  const ch = a.channels;
  const lenA = a.samples.length / ch;
  const out = new Float32Array(a.samples.length + b.samples.length - n * ch);
  out.set(a.samples);
  const start = lenA - n;
  for (let i = 0; i < n; i++) {
    const t = (i + 0.5) / n;
    const ga = fadeGain(curve, 1 - t);
    const gb = fadeGain(curve, t);
    for (let c = 0; c < ch; c++) {
      const p = (start + i) * ch + c;
      out[p] = a.samples[p]! * ga + b.samples[i * ch + c]! * gb;
    }
  }
  out.set(b.samples.subarray(n * ch), lenA * ch);
  return { samples: out, sampleRate: a.sampleRate, channels: ch };
}
