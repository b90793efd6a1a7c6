/**
 * results.md: the run as Markdown tables (machine, targets, RTF with peer ratios, streaming,
 * memory, cold start, mel frontend, DSP micro-benchmarks, skipped measurements) with its charts.
 */
import type { CheckReport } from '../baseline.js';
import { findMetric, type BenchResults, type Metric } from '../results.js';
import { evaluateTargets } from '../targets.js';
import { formatValue } from './svg.js';

/** Escapes a table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Milliseconds in the most readable unit. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${formatValue(ms / 1000)} s`;
  if (ms >= 0.1) return `${formatValue(ms)} ms`;
  return `${formatValue(ms * 1000)} µs`;
}

const show = (m: Metric, x: number) =>
  m.unit === 'ms' ? formatMs(x) : m.unit === 'MiB' ? `${formatValue(x)} MiB` : formatValue(x);
const rme = (m: Metric) => (m.stats.n > 1 ? `±${m.stats.rme.toFixed(1)} %` : '—');

/** `peer / metric` as "2.3× faster" (or slower), on medians. */
function ratio(
  results: Pick<BenchResults, 'metrics'>,
  m: Metric,
  peerId: string | undefined,
): string {
  const peer = peerId === undefined ? undefined : findMetric(results, peerId);
  if (peer === undefined) return '—';
  const r = peer.stats.median / m.stats.median;
  return r >= 1 ? `${formatValue(r)}× faster` : `${formatValue(1 / r)}× slower`;
}

function machineSection(r: BenchResults): string {
  const m = r.machine;
  return [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}. Node ${m.node}, onnxruntime-node ${m.onnxruntimeNode}, ` +
      `onnxruntime-web ${m.onnxruntimeWeb}, PyTorch ${m.torch ?? 'not available (peers skipped)'}. Commit ${m.commit}` +
      `${(m.uncommitted ?? []).length ? `, with uncommitted changes in ${m.uncommitted.join(', ')}` : ''}.`,
    '',
    `Load average (1/5/15 min) at start ${m.loadAverageStart.join(' / ')}, at end ${m.loadAverageEnd.join(' / ')}. ` +
      `Calibration workload (fixed single-threaded JS): median ${formatMs(r.calibration.median)}, best ${formatMs(r.calibration.min)}.`,
    '',
    `Run ${r.startedAt} → ${r.finishedAt}; options: ${Object.entries(r.options)
      .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
      .join(', ')}.`,
    '',
    ...Object.entries(r.inputs).map(([k, v]) => `- input \`${k}\`: ${v}`),
  ].join('\n');
}

function targetsSection(r: BenchResults): string {
  const rows = evaluateTargets(r).map(({ target, measured, status }) => [
    target.label,
    `${target.bound === 'max' ? '≤' : '≥'} ${target.threshold} ${target.unit}`,
    measured === undefined ? '—' : `${formatValue(measured)} ${target.unit}`,
    status === 'pass' ? '✅ pass' : status === 'fail' ? '❌ fail' : 'not measured',
  ]);
  return `## Targets\n\nMedians of this run (2-core machine, fp32).\n\n${table(['target', 'goal', 'measured', 'status'], rows)}`;
}

function rtfSection(r: BenchResults): string {
  const rows = r.metrics
    .filter((m) => m.suite === 'vocoder' && m.unit === 'rtf')
    .map((m) => [
      m.label,
      formatValue(m.stats.median),
      formatValue(m.stats.min),
      formatValue(m.stats.p99),
      rme(m),
      String(m.stats.n),
      ...(m.impl === 'voirs' ? [ratio(r, m, m.peers?.[0]), ratio(r, m, m.peers?.[1])] : ['', '']),
    ]);
  if (rows.length === 0) return '';
  return [
    '## Vocoder real-time factor',
    '',
    'RTF = compute time / audio duration (lower is faster). Each row is a fresh process; the peers run right after the configuration they are compared with. Ratios compare medians: peer RTF / voirs RTF.',
    '',
    table(
      [
        'configuration',
        'RTF median',
        'min',
        'p99',
        'rme',
        'runs',
        'vs naive ONNX export',
        'vs PyTorch',
      ],
      rows,
    ),
    '',
    '![RTF](rtf.svg)',
  ].join('\n');
}

