/**
 * Hz <-> mel conversions. `slaney` is the Auditory Toolbox scale that librosa uses by default
 * (linear, 200/3 Hz per mel, below 1 kHz; logarithmic above, 27 mels per factor 6.4); `htk` is
 * `2595 * log10(1 + hz / 700)`, torchaudio's default.
 */
import type { MelScale } from '@voirs/core';

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

const checkScale = (scale: MelScale): void => {
  if (scale !== 'slaney' && scale !== 'htk')
    throw new TypeError(`Unknown mel scale ${String(scale)}; expected slaney or htk`);
};

/** Converts a frequency in Hz to mels on the given scale (default `slaney`). */
export function hzToMel(hz: number, scale: MelScale = 'slaney'): number {
  checkScale(scale);
  if (scale === 'htk') return 2595 * Math.log10(1 + hz / 700);
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

/** Converts mels on the given scale (default `slaney`) back to Hz; the inverse of {@link hzToMel}. */
export function melToHz(mel: number, scale: MelScale = 'slaney'): number {
  checkScale(scale);
  if (scale === 'htk') return 700 * (10 ** (mel / 2595) - 1);
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}
