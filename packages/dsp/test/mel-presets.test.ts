import {
  DIFFWAVE_PRESET,
  HIFIGAN_PRESET,
  MEL_PRESETS,
  WAVEGLOW_PRESET,
  melFrameCount,
} from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { computeMel } from '../src/spectral/compute-mel.js';
import { EXCERPTS, golden, ljClip, maxAbsDiff, syntheticSignal } from './mel-fixtures.js';

const PRESETS = ['hifigan', 'waveglow', 'diffwave'] as const;

/** Max abs difference between our mel and the golden, checking the shape too. */
function compare(samples: Float32Array, preset: (typeof PRESETS)[number], fixture: string): number {
  const convention = MEL_PRESETS[preset];
  const mel = computeMel(samples, convention);
  const ref = golden(fixture);
  expect(ref.shape).toEqual([80, mel.frames]);
  expect(mel.frames).toBe(melFrameCount(convention, samples.length));
  return maxAbsDiff(mel.data, ref.data);
}

describe('mel presets against the PyTorch reference frontends', () => {
  it.each(PRESETS)('%s: the synthetic chirp + noise matches within 1e-4', (preset) => {
    const diff = compare(syntheticSignal(), preset, `synthetic_${preset}.npy`);
    console.log(`[golden] synthetic ${preset}: max abs diff ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-4);
  });

  for (const { clip, start, samples } of EXCERPTS.excerpts) {
    const audio = ljClip(clip);
    it.skipIf(audio === undefined).each(PRESETS)(
      `%s: LJSpeech ${clip} matches the reference maths within 1e-5 (bar: 1e-4)`,
      (preset) => {
        const excerpt = audio!.subarray(start, start + samples);
        const diff = compare(excerpt, preset, `${clip.toLowerCase()}_${preset}.npy`);
        console.log(`[golden] ${clip} ${preset}: max abs diff ${diff.toExponential(2)}`);
        expect(diff).toBeLessThan(1e-5);
      },
    );
    // The float32 runs carry their own rounding noise at near-floor bins of quiet frames (up to
    // ~7e-4 from the exact value), so this bound is looser; the README reports the figures.
    it.skipIf(audio === undefined).each(PRESETS)(
      `%s: LJSpeech ${clip} matches the float32 run within 1e-3`,
      (preset) => {
        const excerpt = audio!.subarray(start, start + samples);
        const diff = compare(excerpt, preset, `${clip.toLowerCase()}_${preset}_f32.npy`);
        console.log(
          `[golden] ${clip} ${preset} (float32 run): max abs diff ${diff.toExponential(2)}`,
        );
        expect(diff).toBeLessThan(1e-3);
      },
    );
  }

  it('gives N / 256 hifigan frames and floor(N / 256) + 1 centred frames', () => {
    const x = syntheticSignal(256 * 20 + 17);
    expect(computeMel(x, HIFIGAN_PRESET).frames).toBe(20);
    expect(computeMel(x, WAVEGLOW_PRESET).frames).toBe(21);
    expect(computeMel(x, DIFFWAVE_PRESET).frames).toBe(21);
  });
});
