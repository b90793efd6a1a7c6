import { describe, expect, it } from 'vitest';
import {
  HIFIGAN_PRESET,
  WAVEGLOW_PRESET,
  DIFFWAVE_PRESET,
  assertConvention,
  concatMelFrames,
  createMel,
  melFrameCount,
  sliceMelFrames,
  getMelPreset,
} from '../src/index.js';

describe('mel spectrograms', () => {
  it('validates shape and finiteness', () => {
    expect(() => createMel(new Float32Array(81), 80, HIFIGAN_PRESET)).toThrowError(
      expect.objectContaining({ code: 'E_MEL_SHAPE' }),
    );
    expect(() => createMel(new Float32Array(80), 81, HIFIGAN_PRESET)).toThrowError(
      expect.objectContaining({ code: 'E_MEL_SHAPE' }),
    );
    expect(() => createMel(new Float32Array(0), 80, HIFIGAN_PRESET)).toThrowError(
      expect.objectContaining({ code: 'E_MEL_SHAPE' }),
    );
    const bad = new Float32Array(160).fill(0);
    bad[100] = Number.POSITIVE_INFINITY;
    expect(() => createMel(bad, 80, HIFIGAN_PRESET)).toThrowError(
      expect.objectContaining({ code: 'E_MEL_NONFINITE' }),
    );
    expect(createMel(new Float32Array(160), 80, HIFIGAN_PRESET).frames).toBe(2);
  });

  it('names the differences of mismatched conventions', () => {
    const mel = createMel(new Float32Array(80), 80, WAVEGLOW_PRESET);
    expect(() => assertConvention(mel, HIFIGAN_PRESET, 'hifigan')).toThrowError(
      /center: true vs false/,
    );
    expect(() => assertConvention(mel, WAVEGLOW_PRESET, 'waveglow')).not.toThrow();
  });

  it('counts frames as the reference frontends do', () => {
    expect(melFrameCount(HIFIGAN_PRESET, 256 * 100)).toBe(100);
    expect(melFrameCount(DIFFWAVE_PRESET, 22050)).toBe(Math.floor(22050 / 256) + 1);
    expect(melFrameCount(WAVEGLOW_PRESET, 1000)).toBe(Math.floor(1000 / 256) + 1);
  });

  it('slices and concatenates frames losslessly', () => {
    const frames = 7;
    const data = Float32Array.from({ length: 80 * frames }, (_, i) => i);
    const mel = createMel(data, 80, HIFIGAN_PRESET);
    const joined = concatMelFrames([sliceMelFrames(mel, 0, 3), sliceMelFrames(mel, 3, 7)]);
    expect(joined.data).toEqual(mel.data);
    expect(() => sliceMelFrames(mel, 3, 3)).toThrowError(
      expect.objectContaining({ code: 'E_MEL_SHAPE' }),
    );
  });

  it('looks presets up by name', () => {
    expect(getMelPreset('diffwave')).toBe(DIFFWAVE_PRESET);
    expect(() => getMelPreset('tacotron')).toThrowError(
      expect.objectContaining({ code: 'E_PLUGIN_NOT_FOUND' }),
    );
  });
});
