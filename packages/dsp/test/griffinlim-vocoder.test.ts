import {
  DIFFWAVE_PRESET,
  HIFIGAN_PRESET,
  WAVEGLOW_PRESET,
  createMel,
  deriveConvention,
  loadVocoder,
  sliceMelFrames,
  vocoders,
  type MelSpectrogram,
} from '@voirs/core';
import { testVocoder } from '@voirs/core/testing';
import { describe, expect, it } from 'vitest';
import {
  GRIFFINLIM_ITERATIONS,
  parseGriffinLimOptions,
} from '../src/griffinlim/griffinlim-options.js';
import { griffinLimPlugin } from '../src/griffinlim/plugin.js';
import { computeMel } from '../src/spectral/compute-mel.js';
import { ljClip, syntheticSignal } from './mel-fixtures.js';

/** Three seconds of real speech, or the synthetic chirp + noise when ../shared is absent. */
const speech =
  ljClip('LJ001-0001')?.subarray(11025, 11025 + 3 * 22050) ?? syntheticSignal(3 * 22050);
const speechMel = computeMel(speech, HIFIGAN_PRESET);
const melOf = (frames: number): MelSpectrogram => sliceMelFrames(speechMel, 20, 20 + frames);

testVocoder('griffinlim', { create: () => griffinLimPlugin.create(), mel: melOf });

