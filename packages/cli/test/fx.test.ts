import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voirs/core/testing';
import { readWav, writeWav } from '@voirs/dsp';
import { cli } from './run-cli.js';

const SPEECH = join(REPO_ROOT, 'examples', 'speech.wav');
let dir: string;
const file = (name: string) => join(dir, name);
const chainFile = (name: string, chain: unknown) => {
  writeFileSync(file(name), typeof chain === 'string' ? chain : JSON.stringify(chain));
  return file(name);
};
const peak = (x: Float32Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'voirs-fx-'));
});

describe('voirs-vocoder fx', () => {
  it('applies a chain to a WAV, keeping its length and rate, and limits to the ceiling', async () => {
    const chain = chainFile('limit.json', [
      { effect: 'compressor', params: { thresholdDb: -30, makeupDb: 12 } },
      { effect: 'limiter', params: { ceilingDb: -6 } },
    ]);
    const run = await cli(
      'fx',
      SPEECH,
      '-o',
      file('limited.wav'),
      '--effects',
      chain,
      '--format',
      'f32',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      ok: true,
      effects: ['compressor', 'limiter'],
      channels: 1,
      sampleRate: 22050,
    });
    expect(summary.latencyFrames).toBeGreaterThan(0);
    expect(summary.reports.map((r: { effect: string }) => r.effect)).toEqual([
      'compressor',
      'limiter',
    ]);
    const input = readWav(readFileSync(SPEECH));
    const { audio, format } = readWav(readFileSync(file('limited.wav')));
    expect(format).toMatchObject({ encoding: 'float', bitDepth: 32 });
    expect(audio.samples.length).toBe(input.audio.samples.length);
    expect(peak(audio.samples)).toBeLessThanOrEqual(10 ** (-6 / 20));
    expect(peak(audio.samples)).toBeGreaterThan(10 ** (-6.5 / 20));
  });

  it('compensates the chain latency: a transparent limiter gives back the input sample for sample', async () => {
    const x = Float32Array.from(
      { length: 8000 },
      (_, i) => 0.3 * Math.sin(i / 11) * Math.sin(i / 1700),
    );
    writeFileSync(
      file('quiet.wav'),
      writeWav({ samples: x, sampleRate: 16000, channels: 1 }, { format: 'f32' }),
    );
    const chain = chainFile('transparent.json', [
      { effect: 'limiter', params: { ceilingDb: 0 } },
      { effect: 'limiter', params: { ceilingDb: 0, truePeak: false }, mix: 0.5 },
    ]);
    const run = await cli(
      'fx',
      file('quiet.wav'),
      '-o',
      file('same.wav'),
      '-e',
      chain,
      '--format',
      'f32',
      '-q',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(Array.from(readWav(readFileSync(file('same.wav'))).audio.samples)).toEqual(
      Array.from(x),
    );
  });

  it('processes stereo, writes 24-bit, and adds a reverb tail with --tail', async () => {
    const frames = 11025;
    const stereo = Float32Array.from(
      { length: frames * 2 },
      (_, i) => (i % 2 ? 0.2 : 0.3) * Math.sin(i / 13),
    );
    writeFileSync(
      file('stereo.wav'),
      writeWav({ samples: stereo, sampleRate: 22050, channels: 2 }, { format: 's16' }),
    );
    const chain = chainFile('space.json', [
      { effect: 'reverb', params: { rt60: 0.6 } },
      { effect: 'stereo-width', params: { width: 1.4 } },
      { effect: 'phase-check' },
    ]);
    const run = await cli(
      'fx',
      file('stereo.wav'),
      '-o',
      file('space.wav'),
      '-e',
      chain,
      '--format',
      's24',
      '--tail',
      '0.5',
      '-q',
    );
    expect(run.code, run.stderr).toBe(0);
    const { audio, format } = readWav(readFileSync(file('space.wav')));
    expect(format).toMatchObject({ channels: 2, bitDepth: 24 });
    expect(audio.samples.length).toBe((frames + 11025) * 2);
    expect(peak(audio.samples.subarray(frames * 2))).toBeGreaterThan(1e-3);
  });

  it('reads an impulse response named by irFile, relative to the chain file', async () => {
    writeFileSync(
      file('ir.wav'),
      writeWav(
        { samples: Float32Array.of(1, 0, 0.5), sampleRate: 16000, channels: 1 },
        { format: 'f32' },
      ),
    );
    const x = Float32Array.from({ length: 500 }, (_, i) => Math.sin(i / 5) * 0.4);
    writeFileSync(
      file('dry.wav'),
      writeWav({ samples: x, sampleRate: 16000, channels: 1 }, { format: 'f32' }),
    );
    const chain = chainFile('conv.json', [{ effect: 'convolution', params: { irFile: 'ir.wav' } }]);
    const run = await cli(
      'fx',
      file('dry.wav'),
      '-o',
      file('wet.wav'),
      '-e',
      chain,
      '--format',
      'f32',
      '-q',
    );
    expect(run.code, run.stderr).toBe(0);
    const y = readWav(readFileSync(file('wet.wav'))).audio.samples;
    for (let i = 0; i < x.length; i++)
      expect(y[i]).toBeCloseTo(x[i]! + (i >= 2 ? 0.5 * x[i - 2]! : 0), 6);
  });

  it.each([
    ['invalid JSON', '[{"effect": "limiter",', 'not valid JSON'],
    ['a mix out of range', [{ effect: 'limiter', mix: 2 }], 'chain[0].mix'],
    ['an unknown effect', [{ effect: 'eq' }, { effect: 'flanger' }], 'chain[1].effect'],
    [
      'invalid params',
      [{ effect: 'limiter', params: { ceilingDb: 3 } }],
      'chain[0].params.ceilingDb',
    ],
    [
      'a frequency above Nyquist for this file',
      [{ effect: 'biquad', params: { frequency: 15000 } }],
      'chain[0].params.frequency',
    ],
  ])(
    'fails with E_EFFECT_CHAIN on %s, naming the slot and field, and writes nothing',
    async (_label, chain, where) => {
      const path = chainFile(`bad-${where.replace(/\W/g, '')}.json`, chain);
      const run = await cli('fx', SPEECH, '-o', file('never.wav'), '-e', path, '--json');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('E_EFFECT_CHAIN');
      expect(run.stderr).toContain(where);
      expect(run.stderr).toContain(path);
      expect(readdirSync(dir).filter((f) => f.startsWith('never'))).toEqual([]);
    },
  );

  it('reports usage errors and missing files', async () => {
    const ok = chainFile('ok.json', []);
    expect((await cli('fx', SPEECH, '-o', file('x.wav'))).code).toBe(2);
    expect((await cli('fx', SPEECH, '-e', ok)).code).toBe(2);
    expect((await cli('fx', SPEECH, '-o', file('x.npy'), '-e', ok)).code).toBe(2);
    expect((await cli('fx', SPEECH, '-o', file('x.wav'), '-e', ok, '--format', 'mp3')).code).toBe(
      2,
    );
    const missing = await cli('fx', SPEECH, '-o', file('x.wav'), '-e', file('nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('E_FILE_NOT_FOUND');
    const notWav = await cli('fx', ok, '-o', file('x.wav'), '-e', ok);
    expect(notWav.stderr).toContain('E_UNSUPPORTED_FORMAT');
    expect((await cli('fx', '--help')).stdout).toContain('limiter');
  });
});

describe('voirs-vocoder vocode --effects', () => {
  it('applies the chain to the vocoded audio before writing', async () => {
    const chain = chainFile('post.json', [
      { effect: 'eq', params: { bands: [{ type: 'highpass', frequency: 70 }] } },
      { effect: 'limiter', params: { ceilingDb: -10 } },
    ]);
    const run = await cli(
      'vocode',
      SPEECH,
      '-o',
      file('vocoded.wav'),
      '--quality',
      'low',
      '--effects',
      chain,
      '--format',
      'f32',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.effects).toEqual(['eq', 'limiter']);
    const { audio } = readWav(readFileSync(file('vocoded.wav')));
    expect(audio.samples.length).toBe(summary.frames * 256);
    expect(peak(audio.samples)).toBeLessThanOrEqual(10 ** (-10 / 20));
    expect(peak(audio.samples)).toBeGreaterThan(0.05);
  });

  it('rejects a bad chain before vocoding', async () => {
    const chain = chainFile('post-bad.json', [{ effect: 'limiter', params: { lookahead: 5 } }]);
    const run = await cli('vocode', SPEECH, '-o', file('never-vocoded.wav'), '--effects', chain);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('chain[0].params.lookahead');
    expect(readdirSync(dir).filter((f) => f.startsWith('never'))).toEqual([]);
  });
});
