/**
 * Bad numeric input to the effects: the README table's effect rows, as data. Every built-in effect
 * runs every case (convolution with a short impulse response, its one required parameter).
 */
import { createAudioBuffer, type AudioBuffer, type EffectPlugin } from '@voirs/core';
import { fails, succeeds, type Expectation } from './expectation.js';

/** An effect case: `run` creates the effect (with `params`) and processes what the case says. */
export interface EffectCase {
  readonly input: string;
  run(plugin: EffectPlugin, params: Readonly<Record<string, unknown>>): unknown;
  readonly expect: Expectation;
}

const RATE = 22050;
const block = (n: number, at = -1, value = 0, rate = RATE, channels = 1): AudioBuffer =>
  createAudioBuffer(
    Float32Array.from({ length: n * channels }, (_, i) =>
      i === at ? value : 0.3 * Math.sin(i * 0.1),
    ),
    rate,
    channels,
  );
const mono = { sampleRate: RATE, channels: 1 };
/** Codes a 1 Hz context may be refused with (frequencies above Nyquist; K-weighting). */
const LOW_RATE_CODES = ['E_EFFECT_PARAMS', 'E_SAMPLE_RATE'];
const processed = (frames: number) =>
  succeeds(`${frames} finite frame(s) out`, (r) => {
    const a = r as AudioBuffer;
    return a.samples.length === frames && a.samples.every(Number.isFinite);
  });

/** Every numeric parameter of the plugin set to `value` in turn; resolves to the names accepted. */
function acceptedWith(
  plugin: EffectPlugin,
  params: Readonly<Record<string, unknown>>,
  value: number,
): string[] {
  const accepted: string[] = [];
  for (const [key, fallback] of Object.entries(plugin.defaults)) {
    if (typeof fallback !== 'number') continue;
    try {
      plugin.create({ ...params, [key]: value }, mono);
      accepted.push(key);
    } catch (error) {
      if ((error as { code?: string }).code !== 'E_EFFECT_PARAMS') throw error;
    }
  }
  return accepted;
}

export const EFFECT_CASES: readonly EffectCase[] = [
  {
    input: 'NaN sample',
    run: (p, params) => p.create(params, mono).process(block(512, 7, Number.NaN)),
    expect: fails('E_AUDIO_INVALID'),
  },
  {
    input: '+/-Infinity sample',
    run: (p, params) => p.create(params, mono).process(block(512, 7, -Infinity)),
    expect: fails('E_AUDIO_INVALID'),
  },
  {
    input: 'a 1e30 sample (finite, absurd)',
    run: (p, params) => p.create(params, mono).process(block(512, 7, 1e30)),
    expect: processed(512),
  },
  {
    input: 'empty block',
    run: (p, params) => p.create(params, mono).process(block(0)),
    expect: processed(0),
  },
  {
    input: 'one-frame block',
    run: (p, params) => p.create(params, mono).process(block(1)),
    expect: processed(1),
  },
  {
    input: 'context at 0 Hz',
    run: (p, params) => p.create(params, { sampleRate: 0, channels: 1 }),
    expect: fails('E_SAMPLE_RATE'),
  },
  {
    input: 'context at 10 MHz',
    run: (p, params) => p.create(params, { sampleRate: 10_000_000, channels: 1 }),
    expect: fails('E_SAMPLE_RATE'),
  },
  {
    input: 'context with 65 channels',
    run: (p, params) => p.create(params, { sampleRate: RATE, channels: 65 }),
    expect: fails('E_AUDIO_INVALID'),
  },
  {
    input: 'a block of another rate',
    run: (p, params) => p.create(params, mono).process(block(64, -1, 0, 44100)),
    expect: fails('E_AUDIO_INVALID'),
  },
  {
    input: 'context at 1 Hz (a valid rate where filters do not fit)',
    run: (p, params) => {
      try {
        return p.create(params, { sampleRate: 1, channels: 1 }).process(block(64, -1, 0, 1));
      } catch (error) {
        if (LOW_RATE_CODES.includes((error as { code?: string }).code ?? '')) return 'refused';
        throw error;
      }
    },
    expect: succeeds(
      '64 finite frames, or E_EFFECT_PARAMS / E_SAMPLE_RATE',
      (r) => r === 'refused' || (r as AudioBuffer).samples.every(Number.isFinite),
    ),
  },
  {
    input: 'every numeric parameter NaN, -1e9 or +1e9',
    run: (p, params) => [Number.NaN, -1e9, 1e9].flatMap((v) => acceptedWith(p, params, v)),
    expect: succeeds('all refused with E_EFFECT_PARAMS', (r) => (r as string[]).length === 0),
  },
];
