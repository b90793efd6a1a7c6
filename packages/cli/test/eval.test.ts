import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAudioBuffer } from '@voirs/core';
import { REPO_ROOT, sharedFile } from '@voirs/core/testing';
import { readWav, resample, writeWav } from '@voirs/dsp';
import { cli } from './run-cli.js';

const SPEECH = join(REPO_ROOT, 'examples', 'speech.wav');
let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'voirs-eval-'));
  const { audio } = readWav(readFileSync(SPEECH));
  const noisy = createAudioBuffer(
    audio.samples.map((v, i) => v + 0.01 * Math.sin(i * 1.7) * Math.sin(i * 0.013)),
    audio.sampleRate,
  );
  const write = (path: string, a: typeof audio) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, writeWav(a, { format: 'f32' }));
  };
  write(file('ref.wav'), audio);
  write(file('noisy.wav'), noisy);
  write(file('noisy16k.wav'), resample(noisy, 16000));
  write(file('refs/a.wav'), audio);
  write(file('refs/b.wav'), audio);
  write(file('refs/only-ref.wav'), audio);
  write(file('tests/a.wav'), audio);
  write(file('tests/b.wav'), noisy);
  write(file('tests/extra.wav'), noisy);
  writeFileSync(file('tests/not-audio.txt'), 'hello');
});

describe('voirs-vocoder eval', () => {
  it('is listed in the help and documents its metrics', async () => {
    expect((await cli('--help')).stdout).toContain('eval');
    const help = (await cli('eval', '--help')).stdout;
    for (const word of [
      '--dir',
      '--dnsmos-dir',
      'VOIRS_DNSMOS_DIR',
      'xcorr',
      'stoi',
      'mcd',
      'loudness',
    ])
      expect(help).toContain(word);
  });

  it('compares a pair with the default metrics, as text and JSON', async () => {
    const text = await cli('eval', file('ref.wav'), file('noisy.wav'));
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^stoi\s+[01]\.\d+$/m);
    const run = await cli('eval', file('ref.wav'), file('noisy.wav'), '--json');
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ ok: true, alignment: { mode: 'trim', lag: 0 } });
    for (const key of [
      'si-sdr',
      'snr',
      'stoi',
      'estoi',
      'lsd',
      'mel-l1',
      'mrstft',
      'mcd',
      'pitch.vuv-f1',
    ])
      expect(out.metrics).toHaveProperty(key);
    expect(out.metrics.stoi).toBeGreaterThan(0.8);
    const same = JSON.parse(
      (await cli('eval', file('ref.wav'), file('ref.wav'), '--metrics', 'si-sdr,stoi', '--json'))
        .stdout,
    );
    expect(same.metrics['si-sdr']).toBe('Infinity');
    expect(same.metrics.stoi).toBeCloseTo(1, 6);
  });

  it('resamples a test at another rate and can align by cross-correlation', async () => {
    const out = JSON.parse(
      (
        await cli(
          'eval',
          file('ref.wav'),
          file('noisy16k.wav'),
          '-m',
          'stoi,mel-l1',
          '--align',
          'xcorr',
          '--json',
        )
      ).stdout,
    );
    expect(out.alignment).toMatchObject({ mode: 'xcorr', resampledFrom: 16000 });
    expect(Math.abs(out.alignment.lag)).toBeLessThanOrEqual(2);
    expect(out.metrics.stoi).toBeGreaterThan(0.8);
  });

  it('rates one file with the non-intrusive metrics', async () => {
    const out = JSON.parse((await cli('eval', file('ref.wav'), '--json')).stdout);
    expect(out.file).toBe(file('ref.wav'));
    expect(out.metrics['loudness.integrated']).toBeLessThan(-10);
    expect(out.metrics['health.clipped-runs']).toBe(0);
  });

  it('reports usage errors with exit code 2', async () => {
    expect((await cli('eval')).code).toBe(2);
    const unknown = await cli('eval', file('ref.wav'), file('noisy.wav'), '--metrics', 'pesq');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Known metrics');
    expect((await cli('eval', file('ref.wav'), '--metrics', 'stoi')).stderr).toContain(
      'needs a reference',
    );
    expect((await cli('eval', file('ref.wav'), file('noisy.wav'), '--align', 'best')).code).toBe(2);
    expect((await cli('eval', '--dir', file('refs'))).code).toBe(2);
  });

  it('fails cleanly on missing files, non-audio and DNSMOS without models', async () => {
    const missing = await cli('eval', file('ref.wav'), file('nope.wav'), '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('E_FILE_NOT_FOUND');
    expect((await cli('eval', file('tests/not-audio.txt'))).stderr).toContain(
      'E_UNSUPPORTED_FORMAT',
    );
    const saved = process.env.VOIRS_DNSMOS_DIR;
    delete process.env.VOIRS_DNSMOS_DIR;
    try {
      const run = await cli('eval', file('ref.wav'), '--metrics', 'dnsmos');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('E_MODEL_NOT_FOUND');
      expect(run.stderr).toContain('--dnsmos-dir');
      expect(
        (await cli('eval', file('ref.wav'), '--metrics', 'dnsmos', '--dnsmos-dir', dir)).stderr,
      ).toContain('sig_bak_ovr.onnx');
    } finally {
      if (saved !== undefined) process.env.VOIRS_DNSMOS_DIR = saved;
    }
  });

  it('tabulates two folders by file name with means, and as JSON', async () => {
    const text = await cli(
      'eval',
      '--dir',
      file('refs'),
      file('tests'),
      '--metrics',
      'si-snr,stoi',
    );
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^file\s+si-snr\s+stoi$/);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['file', 'a.wav', 'b.wav', 'mean']);
    expect(text.stderr).toContain('only-ref.wav');
    expect(text.stderr).toContain('extra.wav');
    const out = JSON.parse(
      (
        await cli(
          'eval',
          '--dir',
          file('refs'),
          file('tests'),
          '--metrics',
          'stoi,mel-l1',
          '--json',
        )
      ).stdout,
    );
    expect(out.rows.map((r: { file: string }) => r.file)).toEqual(['a.wav', 'b.wav']);
    expect(out.rows[0].metrics.stoi).toBeCloseTo(1, 6);
    expect(out.means.stoi).toBeCloseTo(
      (out.rows[0].metrics.stoi + out.rows[1].metrics.stoi) / 2,
      9,
    );
    expect(out.counts.stoi).toBe(2);
    expect(out.unmatched).toEqual({ references: ['only-ref.wav'], tests: ['extra.wav'] });
  });

  const models = sharedFile('models/dnsmos/sig_bak_ovr.onnx');
  it.skipIf(!models)('scores DNSMOS with --dnsmos-dir', async () => {
    const run = await cli(
      'eval',
      file('ref.wav'),
      '--metrics',
      'dnsmos',
      '--dnsmos-dir',
      dirname(models!),
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    for (const key of ['dnsmos.ovrl', 'dnsmos.sig', 'dnsmos.bak', 'dnsmos.p808']) {
      expect(out.metrics[key]).toBeGreaterThan(1);
      expect(out.metrics[key]).toBeLessThan(5);
    }
  });
});
