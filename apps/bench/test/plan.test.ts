import { describe, expect, it } from 'vitest';
import { naiveId, rtfId, torchId } from '../src/cells/cell.js';
import { DEFAULT_OPTIONS, parseOptions } from '../src/options.js';
import { buildPlan, flags } from '../src/plan.js';

const DSP = ['/repo/packages/dsp/bench/stft.bench.ts', '/repo/packages/dsp/bench/mel.bench.ts'];

describe('buildPlan', () => {
  it('runs every suite, with each voirs configuration followed by its peers', () => {
    const ids = buildPlan(DEFAULT_OPTIONS, DSP).map((c) => c.id);
    expect(ids.slice(0, 2)).toEqual(['dsp/stft', 'dsp/mel']);
    const v2 = ids.indexOf(rtfId('hifigan-v2', 'node', 2));
    expect(ids.slice(v2, v2 + 5)).toEqual([
      rtfId('hifigan-v2', 'node', 2),
      rtfId('hifigan-v2-ort', 'node', 2), // onnxruntime alone (VOIRS_NATIVE=0)
      rtfId('hifigan-v2', 'node', 2, 4),
      naiveId('hifigan-v2', 'node', 2),
      torchId('hifigan-v2', 2),
    ]);
    expect(ids).toContain(rtfId('hifigan-v2', 'web', 1));
    expect(ids).not.toContain(rtfId('hifigan-v2-ort', 'web', 1)); // the kernels are node's
    const ort = buildPlan(DEFAULT_OPTIONS, []).find(
      (c) => c.id === rtfId('hifigan-v2-ort', 'node', 2),
    );
    expect(ort?.kind === 'cli' && ort.env).toEqual({ VOIRS_NATIVE: '0' });
    expect(ids).toContain(rtfId('hifigan-v1', 'node', 2));
    const v1 = ids.indexOf(rtfId('hifigan-v1', 'node', 2));
    expect(ids[v1 + 1]).toBe(rtfId('hifigan-v1-int8', 'node', 2)); // then its batch and peers
    expect(ids).not.toContain(rtfId('hifigan-v1', 'web', 2)); // only with --full
    expect(ids).toContain('cold-start/hifigan-v2/node/t2');
    expect(ids).toContain('stream/hifigan-v2/node/t2/c16');
    expect(ids).toContain('memory/hifigan-v2/node/t2/stream-120s');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('passes the measurement settings and the prepared inputs to the CLI (V1: 3 s per run)', () => {
    const cell = buildPlan(DEFAULT_OPTIONS, []).find(
      (c) => c.id === rtfId('hifigan-v1', 'node', 1),
    );
    expect(cell?.kind).toBe('cli');
    if (cell?.kind !== 'cli') return;
    expect(cell.requires).toEqual(['mel', 'v1']);
    expect(cell.args({ mel: '/m.npy', v1: '/v1.onnx' })).toEqual([
      '--vocoder',
      'hifigan',
      '--model',
      '/v1.onnx',
      '--backend',
      'node',
      '--threads',
      '1',
      '--seconds',
      '3',
      '--input',
      '/m.npy',
      '--iterations',
      '5',
      '--time',
      '2000',
      '--warmup',
      '1',
    ]);
  });

  it('drops peers with --no-peers, keeps only matching cells with --filter', () => {
    const noPeers = buildPlan({ ...DEFAULT_OPTIONS, peers: false }, DSP);
    expect(noPeers.some((c) => c.impl !== 'voirs')).toBe(false);
    expect(noPeers.every((c) => (c.peers ?? []).length === 0)).toBe(true);
    const filtered = buildPlan({ ...DEFAULT_OPTIONS, filter: 'hifigan-v2/web' }, DSP).map(
      (c) => c.id,
    );
    expect(filtered).toEqual([
      rtfId('hifigan-v2', 'web', 1),
      naiveId('hifigan-v2', 'web', 1),
      rtfId('hifigan-v2', 'web', 2),
      naiveId('hifigan-v2', 'web', 2),
    ]);
  });

  it('writes flags and skips undefined values', () => {
    expect(flags({ vocoder: 'hifigan', threads: 2, model: undefined })).toEqual([
      '--vocoder',
      'hifigan',
      '--threads',
      '2',
    ]);
  });
});

describe('parseOptions', () => {
  it('has defaults and a quick mode', () => {
    expect(parseOptions([])).toMatchObject({
      seconds: 10,
      iterations: 5,
      threads: [1, 2],
      peers: true,
      check: false,
    });
    expect(parseOptions(['--quick']).suites).toEqual(['mel', 'vocoder', 'streaming']);
    expect(
      parseOptions(['--quick', '--threads', '2', '--no-peers', '--suite', 'vocoder,mel']),
    ).toMatchObject({
      seconds: 3,
      threads: [2],
      peers: false,
      suites: ['vocoder', 'mel'],
    });
  });

  it('reports usage errors', () => {
    for (const argv of [
      ['--bogus'],
      ['--suite', 'gpu'],
      ['--seconds', '0'],
      ['--threads', '2,2'],
      ['--threads', '1.5'],
      ['--results', 'r.json'],
      ['extra'],
    ]) {
      expect(() => parseOptions(argv), argv.join(' ')).toThrowError(
        expect.objectContaining({ code: 'E_CLI_USAGE' }),
      );
    }
  });
});
