/**
 * Bad numeric input to the vocoders: the table of packages/hardening/README.md, as data. Each
 * case builds an input from a realistic mel of the vocoder's own convention and states the defined
 * behaviour per vocoder.
 */
import {
  DIFFWAVE_PRESET,
  HIFIGAN_PRESET,
  createMel,
  deriveConvention,
  type AudioBuffer,
  type MelSpectrogram,
  type SynthesisConfig,
  type Vocoder,
} from '@voirs/core';
import type { VocoderName } from '../models/vocoders.js';
import { fails, succeeds, type Expectation } from './expectation.js';

/** A numeric-input case for the vocoders. */
export interface VocoderCase {
  /** The input, as the README table names it. */
  readonly input: string;
  /** Runs the case on `vocoder` with a good mel of its convention (8 frames). */
  run(vocoder: Vocoder, mel: MelSpectrogram): Promise<unknown>;
  /** The behaviour, per vocoder (a single one when all agree). */
  readonly expect: Expectation | Readonly<Record<VocoderName, Expectation>>;
}

/** Audio of frames x hop finite samples in [-1, 1]. */
export const boundedAudio = (frames: number) =>
  succeeds(`${frames} x hop finite samples in [-1, 1]`, (r) => {
    const a = r as AudioBuffer;
    return (
      a.samples.length % frames === 0 &&
      a.samples.every((s) => Number.isFinite(s) && Math.abs(s) <= 1)
    );
  });

const filled = (mel: MelSpectrogram, f: (i: number) => number): MelSpectrogram => ({
  ...mel,
  data: Float32Array.from({ length: mel.data.length }, (_, i) => f(i)),
});
const withValue = (mel: MelSpectrogram, at: number, value: number): MelSpectrogram => {
  const data = mel.data.slice();
  data[at] = value;
  return { ...mel, data };
};
const vocode = (config: SynthesisConfig) => (v: Vocoder, mel: MelSpectrogram) =>
  v.vocode(mel, config);
const invalidConfig = fails('E_CONFIG_INVALID');
const perVocoder = (e: Partial<Record<VocoderName, Expectation>>, others: Expectation) =>
  ({ griffinlim: others, hifigan: others, diffwave: others, waveglow: others, ...e }) as Record<
    VocoderName,
    Expectation
  >;

/** Options that are invalid for a given vocoder (negative, NaN, beyond the range). */
export const OPTION_CASES: Readonly<Record<VocoderName, readonly Record<string, unknown>[]>> = {
  griffinlim: [
    { iterations: -1 },
    { iterations: 0 },
    { iterations: Number.NaN },
    { iterations: 1e9 },
    { momentum: -0.5 },
    { momentum: 2 },
    { nnlsIterations: -1 },
  ],
  hifigan: [{ parallelChunks: -1 }, { parallelChunks: Number.NaN }, { unknownOption: 1 }],
  diffwave: [
    { steps: -1 },
    { steps: 0 },
    { steps: 1e6 },
    { sampler: 'ddim', eta: -1 },
    { sampler: 'adaptive', tolerance: -1 },
  ],
  waveglow: [
    { sigma: -1 },
    { sigma: Number.NaN },
    { sigma: 1e30 },
    { denoise: -1 },
    { denoise: Infinity },
  ],
};

export const VOCODER_CASES: readonly VocoderCase[] = [
  {
    input: 'NaN in the mel',
    run: (v, m) => v.vocode(withValue(m, 5, Number.NaN)),
    expect: fails('E_MEL_NONFINITE'),
  },
  {
    input: '+/-Infinity in the mel',
    run: (v, m) => v.vocode(withValue(m, 9, -Infinity)),
    expect: fails('E_MEL_NONFINITE'),
  },
  {
    input: 'empty mel (0 frames)',
    run: (v, m) => v.vocode({ ...m, data: new Float32Array(0), frames: 0 }),
    expect: fails('E_MEL_SHAPE'),
  },
  {
    input: 'one-frame mel',
    run: (v, m) =>
      v.vocode({ ...m, data: m.data.filter((_, i) => i % m.frames === 0), frames: 1 }, { seed: 1 }),
    expect: boundedAudio(1),
  },
  {
    input: 'data length not n_mels x frames',
    run: (v, m) => v.vocode({ ...m, frames: m.frames + 1 }),
    expect: fails('E_MEL_SHAPE'),
  },
  {
    input: 'wrong n_mels (100 bands, 80-band convention)',
    run: async (_v, m) => createMel(new Float32Array(400), 100, m.convention),
    expect: fails('E_MEL_SHAPE'),
  },
  {
    input: 'a mel of another preset',
    run: (v, m) =>
      v.vocode({
        ...m,
        convention: m.convention.name === 'diffwave' ? HIFIGAN_PRESET : DIFFWAVE_PRESET,
      }),
    expect: fails('E_MEL_CONVENTION'),
  },
  {
    input: 'its convention at another sample rate (16 kHz)',
    run: (v, m) =>
      v.vocode({ ...m, convention: deriveConvention(m.convention, { sampleRate: 16000 }) }),
    expect: fails('E_MEL_CONVENTION'),
  },
  {
    input: 'all values -1e4 (below any floor)',
    run: (v, m) =>
      v.vocode(
        filled(m, () => -1e4),
        { seed: 1 },
      ),
    expect: boundedAudio(8),
  },
  {
    input: 'all values +300 (far above the frontend range)',
    run: (v, m) =>
      v.vocode(
        filled(m, () => 300),
        { seed: 1 },
      ),
    expect: boundedAudio(8),
  },
  {
    input: 'values +/-3e38 (near the float32 limit)',
    run: (v, m) =>
      v.vocode(
        filled(m, (i) => (i % 2 ? 3e38 : -3e38)),
        { seed: 1 },
      ),
    expect: perVocoder(
      { griffinlim: fails('E_MEL_NONFINITE'), diffwave: fails('E_BACKEND_RUN') },
      boundedAudio(8),
    ),
  },
  { input: 'seed -1', run: vocode({ seed: -1 }), expect: invalidConfig },
  { input: 'seed 2^32', run: vocode({ seed: 2 ** 32 }), expect: invalidConfig },
  { input: 'seed 1.5', run: vocode({ seed: 1.5 }), expect: invalidConfig },
  { input: 'quality "best"', run: vocode({ quality: 'best' as never }), expect: invalidConfig },
  {
    input: 'streaming chunkFrames 0',
    run: async (v, m) => {
      for await (const chunk of v.vocodeStream(
        (async function* () {
          yield m;
        })(),
        { streaming: { chunkFrames: 0 } },
      ))
        return chunk;
      return undefined;
    },
    expect: invalidConfig,
  },
  {
    input: 'negative, NaN or out-of-range vocoder options',
    run: async (v, m) => {
      const outcomes = await Promise.allSettled(
        OPTION_CASES[v.metadata.name as VocoderName].map((options) => v.vocode(m, { options })),
      );
      const accepted = outcomes.findIndex(
        (o) =>
          o.status === 'fulfilled' || (o.reason as { code?: string }).code !== 'E_CONFIG_INVALID',
      );
      if (accepted >= 0)
        throw new Error(
          `option set ${JSON.stringify(OPTION_CASES[v.metadata.name as VocoderName][accepted])} was not refused with E_CONFIG_INVALID`,
        );
      return 'all refused';
    },
    expect: succeeds('every set refused with E_CONFIG_INVALID', (r) => r === 'all refused'),
  },
];
