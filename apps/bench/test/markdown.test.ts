import { describe, expect, it } from 'vitest';
import {
  MEL_TORCH_ID,
  MEL_VOIRS_ID,
  coldStartId,
  naiveId,
  rtfId,
  torchId,
} from '../src/cells/cell.js';
import { renderCharts } from '../src/report/charts.js';
import { cell, formatMs, renderMarkdown, table } from '../src/report/markdown.js';
import { evaluateTargets } from '../src/targets.js';
import { metric, results } from './results-fixture.js';

const V2 = rtfId('hifigan-v2', 'node', 2);
const run = results(
  [
    metric(V2, [0.012, 0.013, 0.014], {
      label: 'HiFi-GAN V2 | node',
      peers: [naiveId('hifigan-v2', 'node', 2), torchId('hifigan-v2', 2)],
    }),
    metric(naiveId('hifigan-v2', 'node', 2), [0.026, 0.03], {
      impl: 'onnx-naive',
      label: 'naive V2',
    }),
    metric(rtfId('hifigan-v2', 'web', 2), [0.1, 0.11], { label: 'V2 web' }),
    metric(MEL_VOIRS_ID, [100, 110], {
      suite: 'mel',
      unit: 'ms',
      label: 'voirs mel',
      peers: [MEL_TORCH_ID],
    }),
    metric(MEL_TORCH_ID, [300, 330], {
      suite: 'mel',
      unit: 'ms',
      impl: 'torch',
      label: 'torch mel',
    }),
    metric(coldStartId(2), [250, 260, 270], {
      unit: 'ms',
      label: 'cold start',
      details: { load_ms: [1], first_inference_ms: [2] },
    }),
    metric('dsp/stft/realfft-1024-.forward', [0.004, 0.005], {
      suite: 'dsp',
      unit: 'ms',
      label: 'stft: realFft(1024).forward',
    }),
  ],
  {
    skipped: [{ what: 'PyTorch V2 generator, 2 threads', why: 'no torch' }],
    tables: [
      { title: 'griffinlim.bench.ts', rows: [{ clip: 'LJ001-0001', 'log-mel L1 @32': 0.21 }] },
    ],
    notes: [{ source: 'mel.bench.ts', lines: ['hifigan: torch (1 thread) median 600 ms'] }],
  },
);

describe('targets', () => {
  it('evaluates values and speed-ups on medians, and says what was not measured', () => {
    const byId = Object.fromEntries(evaluateTargets(run).map((t) => [t.target.id, t]));
    expect(byId['v2-node']).toMatchObject({ status: 'pass', measured: 0.013 });
    expect(byId['v2-web']).toMatchObject({ status: 'fail' });
    expect(byId['v1-node']).toMatchObject({ status: 'not measured', measured: undefined });
    expect(byId['mel-frontend']!.measured).toBeCloseTo(315 / 105, 12);
    expect(byId['mel-frontend']!.status).toBe('pass');
    expect(byId['v2-cold-start']).toMatchObject({ status: 'pass', measured: 260 });
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(run);

  it('shows the machine, the load and each target with its measured value and status', () => {
    expect(md).toContain('Test CPU, 2 cores');
    expect(md).toContain(
      'Commit abc1234, with uncommitted changes in packages/hifigan/src/graph.ts.',
    );
    expect(md).toContain('Load average (1/5/15 min) at start 1 / 1 / 1');
    expect(md).toMatch(
      /\| HiFi-GAN V2 \(official weights\), backend-node, 2 threads \| ≤ 0.015 RTF \| 0.013 RTF \| ✅ pass \|/,
    );
    expect(md).toMatch(/backend-web.*\| 0.105 RTF \| ❌ fail \|/);
    expect(md).toMatch(/V1 shape.*\| — \| not measured \|/);
  });

  it('reports peers as ratios and escapes table cells', () => {
    expect(md).toContain('HiFi-GAN V2 \\| node');
    expect(md).toMatch(/\| HiFi-GAN V2 \\\| node \| 0.013 \| 0.012 \|.*\| 2.15× faster \| — \|/);
    expect(md).toContain('3× faster');
  });

  it('lists DSP tasks, extra tables and skipped measurements', () => {
    expect(md).toContain('| stft: realFft(1024).forward | 4.5 µs |');
    expect(md).toContain('| LJ001-0001 | 0.21 |');
    expect(md).toContain(
      'mel.bench.ts printed:\n\n```text\nhifigan: torch (1 thread) median 600 ms\n```',
    );
    expect(md).toContain('| PyTorch V2 generator, 2 threads | no torch |');
    expect(md).toContain('![RTF](rtf.svg)');
  });

  it('has a chart for every section it links', () => {
    const charts = Object.keys(renderCharts(run)).sort();
    expect(charts).toEqual(['dsp.svg', 'mel.svg', 'rtf.svg']);
    for (const chart of charts) expect(md).toContain(`(${chart})`);
  });
});

describe('markdown helpers', () => {
  it('formats tables and durations', () => {
    expect(cell('a|b\nc')).toBe('a\\|b c');
    expect(table(['x', 'y'], [['1', '2']])).toBe('| x | y |\n| --- | --- |\n| 1 | 2 |');
    expect(formatMs(2500)).toBe('2.5 s');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(0.0123)).toBe('12.3 µs');
  });
});
