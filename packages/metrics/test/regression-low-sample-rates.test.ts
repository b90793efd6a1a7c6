/**
 * Regression (found by the hardening numeric-input suite): at low sample rates (valid for core: 1 Hz
 * and up) the loudness functions derived an unstable K-weighting filter (its 1682 Hz shelf above
 * Nyquist) and returned garbage such as +487 LUFS, or crashed with a RangeError at 1-3 Hz; THD
 * crashed with "RangeError: singular least-squares system" at 20 Hz and below. Both now refuse
 * such rates with a VocoderError.
 */
import { createAudioBuffer, isVocoderError } from '@voirs/core';
import { describe, expect, it } from 'vitest';
import {
  deriveKWeighting,
  integratedLoudness,
  loudness,
  loudnessRange,
  momentaryLoudness,
  shortTermLoudness,
  thd,
} from '../src/index.js';

const tone = (sampleRate: number) =>
  createAudioBuffer(
    Float32Array.from({ length: Math.max(3 * sampleRate, 64) }, (_, i) => 0.5 * Math.sin(i * 0.3)),
    sampleRate,
    1,
  );

function code(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return isVocoderError(error) ? error.code : `not a VocoderError: ${String(error)}`;
  }
}

describe('regression: metrics at low sample rates', () => {
  it.each([1, 3, 5, 100, 1000, 3000, 3363])('loudness refuses %i Hz with E_SAMPLE_RATE', (rate) => {
    const audio = tone(rate);
    for (const f of [
      loudness,
      integratedLoudness,
      loudnessRange,
      momentaryLoudness,
      shortTermLoudness,
    ]) {
      expect(code(() => f(audio))).toBe('E_SAMPLE_RATE');
    }
    expect(code(() => deriveKWeighting(rate))).toBe('E_SAMPLE_RATE');
  });

  it('still measures just above the limit, with a stable filter', () => {
    const [shelf, highpass] = deriveKWeighting(3365);
    for (const s of [shelf, highpass]) expect(Math.abs(s.a2)).toBeLessThan(1);
    const lufs = integratedLoudness(tone(4000));
    expect(lufs).toBeGreaterThan(-12);
    expect(lufs).toBeLessThan(-7);
  });

  it.each([1, 2, 5, 10, 20])(
    'THD refuses %i Hz with E_METRIC_INPUT instead of a RangeError',
    (rate) => {
      expect(code(() => thd(tone(rate)))).toBe('E_METRIC_INPUT');
    },
  );
});
