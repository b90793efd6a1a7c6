/**
 * Regression (found by the hardening suites): the `arch` option was looked up with a plain
 * property access, so `--arch constructor` (or `__proto__`) reached Object.prototype and
 * `voirs-vocoder vocode --vocoder waveglow --arch constructor` ended in "internal error:
 * TypeError: Cannot read properties of undefined (reading 'nLayers')".
 */
import { describe, expect, it } from 'vitest';
import { prepareWaveglowModel } from '../src/index.js';
import { tinySource } from './fixtures.js';

describe('regression: architecture names like Object.prototype members', () => {
  it.each(['constructor', '__proto__', 'valueOf'])(
    '"%s" is an unknown architecture (E_MODEL_ARCH)',
    (arch) => {
      expect(() => prepareWaveglowModel(tinySource(), { arch })).toThrowError(
        expect.objectContaining({ code: 'E_MODEL_ARCH' }),
      );
    },
  );
});