describe('griffinlim plugin', () => {
  it('describes itself as a model-free, backend-free vocoder', async () => {
    expect(griffinLimPlugin).toMatchObject({
      kind: 'vocoder',
      name: 'griffinlim',
      requiresModel: false,
      requiresBackend: false,
    });
    expect([...griffinLimPlugin.features].sort()).toEqual([
      'deterministic',
      'quality-levels',
      'seed',
      'streaming',
    ]);
    const v = await griffinLimPlugin.create();
    for (const f of griffinLimPlugin.features) expect(v.supports(f)).toBe(true);
    expect(v.supports('gpu')).toBe(false);
    expect(v.metadata.convention).toBe(HIFIGAN_PRESET);
    expect(v.metadata.receptiveField.exact).toBe(false);
  });

  it.each([DIFFWAVE_PRESET, WAVEGLOW_PRESET])(
    'inverts the $name convention (by name and by value)',
    async (c) => {
      for (const v of [
        await griffinLimPlugin.create({ convention: c.name }),
        await griffinLimPlugin.create({ convention: c }),
      ]) {
        expect(v.metadata.convention).toBe(c);
        const mel = computeMel(speech.subarray(0, 22050), c);
        const audio = await v.vocode(mel, { quality: 'low' });
        expect(audio.samples.length).toBe(mel.frames * c.hop);
        const again = computeMel(audio.samples, c); // frames * hop samples give frames + 1 centred frames
        expect(again.frames).toBe(mel.frames + 1);
        let l1 = 0;
        for (let m = 0; m < 80; m++) {
          for (let t = 0; t < mel.frames; t++)
            l1 += Math.abs(again.data[m * again.frames + t]! - mel.data[m * mel.frames + t]!);
        }
        console.log(
          `[griffinlim] ${c.name} (low quality, 1 s): log-mel L1 ${(l1 / (80 * mel.frames)).toFixed(4)}`,
        );
        // diffwave values live in [0, 1] (dB / 100), the others are natural logs
        expect(l1 / (80 * mel.frames)).toBeLessThan(c === DIFFWAVE_PRESET ? 0.015 : 0.16);
      }
    },
  );

  it.each([HIFIGAN_PRESET, WAVEGLOW_PRESET, DIFFWAVE_PRESET])(
    'vocodes 1- to 3-frame $name mels (too short for reflect padding) without silence',
    async (c) => {
      const v = await griffinLimPlugin.create({ convention: c });
      const mel = computeMel(speech.subarray(11025, 11025 + 4096), c);
      for (const frames of [1, 2, 3]) {
        const audio = await v.vocode(sliceMelFrames(mel, 5, 5 + frames), { quality: 'low' });
        expect(audio.samples.length).toBe(frames * c.hop);
        expect(audio.samples.some((s) => s !== 0)).toBe(true);
        expect(audio.samples.every((s) => Number.isFinite(s) && Math.abs(s) <= 1)).toBe(true);
      }
    },
  );

  it('rejects conventions it cannot invert and unknown presets', async () => {
    const gappy = deriveConvention(HIFIGAN_PRESET, { name: 'gappy', hop: 1024 });
    await expect(griffinLimPlugin.create({ convention: gappy })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
    });
    const broken = deriveConvention(HIFIGAN_PRESET, { name: 'broken', nMels: 0 });
    await expect(griffinLimPlugin.create({ convention: broken })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
    });
    await expect(griffinLimPlugin.create({ convention: 'tacotron' })).rejects.toMatchObject({
      code: 'E_PLUGIN_NOT_FOUND',
    });
    const aborted = AbortSignal.abort();
    await expect(griffinLimPlugin.create({ signal: aborted })).rejects.toMatchObject({
      code: 'E_ABORTED',
    });
  });

  it('maps quality levels to iterations and validates options', () => {
    expect(GRIFFINLIM_ITERATIONS).toEqual({ low: 16, medium: 32, high: 64, ultra: 128 });
    expect(parseGriffinLimOptions(undefined, 'medium')).toMatchObject({
      iterations: 32,
      initPhase: 'random',
      momentum: 0.99,
    });
    expect(parseGriffinLimOptions({ iterations: 5, initPhase: 'zero' }, 'ultra')).toMatchObject({
      iterations: 5,
      initPhase: 'zero',
    });
    for (const bad of [
      { iterations: 0 },
      { iterations: 2.5 },
      { initPhase: 'noise' },
      { momentum: 2 },
      { steps: 3 },
    ]) {
      expect(() => parseGriffinLimOptions(bad, 'high')).toThrowError(
        expect.objectContaining({ code: 'E_CONFIG_INVALID' }),
      );
    }
  });

  it('depends on the seed for random phase, not for zero phase', async () => {
    const v = await griffinLimPlugin.create();
    const mel = melOf(20);
    const a = await v.vocode(mel, { seed: 1, quality: 'low' });
    const b = await v.vocode(mel, { seed: 2, quality: 'low' });
    expect(a.samples).not.toEqual(b.samples);
    const z1 = await v.vocode(mel, { seed: 1, quality: 'low', options: { initPhase: 'zero' } });
    const z2 = await v.vocode(mel, { seed: 2, quality: 'low', options: { initPhase: 'zero' } });
    expect(z1.samples).toEqual(z2.samples);
  });

  it('limits loud output by a gain (peak exactly 1), never by clipping', async () => {
    const v = await griffinLimPlugin.create();
    const loud = createMel(
      speechMel.data.map((x) => x + 3),
      80,
      HIFIGAN_PRESET,
    ); // ~20x louder
    const audio = await v.vocode(sliceMelFrames(loud, 20, 60), { quality: 'low' });
    let peak = 0;
    let atPeak = 0;
    for (const s of audio.samples) {
      peak = Math.max(peak, Math.abs(s));
      if (Math.abs(s) === 1) atPeak++;
    }
    expect(peak).toBe(1);
    expect(atPeak).toBeLessThan(3); // a clipper would flatten many samples at 1
  });

  it('reports progress and stops on abort mid-run', async () => {
    const v = await griffinLimPlugin.create();
    const fractions: number[] = [];
    await v.vocode(melOf(30), { quality: 'low', onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBeGreaterThanOrEqual(16);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    const controller = new AbortController();
    const running = v.vocode(speechMel, { quality: 'ultra', signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(running).rejects.toMatchObject({ code: 'E_ABORTED' });
  });

  it('registers through the opt-in entry and loads by name', async () => {
    await import('../src/register.js');
    expect(vocoders.has('griffinlim')).toBe(true);
    const v = await loadVocoder({ vocoder: 'griffinlim', convention: 'waveglow' });
    expect(v.metadata.convention).toBe(WAVEGLOW_PRESET);
    await import('../src/register.js'); // idempotent
  });
});
