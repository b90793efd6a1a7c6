/**
 * The golden mel of these fixtures (made by the reference's float32 torchaudio pipeline) is what
 * `computeMel(audio, DIFFWAVE_PRESET)` of @voirs/dsp gives for the same excerpt, so the vocoder
 * goldens apply to mels computed in TypeScript (the frontend's own goldens live in @voirs/dsp).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { DIFFWAVE_PRESET } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { computeMel, readWav } from '@voirs/dsp';
import { compare, goldenMel } from './fixtures.js';

const clip = sharedFile('data/ljspeech/LJ001-0001.wav');

it.skipIf(!clip)(
  'computeMel with the diffwave preset reproduces the golden mel of LJ001-0001',
  () => {
    const { audio } = readWav(new Uint8Array(readFileSync(clip!)));
    const mel = computeMel(audio.samples.subarray(33075, 33075 + 7 * 256), DIFFWAVE_PRESET);
    const golden = goldenMel();
    expect(mel.frames).toBe(golden.frames);
    const { maxAbs } = compare(mel.data, golden.data);
    console.info(
      `[mel] diffwave preset vs reference (float32 as run): max |diff| ${maxAbs.toExponential(2)}`,
    );
    expect(maxAbs).toBeLessThanOrEqual(1e-3);
  },
);
