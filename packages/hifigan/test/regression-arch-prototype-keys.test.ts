/**
 * Regression (found by the hardening suites): `archConfig` looked the architecture up with a plain
 * property access, so `--arch constructor` (or `__proto__`) returned Object.prototype members and
 * `voirs-vocoder vocode --vocoder hifigan --arch constructor` / `models import --arch constructor`
 * ended in "internal error: TypeError: Cannot read properties of undefined (reading 'reduce')".
 */
import { describe, expect, it } from 'vitest';
import { archConfig } from '../src/index.js';

describe('regression: architecture names like Object.prototype members', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '"%s" is an unknown architecture (E_MODEL_ARCH)',
    (arch) => {
      expect(() => archConfig(arch)).toThrowError(
        expect.objectContaining({ code: 'E_MODEL_ARCH' }),
      );
    },
  );

  it('the built-in names still resolve, in any case', () => {
    expect(archConfig('V2').upsampleInitialChannel).toBe(128);
  });
});
