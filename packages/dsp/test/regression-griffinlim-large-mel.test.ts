/**
 * Regression (found by the hardening suites): finite log-mel values far above anything the
 * frontend produces (90 and up for the natural-log hifigan preset) made Griffin-Lim return NaN
 * samples as a success: the magnitudes overflowed the float32 output, and the peak normalisation
 * divided Infinity by Infinity. Such magnitudes are now scaled by a power of two first (the output
 * is the same peak-normalised audio), and values that expand to infinite magnitudes are refused.
 */
import { HIFIGAN_PRESET, sliceMelFrames, type MelSpectrogram } from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { griffinLimPlugin } from '../src/griffinlim/plugin.js';
import { computeMel } from '../src/spectral/compute-mel.js';
import { syntheticSignal } from './mel-fixtures.js';

const base = sliceMelFrames(computeMel(syntheticSignal(22050), HIFIGAN_PRESET), 10, 26);
const shifted = (offset: number): MelSpectrogram => ({
  ...base,
  data: base.data.map((v) => v + offset),
});
const options = { seed: 3, quality: 'low' as const };

describe('regression: Griffin-Lim on very large log-mel values', () => {
  it('returns finite, peak-normalised audio equal to that of a moderately shifted mel', async () => {
    const vocoder = await griffinLimPlugin.create();
    const reference = await vocoder.vocode(shifted(20), options);
    for (const offset of [90, 300]) {
      const audio = await vocoder.vocode(shifted(offset), options);
      expect(audio.samples.every(Number.isFinite)).toBe(true);
      expect(Math.max(...audio.samples.map(Math.abs))).toBeCloseTo(1, 6);
      let diff = 0;
      audio.samples.forEach((s, i) => (diff = Math.max(diff, Math.abs(s - reference.samples[i]!))));
      expect(diff).toBeLessThan(1e-4);
    }
    await vocoder.dispose();
  });

  it('refuses values that expand to infinite magnitudes with E_MEL_NONFINITE', async () => {
    const vocoder = await griffinLimPlugin.create();
    for (const value of [1e4, 3e38]) {
      const mel = { ...base, data: new Float32Array(base.data.length).fill(value) };
      await expect(vocoder.vocode(mel)).rejects.toMatchObject({ code: 'E_MEL_NONFINITE' });
    }
    await vocoder.dispose();
  });
});
