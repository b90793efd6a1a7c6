/**
 * One entry point over every metric, by name, for tools (the CLI's `eval`) and apps: intrusive
 * metrics compare an aligned test with its reference ({@link alignPair}); non-intrusive ones
 * (loudness, health, thd, dnsmos) rate the test alone. Results are flat `name -> number` records
 * (NaN where a value is undefined).
 */
import { ConfigError, ModelError, type AudioBuffer } from '@voirs/core';
import { alignPair, type AlignOptions } from './align.js';
import type { DnsmosScorer } from './dnsmos/dnsmos.js';
import { loudness } from './loudness/loudness-report.js';
import { melCepstralDistortion } from './mcd/mcd.js';
import { pitchMetrics } from './pitch/pitch-metrics.js';
import { signalHealth } from './signal-health.js';
import { siSdr } from './si-sdr.js';
import { segmentalSnr, snr } from './snr.js';
import { logMelL1 } from './spectral/log-mel-l1.js';
import { logSpectralDistance } from './spectral/log-spectral-distance.js';
import { multiResolutionStft } from './spectral/multi-resolution-stft.js';
import { stoi } from './stoi/stoi.js';
import { thd } from './distortion/thd.js';

type Pair = (ref: AudioBuffer, test: AudioBuffer) => Record<string, number>;
type Single = (
  audio: AudioBuffer,
  context: { dnsmos?: DnsmosScorer; signal?: AbortSignal },
) => Promise<Record<string, number>> | Record<string, number>;

const one = (name: string, value: number) => ({ [name]: value });

/** Intrusive metrics by name. */
export const INTRUSIVE_METRICS: Readonly<Record<string, Pair>> = Object.freeze({
  'si-sdr': (r, t) => one('si-sdr', siSdr(r.samples, t.samples)),
  'si-snr': (r, t) => one('si-snr', siSdr(r.samples, t.samples, { zeroMean: true })),
  snr: (r, t) => one('snr', snr(r.samples, t.samples)),
  'seg-snr': (r, t) =>
    one('seg-snr', segmentalSnr(r.samples, t.samples, { sampleRate: r.sampleRate })),
  stoi: (r, t) => one('stoi', stoi(r, t)),
  estoi: (r, t) => one('estoi', stoi(r, t, { extended: true })),
  lsd: (r, t) => one('lsd', logSpectralDistance(r, t)),
  'mel-l1': (r, t) => one('mel-l1', logMelL1(r, t)),
  mrstft: (r, t) => {
    const m = multiResolutionStft(r, t);
    return { mrstft: m.total, 'mrstft.sc': m.spectralConvergence, 'mrstft.mag': m.logMagnitude };
  },
  mcd: (r, t) => one('mcd', melCepstralDistortion(r, t)),
  pitch: (r, t) => {
    const p = pitchMetrics(r, t);
    return {
      'pitch.rmse-cents': p.rmseCents,
      'pitch.vuv-f1': p.vuvF1,
      'pitch.periodicity-rmse': p.periodicityRmse,
    };
  },
});

/** Non-intrusive metrics by name (they rate one signal). */
export const SINGLE_METRICS: Readonly<Record<string, Single>> = Object.freeze({
  loudness: (a) => {
    const l = loudness(a);
    return {
      'loudness.integrated': l.integrated,
      'loudness.momentary-max': l.momentaryMax,
      'loudness.short-term-max': l.shortTermMax,
      'loudness.range': l.range,
      'loudness.true-peak': l.truePeak,
    };
  },
  health: (a) => {
    const h = signalHealth(a);
    return {
      'health.peak-db': h.samplePeakDb,
      'health.rms-db': h.rmsDb,
      'health.dynamic-range-db': h.dynamicRangeDb,
      'health.clipped-samples': h.clippedSamples,
      'health.clipped-runs': h.clippedRuns,
      'health.dc-offset-db': h.dcOffsetDb,
    };
  },
  thd: (a) => {
    const r = thd(a);
    return {
      'thd.fundamental-hz': r.fundamentalHz,
      'thd.percent': r.thdPercent,
      'thd.db': r.thdDb,
      'thd-n.db': r.thdNDb,
    };
  },
  dnsmos: async (a, { dnsmos, signal }) => {
    if (dnsmos === undefined)
      throw new ModelError(
        'E_MODEL_NOT_FOUND',
        'The dnsmos metric needs the DNSMOS models: pass a DnsmosScorer.',
      );
    const s = await dnsmos.score(a, { signal });
    return {
      'dnsmos.ovrl': s.ovrl,
      'dnsmos.sig': s.sig,
      'dnsmos.bak': s.bak,
      ...(s.p808 === undefined ? {} : { 'dnsmos.p808': s.p808 }),
    };
  },
});

