/**
 * Bad numbers where audio and vocoders are set up: sample rates of 0, -1, 22050.5 and 10 MHz,
 * conventions Griffin-Lim cannot invert, too-short audio for a mel. Part of the README table.
 */
import { HIFIGAN_PRESET, createAudioBuffer, deriveConvention } from '@voirs/core';
import { computeMel, griffinLimPlugin, resample } from '@voirs/dsp';
import { fails, succeeds, type Expectation } from './expectation.js';

/** A set-up case. */
export interface SetupCase {
  readonly input: string;
  run(): unknown;
  readonly expect: Expectation;
}

const tone = (rate: number, n = 4096) =>
  createAudioBuffer(
    Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin(i * 0.05)),
    rate,
    1,
  );
const griffinlim = (changes: Parameters<typeof deriveConvention>[1]) => () =>
  griffinLimPlugin.create({
    convention: deriveConvention(HIFIGAN_PRESET, { name: 'custom', ...changes }),
  });

export const SETUP_CASES: readonly SetupCase[] = [
  { input: 'audio at 0 Hz', run: () => tone(0), expect: fails('E_SAMPLE_RATE') },
  { input: 'audio at -1 Hz', run: () => tone(-1), expect: fails('E_SAMPLE_RATE') },
  { input: 'audio at 22050.5 Hz', run: () => tone(22050.5), expect: fails('E_SAMPLE_RATE') },
  { input: 'audio at 10 MHz', run: () => tone(10_000_000), expect: fails('E_SAMPLE_RATE') },
  {
    input: 'resample to 0 Hz',
    run: () => resample(tone(22050), 0),
    expect: fails('E_SAMPLE_RATE'),
  },
  {
    input: 'resample to 10 MHz',
    run: () => resample(tone(22050), 10_000_000),
    expect: fails('E_SAMPLE_RATE'),
  },
  {
    input: 'resample 768 kHz audio to 22050 Hz',
    run: () => resample(tone(768_000, 7680), 22050),
    expect: succeeds('221 or 222 finite samples', (r) => {
      const a = r as ReturnType<typeof tone>;
      return Math.abs(a.samples.length - 220.5) < 2 && a.samples.every(Number.isFinite);
    }),
  },
  {
    input: 'a mel of audio shorter than one frame',
    run: () => computeMel(tone(22050, 100), HIFIGAN_PRESET),
    expect: fails('E_AUDIO_INVALID'),
  },
  {
    input: 'Griffin-Lim convention at 0 Hz',
    run: griffinlim({ sampleRate: 0 }),
    expect: fails('E_CONFIG_INVALID'),
  },
  {
    input: 'Griffin-Lim convention at 10 MHz',
    run: griffinlim({ sampleRate: 10_000_000 }),
    expect: fails('E_CONFIG_INVALID'),
  },
  {
    input: 'Griffin-Lim convention at 22050.5 Hz',
    run: griffinlim({ sampleRate: 22050.5 }),
    expect: fails('E_CONFIG_INVALID'),
  },
  {
    input: 'Griffin-Lim convention with hop >= window',
    run: griffinlim({ hop: 1024 }),
    expect: fails('E_CONFIG_INVALID'),
  },
  {
    input: 'Griffin-Lim convention with 0 mel bands',
    run: griffinlim({ nMels: 0 }),
    expect: fails('E_CONFIG_INVALID'),
  },
  {
    input: 'Griffin-Lim convention with a negative hop',
    run: griffinlim({ hop: -256 }),
    expect: fails('E_CONFIG_INVALID'),
  },
  {
    input: 'Griffin-Lim convention with fmax above Nyquist',
    run: async () => {
      const convention = deriveConvention(HIFIGAN_PRESET, { name: 'custom', fmax: 20000 });
      const vocoder = await griffinLimPlugin.create({ convention });
      const audio = await vocoder.vocode(computeMel(tone(22050), convention), { quality: 'low' });
      await vocoder.dispose();
      return audio;
    },
    expect: succeeds('finite audio (bands above Nyquist are empty, as in librosa)', (r) =>
      (r as ReturnType<typeof tone>).samples.every(Number.isFinite),
    ),
  },
];
