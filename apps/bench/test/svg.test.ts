import { describe, expect, it } from 'vitest';
import { escapeXml, formatValue, renderBarChart, ticks } from '../src/report/svg.js';

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('renderBarChart', () => {
  it('draws one bar per measurement, with labels, values, a legend and a marker', () => {
    const svg = renderBarChart({
      title: 'RTF <median>',
      unit: 'RTF',
      bars: [
        { label: 'voirs & co', value: 0.02, group: 'voirs' },
        { label: 'naive', value: 0.05, group: 'naive' },
        { label: 'torch', value: 0.4, group: 'torch' },
      ],
      scale: 'log',
      marker: { value: 0.015, label: 'target' },
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('RTF &lt;median&gt;');
    expect(svg).toContain('voirs &amp; co');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    // background + 3 legend swatches + 3 bars
    expect(count(svg, /<rect /g)).toBe(7);
    expect(svg).toContain('>0.4<');
    expect(svg).toContain('stroke-dasharray'); // the marker
    expect(svg).toContain('(log scale)');
  });

  it('puts longer values further right on a linear axis', () => {
    const svg = renderBarChart({
      title: 't',
      unit: 'ms',
      bars: [
        { label: 'a', value: 1 },
        { label: 'b', value: 3 },
      ],
    });
    const widths = [
      ...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="18"/g),
    ].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1]! / widths[0]!).toBeCloseTo(3, 1);
  });

  it('cuts very long labels and keeps the full text as a tooltip', () => {
    const label = `resample: StreamingResampler 48000 -> 22050, 60 s in 512-frame blocks`;
    const svg = renderBarChart({ title: 't', unit: 'ms', bars: [{ label, value: 1 }] });
    expect(svg).toContain(`<title>${escapeXml(label)}</title>`);
    expect(svg).toContain(`${escapeXml(label.slice(0, 57))}…</text>`);
  });

  it('refuses charts it cannot draw honestly', () => {
    const bad =
      (value: number, scale: 'linear' | 'log' = 'linear') =>
      () =>
        renderBarChart({ title: 't', unit: 'u', scale, bars: [{ label: 'x', value }] });
    for (const f of [bad(Number.NaN), bad(-1), bad(Number.POSITIVE_INFINITY), bad(0, 'log')]) {
      expect(f).toThrowError(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    }
    expect(() => renderBarChart({ title: 't', unit: 'u', bars: [] })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });
});

describe('chart helpers', () => {
  it('escapes XML, formats values and picks ticks', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(formatValue(0.012345)).toBe('0.0123');
    expect(formatValue(1234.5)).toBe('1230');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(2e-5)).toBe('2.00e-5');
    expect(ticks(0.01, 10, 'log')).toEqual([0.01, 0.1, 1, 10]);
    expect(ticks(0, 10.8, 'linear')).toEqual([0, 5, 10]);
    expect(ticks(0, 0.5, 'linear')).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });
});