function streamingSection(r: BenchResults): string {
  const firsts = r.metrics.filter((m) => m.suite === 'streaming' && m.id.endsWith('/first-audio'));
  const lines: string[] = [];
  if (firsts.length > 0) {
    const rows = firsts.map((f) => {
      const prefix = f.id.slice(0, -'/first-audio'.length);
      const chunk = findMetric(r, `${prefix}/chunk`);
      const rtf = findMetric(r, `${prefix}/rtf`);
      const d = f.details ?? {};
      return [
        `${d.chunk_frames} frames (${formatMs(Number(d.chunk_audio_ms))} of audio)`,
        formatMs(f.stats.median),
        chunk
          ? `${formatMs(chunk.stats.median)} / ${formatMs(chunk.stats.p99)} / ${formatMs(chunk.stats.max)}`
          : '—',
        `${d.lookahead_frames} frames (${formatMs(Number(d.lookahead_ms))})`,
        rtf ? formatValue(rtf.stats.median) : '—',
      ];
    });
    lines.push(
      '## Streaming (HiFi-GAN V2, `vocodeStream`)',
      '',
      'Mel chunks are handed over as fast as the vocoder takes them. First audio: from the first mel chunk to the first audio chunk (compute only; a live source adds the lookahead and the chunk duration). Per chunk: time between successive audio chunks.',
      '',
      table(
        [
          'chunk',
          'first audio (median)',
          'per chunk median / p99 / max',
          'lookahead',
          'stream RTF',
        ],
        rows,
      ),
      '',
      '![streaming](streaming.svg)',
    );
  }
  const memory = r.metrics.filter((m) => m.unit === 'MiB');
  const cold = r.metrics.filter((m) => m.id.startsWith('cold-start/'));
  const extra = [...memory, ...cold].map((m) => {
    const d = m.details ?? {};
    const note =
      m.unit === 'MiB'
        ? `RSS after load ${(d.memory as Record<string, unknown> | undefined)?.rss_after_load_mib ?? '?'} MiB; peak over the stream (${(d.memory as Record<string, unknown> | undefined)?.peak_scope ?? '?'})`
        : `load ${JSON.stringify(d.load_ms)} ms, first inference ${JSON.stringify(d.first_inference_ms)} ms`;
    return [m.label, show(m, m.stats.median), String(m.stats.n), note];
  });
  if (extra.length > 0)
    lines.push(
      '',
      '## Memory and cold start',
      '',
      table(['measurement', 'median', 'runs', 'details'], extra),
    );
  return lines.join('\n');
}

function peerSection(r: BenchResults): string {
  const rows = r.metrics
    .filter((m) => m.impl === 'voirs' && (m.peers?.length ?? 0) > 0)
    .flatMap((m) => (m.peers ?? []).map((id) => [m, findMetric(r, id)] as const))
    .filter(
      (pair): pair is readonly [Metric, Metric] =>
        pair[1] !== undefined && pair[0].unit === pair[1].unit,
    )
    .map(([m, p]) => [
      m.label,
      p.label,
      show(m, m.stats.median),
      show(p, p.stats.median),
      ratio(r, m, p.id),
    ]);
  if (rows.length === 0) return '';
  return `## Peers (same run)\n\n${table(['voirs-vocoder', 'peer', 'voirs median', 'peer median', 'voirs is'], rows)}`;
}

function melSection(r: BenchResults): string {
  const voirs = r.metrics.filter((m) => m.suite === 'mel');
  if (voirs.length === 0) return '';
  const rows = voirs.map((m) => [
    m.label,
    formatMs(m.stats.median),
    formatMs(m.stats.min),
    rme(m),
    String(m.stats.n),
  ]);
  return `## Mel frontend (60 s of speech)\n\n${table(['implementation', 'median', 'min', 'rme', 'runs'], rows)}\n\n![mel](mel.svg)`;
}

function dspSection(r: BenchResults): string {
  const dsp = r.metrics.filter((m) => m.suite === 'dsp');
  if (dsp.length === 0) return '';
  const rows = dsp.map((m) => [
    m.label,
    formatMs(m.stats.median),
    formatMs(m.stats.min),
    rme(m),
    String(m.stats.n),
  ]);
  const extras = r.tables.map((t) => {
    const keys = [...new Set(t.rows.flatMap((row) => Object.keys(row)))];
    return `${t.title}:\n\n${table(
      keys,
      t.rows.map((row) => keys.map((k) => String(row[k] ?? ''))),
    )}`;
  });
  return [
    '## DSP micro-benchmarks (packages/dsp/bench, tinybench)',
    '',
    table(['task', 'median', 'min', 'rme', 'samples'], rows),
    '',
    '![dsp](dsp.svg)',
    ...extras.flatMap((e) => ['', e]),
    ...r.notes.flatMap((n) => ['', `${n.source} printed:`, '', '```text', ...n.lines, '```']),
  ].join('\n');
}

/** The regression check as Markdown. */
export function checkSection(check: CheckReport): string {
  const rows = check.comparisons.map((c) => [
    c.id,
    c.basis,
    formatValue(c.baseline),
    formatValue(c.fresh),
    `${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(1)} %`,
    c.regression ? '❌ regression' : 'ok',
  ]);
  return [
    `## Regression check (threshold +${check.threshold} %)`,
    '',
    `${check.regressions.length} regression(s) in ${check.comparisons.length} metrics. Values are best runs normalised by the in-run peer (peer), the calibration workload (calibration) or raw (memory).`,
    '',
    table(['metric', 'basis', 'baseline', 'fresh', 'change', 'status'], rows),
    ...(check.missing.length ? ['', `Not measured in this run: ${check.missing.join(', ')}.`] : []),
    ...(check.added.length ? ['', `Not in the baseline yet: ${check.added.join(', ')}.`] : []),
  ].join('\n');
}

/** Renders results.md. */
export function renderMarkdown(r: BenchResults, check?: CheckReport): string {
  const skipped = r.skipped.length
    ? `## Skipped\n\n${table(
        ['what', 'why'],
        r.skipped.map((s) => [s.what, s.why]),
      )}`
    : '';
  const sections = [
    `# voirs-vocoder benchmark, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    machineSection(r),
    targetsSection(r),
    rtfSection(r),
    peerSection(r),
    streamingSection(r),
    melSection(r),
    dspSection(r),
    check === undefined ? '' : checkSection(check),
    skipped,
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}
