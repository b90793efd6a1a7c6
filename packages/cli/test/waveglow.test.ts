/**
 * `voirs-vocoder vocode --vocoder waveglow`: the WaveGlow flags end to end, checked against the
 * PyTorch goldens of @voirs/waveglow (its tiny whole-module legacy checkpoint, mel and noise).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readNpy, readWav, writeNpy, writeWav } from '@voirs/dsp';
import { cli } from './run-cli.js';

const FIXTURES = join(__dirname, '..', '..', 'waveglow', 'test', 'fixtures');
const model = join(FIXTURES, 'tiny-glow.pt');
const noise = join(FIXTURES, 'noise.npy');
let dir: string;
let mel: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'voirs-cli-waveglow-'));
  // the tiny model reads 4 bands: the first 4 rows of the golden [80, 25] mel
  const full = readNpy(readFileSync(join(FIXTURES, 'mel.npy'))).data as Float32Array;
  mel = join(dir, 'mel4.npy');
  writeFileSync(mel, writeNpy(full.slice(0, 4 * 25), [4, 25]));
});

function maxAbsDiff(path: string, golden: string): number {
  const a = readNpy(readFileSync(path)).data as Float32Array;
  const b = readNpy(readFileSync(join(FIXTURES, golden))).data as Float32Array;
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

const vocode = (out: string, ...flags: string[]) =>
  cli(
    'vocode',
    mel,
    '-o',
    join(dir, out),
    '--vocoder',
    'waveglow',
    '--model',
    model,
    '--threads',
    '1',
    ...flags,
  );

describe('voirs-vocoder vocode --vocoder waveglow', () => {
  it('reproduces PyTorch with --sigma 0 and with --sigma 0.3 --noise', async () => {
    const zero = await vocode('zero.npy', '--sigma', '0', '--json');
    expect(zero.code, zero.stderr).toBe(0);
    expect(JSON.parse(zero.stdout)).toMatchObject({
      ok: true,
      vocoder: 'waveglow',
      arch: 'waveglow-custom',
      samples: 6400,
      convention: 'waveglow-custom',
    });
    expect(maxAbsDiff(join(dir, 'zero.npy'), 'tiny-sigma0.npy')).toBeLessThanOrEqual(1e-4);
    const noisy = await vocode('noisy.npy', '--sigma', '0.3', '--noise', noise, '-q');
    expect(noisy.code, noisy.stderr).toBe(0);
    expect(maxAbsDiff(join(dir, 'noisy.npy'), 'tiny-noise.npy')).toBeLessThanOrEqual(1e-4);
  });

  it('vocodes a WAV with --seed and --denoise (copy synthesis), reproducibly', async () => {
    const wav = join(dir, 'in.wav');
    const speech = readWav(
      readFileSync(join(__dirname, '..', '..', '..', 'examples', 'speech.wav')),
    ).audio;
    writeFileSync(
      wav,
      writeWav({ ...speech, samples: speech.samples.subarray(0, 22050 * speech.channels) }),
    );
    const run = (out: string) =>
      cli(
        'vocode',
        wav,
        '-o',
        join(dir, out),
        '--vocoder',
        'waveglow',
        '--model',
        model,
        '--seed',
        '5',
        '--denoise',
        '0.1',
        '-q',
      );
    expect((await run('a.npy')).code).toBe(0);
    expect((await run('b.npy')).code).toBe(0);
    const [a, b] = ['a.npy', 'b.npy'].map(
      (f) => readNpy(readFileSync(join(dir, f))).data as Float32Array,
    );
    expect(a!.length).toBe((Math.floor(22050 / 256) + 1) * 256);
    expect(b).toEqual(a);
  });

  it('imports the checkpoint as a converted ONNX model and vocodes with it by name', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'voirs-cli-waveglow-cache-'));
    const imported = await cli(
      'models',
      'import',
      model,
      '--vocoder',
      'waveglow',
      '--name',
      'tiny-wg',
      '--cache-dir',
      cache,
      '--json',
    );
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout).model).toMatchObject({
      name: 'tiny-wg',
      vocoder: 'waveglow',
      arch: 'custom',
    });
    vi.stubEnv('VOIRS_CACHE_DIR', cache);
    try {
      const run = await cli(
        'vocode',
        mel,
        '-o',
        join(dir, 'named.npy'),
        '--vocoder',
        'waveglow',
        '--model',
        'tiny-wg',
        '--sigma',
        '0',
        '-q',
      );
      expect(run.code, run.stderr).toBe(0);
      expect(maxAbsDiff(join(dir, 'named.npy'), 'tiny-sigma0.npy')).toBeLessThanOrEqual(1e-4);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('explains bad flags and noise', async () => {
    for (const flags of [
      ['--noise', noise, '--seed', '1'],
      ['--sigma', '-1'],
      ['--denoise', 'x'],
      ['--steps', '4'],
    ]) {
      expect((await vocode('bad.npy', ...flags)).code, flags.join(' ')).toBe(2);
    }
    const griffin = await cli('vocode', mel, '-o', join(dir, 'g.npy'), '--sigma', '0.5');
    expect(griffin.code).toBe(2);
    expect(griffin.stderr).toContain('applies to the waveglow vocoder');
    const short = join(dir, 'short.npy');
    writeFileSync(short, writeNpy(new Float32Array(8 * 100), [8, 100]));
    const wrong = await vocode('bad.npy', '--noise', short);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('E_NOISE_SHAPE');
    expect(wrong.stderr).toContain('[8, 800]');
  });
});
