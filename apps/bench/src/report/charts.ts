/**
 * The charts of a run: which metrics go into which SVG file.
 */
import type { BenchResults, Metric } from '../results.js';
import { renderBarChart, type Bar, type BarChart } from './svg.js';

/** Legend names of the implementations. */
const IMPL_NAMES = {
  voirs: 'voirs-vocoder',
  'onnx-naive': 'naive ONNX export',
  torch: 'PyTorch',
} as const;

const bar = (m: Metric, label = m.label): Bar => ({
  label,
  value: m.stats.median,
  group: IMPL_NAMES[m.impl],
});

/** The chart specifications of a run, by file name (only charts with data). */
function chartSpecs(results: Pick<BenchResults, 'metrics'>): Record<string, BarChart> {
  const metrics = results.metrics;
  const specs: Record<string, BarChart> = {};
  const rtf = metrics.filter((m) => m.suite === 'vocoder' && m.unit === 'rtf');
  if (rtf.length > 0) {
    specs['rtf.svg'] = {
      title: 'Vocoder real-time factor (median; lower is faster)',
      unit: 'RTF = compute time / audio duration',
      scale: 'log',
      bars: rtf.map((m) => bar(m)),
    };
  }
  const stream = metrics.filter((m) => m.suite === 'streaming' && m.unit === 'ms');
  if (stream.length > 0) {
    specs['streaming.svg'] = {
      title: 'Streaming latency, HiFi-GAN V2 (median)',
      unit: 'milliseconds',
      bars: stream.map((m) => ({
        label: `${m.details?.chunk_frames ?? '?'} frames: ${m.id.endsWith('/first-audio') ? 'first audio' : 'per chunk'}`,
        value: m.stats.median,
        group: m.id.endsWith('/first-audio') ? 'first audio' : 'per chunk',
      })),
    };
  }
  const mel = metrics.filter((m) => m.suite === 'mel');
  if (mel.length > 0) {
    specs['mel.svg'] = {
      title: 'hifigan mel frontend, 60 s of audio, 1 thread (median)',
      unit: 'milliseconds',
      bars: mel.map((m) => bar(m)),
    };
  }
  const dsp = metrics.filter((m) => m.suite === 'dsp');
  if (dsp.length > 0) {
    specs['dsp.svg'] = {
      title: 'DSP micro-benchmarks (median time per operation)',
      unit: 'milliseconds',
      scale: 'log',
      bars: dsp.map((m) => bar(m)),
    };
  }
  return specs;
}

/** Renders every chart of a run: file name to SVG text. */
export function renderCharts(results: Pick<BenchResults, 'metrics'>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(chartSpecs(results)).map(([file, spec]) => [file, renderBarChart(spec)]),
  );
}
