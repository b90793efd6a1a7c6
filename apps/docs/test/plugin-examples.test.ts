/**
 * The plugin guide's examples (examples/*.ts, included verbatim in guide/plugins.md) pass the same
 * conformance suites as the project's own plugins, and register and resolve like them.
 */
import { readFileSync } from 'node:fs';
import { createNodeBackend } from '@voirs/backend-node';
import { HIFIGAN_PRESET, backends, effects, loadVocoder, register, vocoders } from '@voirs/core';
import { testBackend, testEffect, testVocoder, type BackendTestModels } from '@voirs/core/testing';
import { computeMel, readWav, rmsDb } from '@voirs/dsp';
import { describe, expect, it } from 'vitest';
import { noiseVocoderPlugin } from '../examples/noise-vocoder.js';
import { createTimingBackend, type RunTiming } from '../examples/timing-backend.js';
import { tremoloEffect } from '../examples/tremolo-effect.js';

const fixture = (file: string) =>
  new Uint8Array(
    readFileSync(new URL(`../../../packages/backend-node/test/fixtures/${file}`, import.meta.url)),
  );
const models: BackendTestModels = {
  conv: fixture('conv.onnx'),
  gather: fixture('gather.onnx'),
  dtypes: fixture('dtypes.onnx'),
};
const speech = readWav(
  new Uint8Array(readFileSync(new URL('../../../examples/speech.wav', import.meta.url))),
).audio;
const speechMel = computeMel(speech, HIFIGAN_PRESET);

/** `frames` frames of real speech (from 0.5 s in). */
function mel(frames: number) {
  const start = 43;
  const data = new Float32Array(80 * frames);
  for (let m = 0; m < 80; m++)
    data.set(
      speechMel.data.subarray(m * speechMel.frames + start, m * speechMel.frames + start + frames),
      m * frames,
    );
  return { data, nMels: 80, frames, convention: HIFIGAN_PRESET };
}

const timings: RunTiming[] = [];
testBackend('timed-node', {
  create: async () =>
    createTimingBackend(createNodeBackend({ logLevel: 'fatal' }), {
      onRun: (t) => timings.push(t),
    }),
  models,
  defaultProvider: 'cpu',
});

testVocoder('noise', { create: () => noiseVocoderPlugin.create(), mel });

testEffect(tremoloEffect, {
  alternate: { rateHz: 7, depth: 0.9 },
  invalid: [
    { params: { rateHz: 0 }, field: 'rateHz' },
    { params: { depth: 2 }, field: 'depth' },
  ],
});

describe('plugin guide examples', () => {
  it('timed every run of the conformance suite', () => {
    expect(timings.length).toBeGreaterThan(5);
    expect(timings.every((t) => t.ms >= 0 && t.inputs.length > 0)).toBe(true);
  });

  it('refuses to wrap something that is not a backend', () => {
    expect(() => createTimingBackend({} as never)).toThrow(TypeError);
  });

  it('registers and resolves each plugin through the registries', async () => {
    const undo = [
      register(noiseVocoderPlugin),
      register(tremoloEffect),
      register(createTimingBackend(createNodeBackend({ logLevel: 'fatal' }))),
    ];
    try {
      expect((await backends.resolve('timed-node')).name).toBe('timed-node');
      expect(effects.get('tremolo')).toBe(tremoloEffect);
      expect(vocoders.query('model-free').map((p) => p.name)).toContain('noise');
      const vocoder = await loadVocoder({ vocoder: 'noise' });
      const audio = await vocoder.vocode(speechMel, { seed: 3 });
      expect(audio.samples.length).toBe(speechMel.frames * 256);
      // whispered speech carries energy where the speech does: within 12 dB of the original level
      expect(Math.abs(rmsDb(audio) - rmsDb(speech))).toBeLessThan(12);
      await vocoder.dispose();
    } finally {
      undo.forEach((u) => u());
    }
  });

  it('modulates the level at the tremolo rate', () => {
    const sampleRate = 8000;
    const effect = tremoloEffect.create({ rateHz: 4, depth: 1 }, { sampleRate, channels: 1 });
    const out = effect.process({
      samples: new Float32Array(sampleRate).fill(0.5),
      sampleRate,
      channels: 1,
    }).samples;
    // full depth: silent at the troughs (every 1/4 s from 1/8 s), untouched at the peaks
    expect(out[sampleRate / 8]!).toBeCloseTo(0, 4);
    expect(out[0]!).toBeCloseTo(0.5, 6);
    expect(out[sampleRate / 4]!).toBeCloseTo(0.5, 4);
  });
});
