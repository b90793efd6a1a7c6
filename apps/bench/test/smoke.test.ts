/**
 * End to end: the app runs tiny suites in child processes (the CLI's bench command, the dsp capture
 * worker), writes results.json / results.md / SVG, and checks a run against a baseline.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runApp } from '../src/app.js';

function capture(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

async function app(argv: string[], dspFiles: string[] = []) {
  const stdout = capture();
  const stderr = capture();
  const code = await runApp(argv, { stdout, stderr }, { cwd: tmpdir(), dspFiles });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const TINY = fileURLToPath(new URL('./fixtures/tiny.bench.ts', import.meta.url));
const QUICK = ['--seconds', '0.3', '--iterations', '2', '--time', '0', '--no-peers'];

describe('pnpm bench (smoke)', () => {
  it('runs a vocoder cell and a micro-benchmark script, then writes JSON, Markdown and SVG', async () => {
    const out = mkdtempSync(join(tmpdir(), 'voirs-bench-smoke-'));
    const run = await app(
      ['--suite', 'vocoder,dsp', '--filter', 'griffinlim', ...QUICK, '--out', out],
      [TINY],
    );
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const ids = results.metrics.map((m: { id: string }) => m.id);
    expect(ids).toEqual(['rtf/griffinlim/js/t1/b1']);
    const gl = results.metrics[0];
    expect(gl.stats.n).toBe(2);
    expect(gl.stats.median).toBeGreaterThan(0);
    expect(gl.details).toMatchObject({ mode: 'offline', frames: 26 });
    expect(results.machine.loadAverageStart).toHaveLength(3);
    expect(readdirSync(out).sort()).toEqual(['results.json', 'results.md', 'rtf.svg']);
    expect(readFileSync(join(out, 'results.md'), 'utf8')).toContain(
      'Griffin-Lim (model-free default, 32 iterations)',
    );
    expect(run.stdout).toContain('not measured');

    const dspOut = mkdtempSync(join(tmpdir(), 'voirs-bench-smoke-dsp-'));
    const dsp = await app(['--suite', 'dsp', ...QUICK, '--out', dspOut], [TINY]);
    expect(dsp.code, dsp.stderr).toBe(0);
    const dspResults = JSON.parse(readFileSync(join(dspOut, 'results.json'), 'utf8'));
    expect(dspResults.metrics.map((m: { id: string }) => m.id)).toEqual(['dsp/tiny/sum-1000']);
    expect(dspResults.metrics[0].stats.n).toBe(4);
    expect(dspResults.notes).toEqual([{ source: 'tiny.bench.ts', lines: ['tiny bench done'] }]);
    expect(dspResults.tables).toEqual([
      { title: 'tiny.bench.ts', rows: [{ clip: 'tiny', score: 1 }] },
    ]);
    expect(readdirSync(dspOut)).toContain('dsp.svg');
  });

  it('writes a baseline and checks results against it (exit 1 on a regression)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voirs-bench-check-'));
    const baseline = join(dir, 'baseline.json');
    const first = await app(
      ['--suite', 'dsp', ...QUICK, '--out', dir, '--update-baseline', '--baseline', baseline],
      [TINY],
    );
    expect(first.code, first.stderr).toBe(0);
    const resultsFile = join(dir, 'results.json');
    const ok = await app(['--check', '--results', resultsFile, '--baseline', baseline]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('0 regression(s) in 1 metrics');

    const json = JSON.parse(readFileSync(baseline, 'utf8'));
    json.metrics['dsp/tiny/sum-1000'].value /= 2; // the baseline was twice as fast
    writeFileSync(baseline, JSON.stringify(json));
    const slower = await app(['--check', '--results', resultsFile, '--baseline', baseline]);
    expect(slower.code).toBe(1);
    expect(slower.stdout).toContain('❌ regression');

    const again = mkdtempSync(join(tmpdir(), 'voirs-bench-render-'));
    expect((await app(['--results', resultsFile, '--out', again])).code).toBe(0);
    expect(readdirSync(again).sort()).toEqual(['dsp.svg', 'results.json', 'results.md']);
    const md = (d: string) => readFileSync(join(d, 'results.md'), 'utf8');
    expect(md(again)).toBe(md(dir));

    expect(
      (await app(['--check', '--results', join(dir, 'nope.json'), '--baseline', baseline])).code,
    ).toBe(1);
    expect(
      (await app(['--check', '--results', resultsFile, '--baseline', join(dir, 'none.json')]))
        .stderr,
    ).toContain('--update-baseline');
    expect((await app(['--bogus'])).code).toBe(2);
  });
});
