/**
 * Regression (found by the hardening suites): names looked up with plain property accesses
 * reached Object.prototype. `writeWav(audio, { format: 'constructor' })` passed the format check
 * (`in` walks the prototype chain) and crashed with "RangeError: offset is out of bounds";
 * `convertMel(mel, 'constructor')` crashed with a TypeError (through core's `getMelPreset`).
 */
import { HIFIGAN_PRESET, createAudioBuffer } from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { computeMel, convertMel, writeWav } from '../src/index.js';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const audio = createAudioBuffer(
  Float32Array.from({ length: 4096 }, (_, i) => 0.5 * Math.sin(i * 0.05)),
  22050,
);

describe('regression: names like Object.prototype members', () => {
  it.each(NAMES)('writeWav refuses the format "%s" with E_INVALID_ARGUMENT', (format) => {
    expect(() => writeWav(audio, { format: format as never })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });

  it.each(NAMES)('convertMel refuses the preset "%s" with E_PLUGIN_NOT_FOUND', (preset) => {
    const mel = computeMel(audio, HIFIGAN_PRESET);
    expect(() => convertMel(mel, preset)).toThrowError(
      expect.objectContaining({ code: 'E_PLUGIN_NOT_FOUND' }),
    );
  });
});
