/**
 * Signal health checks (levels, dynamic range, clipping, DC offset) built on dsp's analysis
 * helpers (`peakDb`, `rmsDb`, `dynamicRange`, `clippingCount`, `dcOffset`), plus the detection
 * of clipped runs: at least `minRun` consecutive samples of one channel at or beyond the clip level.
 */
import type { AudioBuffer } from '@voirs/core';
import { clippingCount, dcOffset, dynamicRange, peakDb, rmsDb } from '@voirs/dsp';
import { intOption, monoAudio, numberOption } from './validate.js';

/** Options of {@link signalHealth}. */
export interface SignalHealthOptions {
  /** Clip level (default 32767/32768, the largest 16-bit code). */
  readonly clipThreshold?: number;
  /** Consecutive samples at the clip level that count as a clipped run (default 3). */
  readonly minRun?: number;
  /** |DC offset| above this level in dBFS is reported as an offset (default -60). */
  readonly dcThresholdDb?: number;
}

/** Result of {@link signalHealth}. */
export interface SignalHealth {
  readonly samplePeakDb: number;
  readonly rmsDb: number;
  /** dsp `dynamicRange`: 95th minus 10th percentile of 50 ms frame levels (NaN for silence). */
  readonly dynamicRangeDb: number;
  /** Samples at or beyond the clip level. */
  readonly clippedSamples: number;
  /** Runs of `minRun` or more consecutive clipped samples. */
  readonly clippedRuns: number;
  /** True when there is at least one clipped run. */
  readonly clipping: boolean;
  /** Mean of each channel. */
  readonly dcOffset: readonly number[];
  /** Largest |DC offset| in dBFS (-Infinity when there is none). */
  readonly dcOffsetDb: number;
  readonly hasDcOffset: boolean;
}

/**
 * Levels, dynamic range, clipping and DC offset of `audio`.
 * @throws InputError `E_METRIC_INPUT` for empty or non-finite audio.
 */
export function signalHealth(audio: AudioBuffer, options: SignalHealthOptions = {}): SignalHealth {
  monoAudio(audio, 'audio', 'signal health');
  const threshold = numberOption(
    options.clipThreshold,
    32767 / 32768,
    'clipThreshold',
    Number.MIN_VALUE,
  );
  const minRun = intOption(options.minRun, 3, 'minRun');
  const dcThresholdDb = numberOption(options.dcThresholdDb, -60, 'dcThresholdDb');
  const { samples, channels } = audio;
  let runs = 0;
  for (let c = 0; c < channels; c++) {
    let length = 0;
    for (let p = c; p < samples.length; p += channels) {
      if (Math.abs(samples[p]!) >= threshold) {
        length++;
        if (length === minRun) runs++;
      } else length = 0;
    }
  }
  const offsets = dcOffset(audio);
  const dcDb = 20 * Math.log10(Math.max(...offsets.map(Math.abs)));
  return {
    samplePeakDb: peakDb(audio),
    rmsDb: rmsDb(audio),
    dynamicRangeDb: dynamicRange(audio),
    clippedSamples: clippingCount(audio, threshold),
    clippedRuns: runs,
    clipping: runs > 0,
    dcOffset: offsets,
    dcOffsetDb: dcDb,
    hasDcOffset: dcDb > dcThresholdDb,
  };
}
