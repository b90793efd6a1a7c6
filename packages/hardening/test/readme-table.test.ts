/**
 * The README's bad-numeric-input table and the rows the suites run are the same list: every case
 * of `src/numeric/` has a row in README.md, so the documented behaviour is the tested one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EFFECT_CASES } from '../src/numeric/effect-cases.js';
import { METRIC_ROWS } from '../src/numeric/metric-cases.js';
import { SETUP_CASES } from '../src/numeric/setup-cases.js';
import { VOCODER_CASES } from '../src/numeric/vocoder-cases.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = new Set(
  readme
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .map((l) => l.split(' | ')[0]!.slice(2)),
);

describe('README table', () => {
  it.each([
    ['vocoders', VOCODER_CASES.map((c) => c.input)],
    ['set-up', SETUP_CASES.map((c) => c.input)],
    ['effects', EFFECT_CASES.map((c) => c.input)],
    ['metrics', METRIC_ROWS.map((r) => r.input)],
  ])('has a row for every %s case', (_group, inputs) => {
    expect(inputs.filter((input) => !rows.has(input))).toEqual([]);
  });
});
