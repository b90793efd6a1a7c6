/**
 * Bad numeric input to the metrics: the README table's metric rows. Each metric runs every case;
 * rows hold for all of them unless the table says otherwise.
 */
import { createAudioBuffer, type AudioBuffer } from '@voirs/core';
import * as metrics from '@voirs/metrics';

/** A metric under test: intrusive (reference, test) or not (audio). */
export interface MetricSubject {
  readonly name: string;
  run(reference: AudioBuffer, test: AudioBuffer): unknown;
}

const samples = (a: AudioBuffer) => a.samples;

export const METRICS: readonly MetricSubject[] = [
  { name: 'siSdr', run: (r, t) => metrics.siSdr(samples(r), samples(t)) },
  { name: 'snr', run: (r, t) => metrics.snr(samples(r), samples(t)) },
  { name: 'segmentalSnr', run: (r, t) => metrics.segmentalSnr(samples(r), samples(t)) },
  { name: 'stoi', run: (r, t) => metrics.stoi(r, t) },
  { name: 'logSpectralDistance', run: (r, t) => metrics.logSpectralDistance(r, t) },
  { name: 'logMelL1', run: (r, t) => metrics.logMelL1(r, t) },
  { name: 'melCepstralDistortion', run: (r, t) => metrics.melCepstralDistortion(r, t) },
  { name: 'multiResolutionStft', run: (r, t) => metrics.multiResolutionStft(r, t) },
  { name: 'pitchMetrics', run: (r, t) => metrics.pitchMetrics(r, t) },
  { name: 'loudness', run: (_r, t) => metrics.loudness(t) },
  { name: 'truePeakDb', run: (_r, t) => metrics.truePeakDb(t) },
  { name: 'thd', run: (_r, t) => metrics.thd(t) },
  { name: 'signalHealth', run: (_r, t) => metrics.signalHealth(t) },
];

/** Metrics a silent (all-zero) reference makes undefined (they throw E_METRIC_INPUT). */
export const UNDEFINED_ON_SILENT_REFERENCE = new Set([
  'siSdr',
  'snr',
  'melCepstralDistortion',
  'multiResolutionStft',
]);

const speechLike = (n: number, rate: number) =>
  createAudioBuffer(
    Float32Array.from(
      { length: n },
      (_, i) =>
        0.4 * Math.sin(i * 0.05) * (1 + 0.5 * Math.sin(i * 0.0007)) + 0.05 * Math.sin(i * 1.3),
    ),
    rate,
    1,
  );

/** `audio` with a little deterministic noise added (a plausible vocoder output). */
const distorted = (audio: AudioBuffer) =>
  createAudioBuffer(
    audio.samples.map((s, i) => 0.9 * s + 0.01 * Math.sin(i * 2.7)),
    audio.sampleRate,
    1,
  );

/** The inputs of each row: [reference, test]. */
export const METRIC_INPUTS = {
  nan: () => {
    const t = speechLike(22050, 22050);
    t.samples[100] = Number.NaN;
    return [speechLike(22050, 22050), t] as const;
  },
  empty: () =>
    [
      createAudioBuffer(new Float32Array(0), 22050),
      createAudioBuffer(new Float32Array(0), 22050),
    ] as const,
  oneSample: () =>
    [
      createAudioBuffer(Float32Array.of(0.5), 22050),
      createAudioBuffer(Float32Array.of(0.4), 22050),
    ] as const,
  rates: () => [speechLike(22050, 22050), speechLike(22050, 16000)] as const,
  lengths: () => [speechLike(22050, 22050), speechLike(22000, 22050)] as const,
  silentReference: () =>
    [createAudioBuffer(new Float32Array(22050), 22050), speechLike(22050, 22050)] as const,
  rate1: () => [speechLike(64, 1), distorted(speechLike(64, 1))] as const,
  rate768k: () => [speechLike(76800, 768_000), distorted(speechLike(76800, 768_000))] as const,
};

/** What a metric does with a row's input: an error code, or `value` (a result; numbers finite or +Infinity). */
export type MetricOutcome = string;

const INTRUSIVE_ON_BUFFERS = [
  'stoi',
  'logSpectralDistance',
  'logMelL1',
  'melCepstralDistortion',
  'multiResolutionStft',
  'pitchMetrics',
];
const SINGLE_INPUT = ['loudness', 'truePeakDb', 'thd', 'signalHealth'];
const RATE_FREE = ['siSdr', 'snr', 'segmentalSnr'];
const each = (names: readonly string[], outcome: MetricOutcome) =>
  Object.fromEntries(names.map((n) => [n, outcome]));

/** The metric rows of the README table: a default outcome and the metrics that differ. */
export const METRIC_ROWS: readonly {
  readonly input: string;
  readonly make: keyof typeof METRIC_INPUTS;
  readonly all: MetricOutcome;
  readonly except?: Readonly<Record<string, MetricOutcome>>;
}[] = [
  { input: 'NaN sample', make: 'nan', all: 'E_METRIC_INPUT' },
  { input: 'empty audio', make: 'empty', all: 'E_METRIC_INPUT' },
  {
    input: 'one sample',
    make: 'oneSample',
    all: 'E_METRIC_INPUT',
    except: each(['siSdr', 'snr', 'truePeakDb', 'signalHealth'], 'value'),
  },
  {
    input: 'reference and test at different rates',
    make: 'rates',
    all: 'E_METRIC_INPUT',
    except: each([...RATE_FREE, ...SINGLE_INPUT], 'value'),
  },
  {
    input: 'reference and test of different lengths',
    make: 'lengths',
    all: 'E_METRIC_INPUT',
    except: each(SINGLE_INPUT, 'value'),
  },
  {
    input: 'silent (all-zero) reference',
    make: 'silentReference',
    all: 'value',
    except: each([...UNDEFINED_ON_SILENT_REFERENCE], 'E_METRIC_INPUT'),
  },
  {
    input: 'audio at 1 Hz (a valid rate)',
    make: 'rate1',
    all: 'E_METRIC_INPUT',
    except: {
      ...each(['siSdr', 'snr', 'melCepstralDistortion', 'truePeakDb'], 'value'),
      stoi: 'E_RESAMPLE',
      loudness: 'E_SAMPLE_RATE',
      pitchMetrics: 'E_INVALID_ARGUMENT',
      signalHealth: 'E_INVALID_ARGUMENT',
    },
  },
  {
    input: 'audio at 768 kHz, 0.1 s',
    make: 'rate768k',
    all: 'value',
    except: each(['stoi', 'loudness'], 'E_METRIC_INPUT'),
  },
];

/** The metrics of each kind, for the README. */
export const METRIC_KINDS = { INTRUSIVE_ON_BUFFERS, SINGLE_INPUT, RATE_FREE };