/** Every metric name {@link evaluate} knows. */
export const METRIC_NAMES: readonly string[] = Object.freeze([
  ...Object.keys(INTRUSIVE_METRICS),
  ...Object.keys(SINGLE_METRICS),
]);
/** Metrics computed for a pair when none are named. */
export const DEFAULT_PAIR_METRICS: readonly string[] = Object.freeze([
  'si-sdr',
  'snr',
  'stoi',
  'estoi',
  'lsd',
  'mel-l1',
  'mrstft',
  'mcd',
  'pitch',
]);
/** Metrics computed for a single file when none are named. */
export const DEFAULT_SINGLE_METRICS: readonly string[] = Object.freeze(['loudness', 'health']);

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Metric names (default {@link DEFAULT_PAIR_METRICS} with a reference, else {@link DEFAULT_SINGLE_METRICS}). */
  readonly metrics?: readonly string[];
  readonly align?: AlignOptions;
  /** Needed for `dnsmos`. */
  readonly dnsmos?: DnsmosScorer;
  readonly signal?: AbortSignal;
}

/** Result of {@link evaluate}. */
export interface Evaluation {
  readonly values: Record<string, number>;
  /** How the pair was aligned (absent without a reference). */
  readonly alignment?: {
    mode: string;
    lag: number;
    resampledFrom?: number;
    droppedReference: number;
    droppedTest: number;
    seconds: number;
  };
}

/**
 * Computes the named metrics of `test` (against `reference` when given).
 * @throws ConfigError `E_INVALID_ARGUMENT` for an unknown name or an intrusive metric without a
 * reference; each metric's own errors (`E_METRIC_INPUT`…).
 */
export async function evaluate(
  reference: AudioBuffer | undefined,
  test: AudioBuffer,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const names =
    options.metrics ?? (reference === undefined ? DEFAULT_SINGLE_METRICS : DEFAULT_PAIR_METRICS);
  for (const name of names) {
    if (!METRIC_NAMES.includes(name)) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `Unknown metric "${name}". Known metrics: ${METRIC_NAMES.join(', ')}.`,
      );
    }
    if (reference === undefined && name in INTRUSIVE_METRICS) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `The ${name} metric compares against a reference; give a reference file, or pick from ${Object.keys(SINGLE_METRICS).join(', ')}.`,
      );
    }
  }
  const values: Record<string, number> = {};
  let alignment: Evaluation['alignment'];
  const intrusive = names.filter((n) => n in INTRUSIVE_METRICS);
  if (reference !== undefined && intrusive.length > 0) {
    const pair = alignPair(reference, test, options.align);
    const { mode, lag, resampledFrom, droppedReference, droppedTest } = pair;
    alignment = {
      mode,
      lag,
      ...(resampledFrom === undefined ? {} : { resampledFrom }),
      droppedReference,
      droppedTest,
      seconds: pair.reference.samples.length / pair.reference.sampleRate,
    };
    for (const name of intrusive)
      Object.assign(values, INTRUSIVE_METRICS[name]!(pair.reference, pair.test));
  }
  for (const name of names.filter((n) => n in SINGLE_METRICS)) {
    Object.assign(
      values,
      await SINGLE_METRICS[name]!(test, { dnsmos: options.dnsmos, signal: options.signal }),
    );
  }
  return alignment === undefined ? { values } : { values, alignment };
}
