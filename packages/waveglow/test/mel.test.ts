/**
 * The `waveglow` mel preset (Tacotron 2's STFT) as the model's input: @voirs/dsp's computeMel on
 * real speech against the reference frontend that made the goldens' mel (mel_reference.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WAVEGLOW_PRESET } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { computeMel, readWav } from '@voirs/dsp';
import { prepareWaveglowModel } from '../src/index.js';
import { compare, fixtureNpy, hashSource } from './fixtures.js';

const clip = sharedFile('data/ljspeech/LJ001-0001.wav');

describe('waveglow mel preset', () => {
  it("is the convention of NVIDIA's configuration", () => {
    expect(prepareWaveglowModel(hashSource()).convention).toBe(WAVEGLOW_PRESET);
  });

  it.skipIf(!clip)(
    'computeMel of LJ001-0001 matches the reference frontend of the goldens within 1e-4',
    () => {
      const { audio } = readWav(readFileSync(clip!));
      const mel = computeMel(audio.samples.subarray(22050, 22050 + 24 * 256), WAVEGLOW_PRESET);
      const golden = fixtureNpy('mel.npy');
      expect([mel.nMels, mel.frames]).toEqual(golden.shape);
      const { maxAbs } = compare(mel.data, golden.data);
      console.info(
        `[mel] waveglow preset vs Tacotron 2 STFT reference: max |diff| ${maxAbs.toExponential(2)}`,
      );
      expect(maxAbs).toBeLessThanOrEqual(1e-4);
    },
  );
});
