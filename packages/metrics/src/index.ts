/**
 * @voirs/metrics: objective speech-quality metrics for vocoder evaluation: SI-SDR/SNR, STOI/ESTOI,
 * spectral distances, mel-cepstral distortion, pitch errors, BS.1770 loudness, THD, signal health
 * and DNSMOS. Browser-safe: DNSMOS takes model bytes and a core `Backend`.
 * @packageDocumentation
 */
export { metricInputError, type Samples } from './validate.js';
export { siSdr, siSnr, type SiSdrOptions } from './si-sdr.js';
export { snr, segmentalSnr, type SegmentalSnrOptions } from './snr.js';
export { stoi, estoi, type StoiOptions } from './stoi/stoi.js';
export {
  logSpectralDistance,
  type LogSpectralDistanceOptions,
} from './spectral/log-spectral-distance.js';
export { logMelL1, HIFIGAN_LOSS_CONVENTION, type LogMelL1Options } from './spectral/log-mel-l1.js';
export {
  multiResolutionStft,
  DEFAULT_STFT_RESOLUTIONS,
  type StftResolution,
  type MultiResolutionStftResult,
} from './spectral/multi-resolution-stft.js';
export { melCepstralDistortion, type McdOptions } from './mcd/mcd.js';
export { freqt, mcepAlpha } from './mcd/freqt.js';
export {
  melCepstra,
  powerFrames,
  type MelCepstra,
  type PowerFrames,
  type CepstrumAnalysis,
} from './mcd/mel-cepstrum.js';
export { dtwPath, type WarpingPath } from './mcd/dtw.js';
export { yin, type YinOptions, type PitchTrack } from './pitch/yin.js';
export { pitchMetrics, type PitchMetrics } from './pitch/pitch-metrics.js';
export {
  kWeighting,
  deriveKWeighting,
  K_SHELF_48K,
  K_HIGHPASS_48K,
} from './loudness/k-weighting.js';
export { defaultChannelWeights, type LoudnessOptions } from './loudness/weighted-power.js';
export {
  integratedLoudness,
  momentaryLoudness,
  shortTermLoudness,
  type LoudnessSeries,
} from './loudness/loudness.js';
export { loudnessRange } from './loudness/loudness-range.js';
export { truePeakDb } from './loudness/true-peak.js';
export { loudness, type LoudnessReport } from './loudness/loudness-report.js';
export { thd, type ThdOptions, type ThdResult } from './distortion/thd.js';
export { signalHealth, type SignalHealth, type SignalHealthOptions } from './signal-health.js';
export {
  DnsmosScorer,
  dnsmos,
  DNSMOS_POLYNOMIALS,
  DNSMOS_SAMPLE_RATE,
  DNSMOS_WINDOW,
  type DnsmosModels,
  type DnsmosOptions,
  type DnsmosScores,
  type SessionFactory,
} from './dnsmos/dnsmos.js';
export { p808Features } from './dnsmos/p808-features.js';
export {
  alignPair,
  bestLag,
  type AlignMode,
  type AlignOptions,
  type AlignedPair,
} from './align.js';
export {
  evaluate,
  METRIC_NAMES,
  DEFAULT_PAIR_METRICS,
  DEFAULT_SINGLE_METRICS,
  INTRUSIVE_METRICS,
  SINGLE_METRICS,
  type EvaluateOptions,
  type Evaluation,
} from './evaluate.js';
