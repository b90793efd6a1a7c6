/**
 * Normalisation to a target level measured by any function: peak, RMS, or (from
 * `@voirs/metrics`) integrated loudness in LUFS.
 */
import { InputError, type AudioBuffer } from '@voirs/core';
import { peakDb, rmsDb } from '../analysis/levels.js';
import { assertAudio, assertFinite } from './assert-audio.js';
import { applyGainDb } from './gain.js';

/** A level measurement in dB (dBFS, LUFS…) that moves by exactly `g` dB when the audio is scaled by `g` dB. */
export type LevelMeasure = (audio: AudioBuffer) => number;

/** Options of {@link normalizeTo}. */
export interface NormalizeOptions {
  /** Never boost by more than this many dB (keeps near-silent input from being blown up). */
  readonly maxGainDb?: number;
  /** Never let the sample peak exceed this many dBFS (e.g. -1); the gain is lowered instead. */
  readonly ceilingDb?: number;
}

/** Result of a normalisation. */
export interface NormalizeResult {
  readonly audio: AudioBuffer;
  /** The gain applied, in dB. */
  readonly gainDb: number;
  /** The level measured before the gain. */
  readonly measuredDb: number;
  /** What decided the gain: the target, `maxGainDb` or `ceilingDb`. */
  readonly limitedBy: 'target' | 'maxGain' | 'ceiling';
}

/**
 * Scales `audio` so that `measure` reads `targetDb`, in one pass (exact for measures that follow
 * gain, such as peak, RMS and gated loudness away from its absolute gate).
 *
 * ```ts
 * const { audio: out } = normalizeTo(audio, -23, (a) => integratedLoudness(a), { ceilingDb: -1 });
 * ```
 * @throws InputError `E_AUDIO_INVALID` when the measure is not finite (silent audio cannot be
 * normalised); ConfigError `E_INVALID_ARGUMENT` for a non-finite target or option.
 */
export function normalizeTo(
  audio: AudioBuffer,
  targetDb: number,
  measure: LevelMeasure,
  options: NormalizeOptions = {},
): NormalizeResult {
  assertAudio(audio);
  assertFinite(targetDb, 'target level');
  if (typeof measure !== 'function')
    throw new TypeError('measure must be a function returning a level in dB');
  const measuredDb = measure(audio);
  if (typeof measuredDb !== 'number' || !Number.isFinite(measuredDb)) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `Cannot normalise: the level measured is ${measuredDb} dB (silent or empty audio has no level to scale).`,
      { details: { measuredDb } },
    );
  }
  let gainDb = targetDb - measuredDb;
  let limitedBy: NormalizeResult['limitedBy'] = 'target';
  if (options.maxGainDb !== undefined) {
    assertFinite(options.maxGainDb, 'maxGainDb');
    if (gainDb > options.maxGainDb) {
      gainDb = options.maxGainDb;
      limitedBy = 'maxGain';
    }
  }
  if (options.ceilingDb !== undefined) {
    assertFinite(options.ceilingDb, 'ceilingDb');
    const headroom = options.ceilingDb - peakDb(audio);
    if (gainDb > headroom) {
      gainDb = headroom;
      limitedBy = 'ceiling';
    }
  }
  return { audio: applyGainDb(audio, gainDb), gainDb, measuredDb, limitedBy };
}

/** Scales the sample peak to `targetDb` dBFS (default -1). */
export function normalizePeak(
  audio: AudioBuffer,
  targetDb = -1,
  options: NormalizeOptions = {},
): NormalizeResult {
  return normalizeTo(audio, targetDb, peakDb, options);
}

/**
 * Scales the RMS level to `targetDb` dBFS (default -20). Peaks may exceed 0 dBFS unless
 * `ceilingDb` is set.
 */
export function normalizeRms(
  audio: AudioBuffer,
  targetDb = -20,
  options: NormalizeOptions = {},
): NormalizeResult {
  return normalizeTo(audio, targetDb, rmsDb, options);
}
