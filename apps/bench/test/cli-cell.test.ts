import { describe, expect, it } from 'vitest';
import { cliMetrics, readStats } from '../src/cells/cli-cell.js';
import type { CliCell } from '../src/cells/cell.js';
import { dspResults, slug } from '../src/cells/worker-cell.js';

const stats = (median: number, n = 3) => ({
  n,
  median,
  min: median * 0.9,
  max: median * 1.2,
  mean: median,
  p75: median,
  p99: median * 1.1,
  sd: 0.1,
  rme: 5,
});
const summary = (extra: Record<string, unknown> = {}) => ({
  ok: true,
  arch: 'hifigan-v2',
  backend: 'node',
  threads: 2,
  mode: 'offline',
  batch: 1,
  frames: 861,
  audio_seconds: 9.99,
  iterations: 5,
  rtf: 0.02,
  rtf_min: 0.018,
  rtf_max: 0.03,
  rtf_mean: 0.021,
  rtf_p75: 0.022,
  rtf_p99: 0.029,
  rtf_sd: 0.001,
  rtf_rme: 4,
  load_ms: 200,
  first_inference_ms: 50,
  stream: null,
  memory: { rss_after_load_mib: 150, peak_rss_mib: 180, peak_scope: 'measurement' },
  ...extra,
});
const cell = (reading: CliCell['reading'], repeat = 1): CliCell => ({
  kind: 'cli',
  reading,
  repeat,
  id: `x/${reading}`,
  suite: 'vocoder',
  label: 'X',
  impl: 'voirs',
  requires: [],
  args: () => [],
  peers: ['p'],
});

describe('cliMetrics', () => {
  it('reads the RTF statistics of an offline run', () => {
    const [m] = cliMetrics(cell('rtf'), [summary()]);
    expect(m).toMatchObject({
      id: 'x/rtf',
      unit: 'rtf',
      peers: ['p'],
      stats: { n: 5, median: 0.02, min: 0.018 },
    });
    expect(m!.details).toMatchObject({ arch: 'hifigan-v2', load_ms: 200 });
  });

  it('splits a streaming run into first-audio, per-chunk and RTF metrics', () => {
    const stream = {
      first_audio_ms: stats(40),
      chunk_ms: stats(30, 80),
      lookahead_frames: 15,
      lookahead_ms: 174,
      chunk_audio_ms: 371,
    };
    const metrics = cliMetrics(cell('stream'), [summary({ stream, chunk_frames: 32 })]);
    expect(metrics.map((m) => [m.id, m.unit, m.stats.median])).toEqual([
      ['x/stream/first-audio', 'ms', 40],
      ['x/stream/chunk', 'ms', 30],
      ['x/stream/rtf', 'rtf', 0.02],
    ]);
    expect(metrics[0]!.details).toMatchObject({ chunk_frames: 32, lookahead_frames: 15 });
    expect(() => cliMetrics(cell('stream'), [summary()])).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });

  it('reads peak memory and cold starts over several processes', () => {
    expect(cliMetrics(cell('memory'), [summary()])[0]).toMatchObject({
      unit: 'MiB',
      stats: { n: 1, median: 180 },
    });
    const cold = cliMetrics(cell('cold-start', 3), [
      summary(),
      summary({ load_ms: 300 }),
      summary({ load_ms: 400 }),
    ]);
    expect(cold[0]).toMatchObject({ unit: 'ms', stats: { n: 3, median: 350, min: 250, max: 450 } });
    expect(cold[0]!.details).toMatchObject({ load_ms: [200, 300, 400] });
  });

  it('refuses malformed CLI output', () => {
    expect(() => cliMetrics(cell('rtf'), [])).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => cliMetrics(cell('rtf'), [summary({ rtf: 'fast' })])).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => readStats({ n: 1 }, 'x')).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });
});

describe('dspResults', () => {
  it('turns captured tasks into metrics, keeps extra tables and reports failed tasks', () => {
    const json = {
      tasks: [
        { name: 'stft, 10 s (nFft 1024)', stats: stats(50) },
        { name: 'broken', error: 'boom' },
      ],
      tables: [[{ clip: 'a', score: 1 }], []],
      log: ['torch: 12 ms', '', 'a\nb\n'],
    };
    const out = dspResults(
      {
        kind: 'dsp',
        id: 'dsp/stft',
        suite: 'dsp',
        label: 'l',
        impl: 'voirs',
        requires: [],
        file: '/x/stft.bench.ts',
      },
      json,
    );
    expect(out.metrics.map((m) => [m.id, m.label, m.unit])).toEqual([
      ['dsp/stft/stft-10-s-nfft-1024', 'stft: stft, 10 s (nFft 1024)', 'ms'],
    ]);
    expect(out.tables).toEqual([{ title: 'stft.bench.ts', rows: [{ clip: 'a', score: 1 }] }]);
    expect(out.failed).toEqual(['broken: boom']);
    expect(out.notes).toEqual([{ source: 'stft.bench.ts', lines: ['torch: 12 ms', 'a', 'b'] }]);
    expect(slug('realFft(1024).forward')).toBe('realfft-1024-.forward');
  });
});
