/**
 * Bad numeric input to every effect and every metric: the effect and metric rows of the README
 * table, each with its defined behaviour.
 */
import { describe, expect, it } from 'vitest';
import type { EffectPlugin } from '@voirs/core';
import { EFFECT_PLUGINS } from '@voirs/effects';
import { guardRejections } from '../src/guard-rejections.js';
import { EFFECT_CASES } from '../src/numeric/effect-cases.js';
import { mismatch, settle } from '../src/numeric/expectation.js';
import { METRICS, METRIC_INPUTS, METRIC_ROWS } from '../src/numeric/metric-cases.js';

guardRejections();

const plugins = EFFECT_PLUGINS as readonly EffectPlugin[];
const paramsOf = (p: EffectPlugin) => (p.name === 'convolution' ? { ir: [1, 0.5, 0.25] } : {});

describe.each(plugins.map((p) => [p.name, p] as const))(
  'bad numeric input: effect %s',
  (_name, plugin) => {
    it.each(EFFECT_CASES.map((c) => [c.input, c] as const))('%s', async (_input, c) => {
      expect(await mismatch(c.expect, () => c.run(plugin, paramsOf(plugin)))).toBeUndefined();
    });
  },
);

/** `value` when the result is usable: numbers finite or +Infinity (a perfect SI-SDR). */
function outcomeOf(settled: { code: string; result?: unknown }): string {
  if (settled.code !== 'ok') return settled.code;
  const r = settled.result;
  if (typeof r === 'number' && !(Number.isFinite(r) || r === Infinity))
    return `non-finite result ${r}`;
  return r === undefined ? 'undefined result' : 'value';
}

describe('bad numeric input: metrics', () => {
  it.each(METRIC_ROWS.map((row) => [row.input, row] as const))('%s', async (_input, row) => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const metric of METRICS) {
      const [reference, test] = METRIC_INPUTS[row.make]();
      got[metric.name] = outcomeOf(await settle(() => metric.run(reference, test)));
      want[metric.name] = row.except?.[metric.name] ?? row.all;
    }
    expect(got).toEqual(want);
  });
});
