/**
 * Fuzz targets for numbers rather than files: a mel of fuzzed values (and, for Griffin-Lim, fuzzed
 * synthesis config) through each vocoder, fuzzed audio through resampling, the mel frontend and the
 * WAV writer/reader, and fuzzed audio through every metric. Besides "parse or VocoderError", the
 * vocoder targets check the output contract: finite samples in [-1, 1], frames x hop of them.
 */
import { HIFIGAN_PRESET, createAudioBuffer, type MelSpectrogram, type Vocoder } from '@voirs/core';
import { computeMel, readWav, resample, writeWav } from '@voirs/dsp';
import * as metrics from '@voirs/metrics';
import { createVocoder, type VocoderName } from '../models/vocoders.js';
import { MIB, step, type FuzzTarget } from './target.js';

/** A fuzzed mel: `frames` frames of the vocoder's convention filled by cycling `values`. */
interface MelInput {
  readonly frames?: unknown;
  readonly values?: unknown;
  readonly config?: unknown;
}

/**
 * The value if it is a number, else `fallback`: these targets fuzz values, not types (a wrong
 * argument type is a TypeError by design, and JSON configs have their own targets).
 */
const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' ? value : fallback;

/** Longest mel a fuzz input may ask for (keeps each run short). */
const MAX_FRAMES = 48;
const vocoders = new Map<VocoderName, Promise<Vocoder>>();

function melFrom(input: MelInput, vocoder: Vocoder): MelSpectrogram {
  const { nMels } = vocoder.metadata.convention;
  const frames =
    typeof input.frames === 'number' && input.frames > MAX_FRAMES ? MAX_FRAMES : input.frames;
  const values = Array.isArray(input.values) && input.values.length > 0 ? input.values : [0];
  const count =
    typeof frames === 'number' && Number.isSafeInteger(frames) && frames > 0 ? frames * nMels : 0;
  const data = Float32Array.from({ length: count }, (_, i) =>
    numberOr(values[i % values.length], 0),
  );
  return { data, nMels, frames: frames as number, convention: vocoder.metadata.convention };
}

function vocodeTarget(name: VocoderName, withConfig: boolean): FuzzTarget {
  return {
    name: `vocode-${name}`,
    input: 'json',
    async run(input) {
      if (!vocoders.has(name)) vocoders.set(name, createVocoder(name));
      const vocoder = await vocoders.get(name)!;
      const value = (input ?? {}) as MelInput;
      const mel = melFrom(value, vocoder);
      const config =
        withConfig && value.config !== undefined ? value.config : { seed: 1, quality: 'low' };
      const audio = await vocoder.vocode(mel, config as never);
      const bad = audio.samples.findIndex((s) => !(Math.abs(s) <= 1));
      if (bad >= 0 || audio.samples.length !== mel.frames * vocoder.metadata.hop) {
        // not a VocoderError on purpose: returning such audio breaks the Vocoder contract
        throw new Error(
          `contract broken: sample ${bad} is ${audio.samples[bad]}, length ${audio.samples.length} for ${mel.frames} frames`,
        );
      }
    },
    allocationLimit: () => 64 * MIB,
  };
}

const samplesOf = (values: unknown, length: number): Float32Array => {
  const list = Array.isArray(values) && values.length > 0 ? values : [0];
  return Float32Array.from(
    { length },
    (_, i) => numberOr(list[i % list.length], 0) * Math.sin(i * 0.01 + 1),
  );
};
const clampLength = (length: unknown) =>
  typeof length === 'number' && length > 200_000 ? 200_000 : length;

/** Fuzzed audio: `{ rate, length, channels, values, targetRate, format }`. */
interface AudioInput {
  readonly rate?: unknown;
  readonly length?: unknown;
  readonly channels?: unknown;
  readonly values?: unknown;
  readonly targetRate?: unknown;
  readonly format?: unknown;
}

function audioOf(input: AudioInput) {
  const length = numberOr(clampLength(input.length), 0);
  const channels = Math.min(numberOr(input.channels, 1), 8);
  const n = Number.isSafeInteger(length) && length >= 0 ? length : 0;
  const total = Number.isSafeInteger(channels) && channels > 0 ? n * channels : n;
  return createAudioBuffer(samplesOf(input.values, total), numberOr(input.rate, 22050), channels);
}

export const SYNTHESIS_TARGETS: readonly FuzzTarget[] = [
  vocodeTarget('griffinlim', true),
  vocodeTarget('hifigan', false),
  vocodeTarget('diffwave', false),
  vocodeTarget('waveglow', false),
  {
    name: 'audio-pipeline',
    input: 'json',
    async run(input) {
      const value = (input ?? {}) as AudioInput;
      const audio = audioOf(value);
      await step(() => resample(audio, numberOr(value.targetRate, 16000)));
      await step(() => computeMel(audio, HIFIGAN_PRESET, { resample: true }));
      const format = typeof value.format === 'string' ? value.format : 's16';
      const bytes = writeWav(audio, { format: format as never });
      const back = readWav(bytes).audio;
      if (back.samples.length !== audio.samples.length || back.sampleRate !== audio.sampleRate) {
        throw new Error(
          `WAV round trip changed the audio: ${audio.samples.length} -> ${back.samples.length} samples`,
        );
      }
    },
    allocationLimit: () => 256 * MIB,
  },
  {
    name: 'metrics',
    input: 'json',
    async run(input) {
      const value = (input ?? {}) as AudioInput;
      const reference = audioOf({ ...value, channels: 1 });
      const test = createAudioBuffer(
        reference.samples.map((s, i) => 0.8 * s + 0.01 * Math.sin(i)),
        reference.sampleRate,
        1,
      );
      const calls: (() => unknown)[] = [
        () => metrics.siSdr(reference.samples, test.samples),
        () => metrics.snr(reference.samples, test.samples),
        () => metrics.segmentalSnr(reference.samples, test.samples),
        () => metrics.stoi(reference, test),
        () => metrics.logSpectralDistance(reference, test),
        () => metrics.logMelL1(reference, test),
        () => metrics.melCepstralDistortion(reference, test),
        () => metrics.multiResolutionStft(reference, test),
        () => metrics.pitchMetrics(reference, test),
        () => metrics.loudness(test),
        () => metrics.truePeakDb(test),
        () => metrics.thd(test),
        () => metrics.signalHealth(test),
      ];
      for (const call of calls) await step(call);
    },
    allocationLimit: () => 512 * MIB,
  },
];
