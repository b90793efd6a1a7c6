/**
 * Regression (found by the hardening suites): `getMelPreset` looked presets up with a plain
 * property access, so `getMelPreset('constructor')` returned the Object function (and `__proto__`
 * Object.prototype) instead of failing; `convertMel(mel, 'constructor')` and Griffin-Lim's
 * `convention: 'constructor'` then crashed with TypeErrors.
 */
import { describe, expect, it } from 'vitest';
import { HIFIGAN_PRESET, getMelPreset } from '../src/index.js';

describe('regression: preset names like Object.prototype members', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '"%s" is an unknown preset (E_PLUGIN_NOT_FOUND)',
    (name) => {
      expect(() => getMelPreset(name)).toThrowError(
        expect.objectContaining({ code: 'E_PLUGIN_NOT_FOUND' }),
      );
    },
  );

  it('the presets still resolve', () => {
    expect(getMelPreset('hifigan')).toBe(HIFIGAN_PRESET);
  });
});
