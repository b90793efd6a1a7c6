/**
 * Horizontal bar charts as standalone SVG (no dependency): one bar per measurement, labels on the
 * left, the value at the end of each bar, colours by group with a legend, a linear or logarithmic
 * axis, and an optional vertical marker (a target or "1×").
 */
import { InputError } from '@voirs/core';

/** One bar. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Colour group (e.g. `voirs`, `onnx-naive`, `torch`). */
  readonly group?: string;
}

/** A chart. */
export interface BarChart {
  readonly title: string;
  /** Axis unit, e.g. `RTF` or `ms`. */
  readonly unit: string;
  readonly bars: readonly Bar[];
  readonly scale?: 'linear' | 'log';
  readonly marker?: { readonly value: number; readonly label: string };
}

const PALETTE = ['#2f6fb0', '#e08a2c', '#4a9a5b', '#b0413e', '#7b5ea7', '#8c8c8c'];
const WIDTH = 820;
const BAR = 18;
const GAP = 6;
const CHAR = 6.4; // average glyph width at 11 px
/** Longest label shown in full; longer ones are cut with an ellipsis (the full text is the tooltip). */
const MAX_LABEL = 58;

const shorten = (label: string) =>
  label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

/** A value with 3 significant digits (no exponent for everyday magnitudes). */
export function formatValue(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3) return x.toExponential(2);
  return Number(x.toPrecision(3)).toString();
}

/** Axis ticks: decades for log scales, 1-2-5 steps for linear ones. */
export function ticks(low: number, high: number, scale: 'linear' | 'log'): number[] {
  if (scale === 'log') {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(low)); e <= Math.ceil(Math.log10(high)); e++)
      out.push(10 ** e);
    return out;
  }
  const raw = high / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  return Array.from({ length: Math.floor(high / step + 1e-9) + 1 }, (_, i) =>
    Number((i * step).toPrecision(12)),
  );
}

/**
 * Renders a chart.
 * @throws InputError `E_INVALID_ARGUMENT` for no bars, or a value that is not finite and positive
 * (non-negative on a linear axis).
 */
export function renderBarChart(chart: BarChart): string {
  const scale = chart.scale ?? 'linear';
  if (chart.bars.length === 0)
    throw new InputError('E_INVALID_ARGUMENT', `Chart "${chart.title}" has no bars.`);
  for (const bar of chart.bars) {
    if (!Number.isFinite(bar.value) || bar.value < 0 || (scale === 'log' && bar.value === 0)) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `Chart "${chart.title}": bar "${bar.label}" has the value ${bar.value}.`,
      );
    }
  }
  const values = [...chart.bars.map((b) => b.value), ...(chart.marker ? [chart.marker.value] : [])];
  const groups = [...new Set(chart.bars.map((b) => b.group ?? ''))];
  const legend = groups.length > 1 || (groups[0] ?? '') !== '';
  const left =
    Math.min(MAX_LABEL * CHAR, Math.max(...chart.bars.map((b) => b.label.length)) * CHAR) + 16;
  const right = WIDTH - 70;
  const top = 40 + (legend ? 20 : 0);
  const height = top + chart.bars.length * (BAR + GAP) + 40;
  const low = scale === 'log' ? 10 ** Math.floor(Math.log10(Math.min(...values))) : 0;
  const max = Math.max(...values);
  const high =
    scale === 'log' ? 10 ** Math.ceil(Math.log10(max) + 1e-12) : max > 0 ? max * 1.08 : 1;
  const x = (v: number) =>
    scale === 'log'
      ? left +
        ((Math.log10(v) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) * (right - left)
      : left + (v / high) * (right - left);
  const colour = (group: string | undefined) =>
    PALETTE[groups.indexOf(group ?? '') % PALETTE.length]!;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14" font-weight="600">${escapeXml(chart.title)}</text>`,
  ];
  if (legend) {
    groups.forEach((g, i) => {
      const lx = left + i * 150;
      out.push(
        `<rect x="${lx}" y="34" width="12" height="12" fill="${colour(g)}"/>`,
        `<text x="${lx + 16}" y="44">${escapeXml(g || 'other')}</text>`,
      );
    });
  }
  const axisY = top + chart.bars.length * (BAR + GAP);
  for (const t of ticks(low, high, scale).filter((t) => t >= low && t <= high * (1 + 1e-9))) {
    const tx = x(t).toFixed(1);
    out.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${axisY}" stroke="#e3e3e3"/>`,
      `<text x="${tx}" y="${axisY + 14}" text-anchor="middle" fill="#555">${formatValue(t)}</text>`,
    );
  }
  chart.bars.forEach((bar, i) => {
    const y = top + i * (BAR + GAP);
    const end = x(Math.max(bar.value, low));
    out.push(
      `<text x="${left - 8}" y="${y + BAR * 0.7}" text-anchor="end"><title>${escapeXml(bar.label)}</title>${escapeXml(shorten(bar.label))}</text>`,
      `<rect x="${left}" y="${y}" width="${Math.max(1, end - left).toFixed(1)}" height="${BAR}" fill="${colour(bar.group)}"/>`,
      `<text x="${(end + 4).toFixed(1)}" y="${y + BAR * 0.7}">${formatValue(bar.value)}</text>`,
    );
  });
  out.push(
    `<line x1="${left}" y1="${axisY}" x2="${right}" y2="${axisY}" stroke="#888"/>`,
    `<text x="${(left + right) / 2}" y="${axisY + 30}" text-anchor="middle" fill="#333">${escapeXml(chart.unit)}${scale === 'log' ? ' (log scale)' : ''}</text>`,
  );
  if (chart.marker) {
    const mx = x(chart.marker.value).toFixed(1);
    out.push(
      `<line x1="${mx}" y1="${top - 6}" x2="${mx}" y2="${axisY}" stroke="#b0413e" stroke-dasharray="4 3"/>`,
      `<text x="${mx}" y="${top - 8}" text-anchor="middle" fill="#b0413e">${escapeXml(chart.marker.label)}</text>`,
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
