import { describe, expect, it } from 'vitest';
import { compareToBaseline, makeBaseline, parseBaseline } from '../src/baseline.js';
import { summarize } from '@voirs/cli/bench-stats';
import { metric, results } from './results-fixture.js';

const VOIRS = 'rtf/hifigan-v2/node/t2/b1';
const PEER = 'peer/onnx-naive/hifigan-v2/node/t2';
const GL = 'rtf/griffinlim/js/t1/b1';
const MEM = 'memory/hifigan-v2/node/t2/stream-120s';

function run(
  voirs: number,
  peer: number | undefined,
  gl: number,
  memory: number,
  calibration = 20,
) {
  return results(
    [
      metric(VOIRS, [voirs, voirs * 1.3], { peers: [PEER] }),
      ...(peer === undefined ? [] : [metric(PEER, [peer, peer * 2], { impl: 'onnx-naive' })]),
      metric(GL, [gl]),
      metric(MEM, [memory], { unit: 'MiB', suite: 'streaming' }),
    ],
    { calibration: summarize([calibration, calibration * 3]) },
  );
}

describe('makeBaseline', () => {
  it('keeps the best run of each voirs metric and of its peer, and the calibration', () => {
    const b = makeBaseline(run(0.02, 0.03, 0.5, 170));
    expect(Object.keys(b.metrics).sort()).toEqual([MEM, VOIRS, GL].sort());
    expect(b.metrics[VOIRS]).toMatchObject({ value: 0.02, peer: { id: PEER, value: 0.03 } });
    expect(b.metrics[GL]!.peer).toBeUndefined();
    expect(b.calibration).toBe(20);
    expect(parseBaseline(JSON.parse(JSON.stringify(b)), 'b.json')).toEqual(b);
  });
});

describe('compareToBaseline', () => {
  const baseline = makeBaseline(run(0.02, 0.03, 0.5, 170));

  it('sees no regression when the whole machine is slower (load), thanks to the normalisation', () => {
    const report = compareToBaseline(run(0.04, 0.06, 1.0, 170, 40), baseline, 15);
    expect(report.regressions).toEqual([]);
    const basis = Object.fromEntries(report.comparisons.map((c) => [c.id, c.basis]));
    expect(basis).toEqual({ [VOIRS]: 'peer', [GL]: 'calibration', [MEM]: 'raw' });
    for (const c of report.comparisons) expect(c.change).toBeCloseTo(0, 12);
  });

  it('flags a metric that got more than the threshold slower relative to its peer', () => {
    const report = compareToBaseline(run(0.0236, 0.03, 0.5, 170), baseline, 15);
    expect(report.regressions.map((r) => r.id)).toEqual([VOIRS]);
    expect(report.regressions[0]!.change).toBeCloseTo(0.18, 12);
    expect(compareToBaseline(run(0.0226, 0.03, 0.5, 170), baseline, 15).regressions).toEqual([]);
  });

  it('falls back to the calibration when the peer is missing, and compares memory raw', () => {
    const report = compareToBaseline(run(0.02, undefined, 0.5, 200), baseline, 15);
    const byId = Object.fromEntries(report.comparisons.map((c) => [c.id, c]));
    expect(byId[VOIRS]!.basis).toBe('calibration');
    expect(byId[MEM]!.change).toBeCloseTo(200 / 170 - 1, 12);
    expect(report.regressions.map((r) => r.id)).toEqual([MEM]);
  });

  it('lists metrics missing from the run and new ones', () => {
    const fresh = results([metric(GL, [0.5]), metric('rtf/new/node/t1/b1', [0.1])], {
      calibration: summarize([20]),
    });
    const report = compareToBaseline(fresh, baseline, 15);
    expect([...report.missing].sort()).toEqual([MEM, VOIRS].sort());
    expect(report.added).toEqual(['rtf/new/node/t1/b1']);
  });
});

describe('parseBaseline', () => {
  it('refuses files that are not a baseline', () => {
    for (const bad of [
      null,
      [],
      { schema: 2 },
      { schema: 1, calibration: 0, metrics: {} },
      { schema: 1, calibration: 1, metrics: { a: { value: -1 } } },
    ]) {
      expect(() => parseBaseline(bad, 'x.json')).toThrowError(
        expect.objectContaining({ code: 'E_CONFIG_INVALID' }),
      );
    }
  });
});
