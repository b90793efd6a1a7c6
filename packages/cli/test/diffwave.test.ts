/**
 * `voirs-vocoder vocode --vocoder diffwave`: the DiffWave flags end to end, checked against the
 * PyTorch goldens of @voirs/diffwave (its committed small checkpoint, mel and noise fixtures).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNpy, readWav, writeNpy, writeWav } from '@voirs/dsp';
import { cli } from './run-cli.js';

const FIXTURES = join(__dirname, '..', '..', 'diffwave', 'test', 'fixtures');
const model = join(FIXTURES, 'small.pt');
const mel = join(FIXTURES, 'mel.npy');
const noise = join(FIXTURES, 'noise.npy');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'voirs-cli-diffwave-'));
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
    'diffwave',
    '--model',
    model,
    '--threads',
    '1',
    ...flags,
  );

describe('voirs-vocoder vocode --vocoder diffwave', () => {
  it('reproduces PyTorch: fast DDPM with --noise, full DDPM with --seed, DDIM with --steps/--eta', async () => {
    const fast = await vocode('fast.npy', '--noise', noise, '--json');
    expect(fast.code, fast.stderr).toBe(0);
    expect(JSON.parse(fast.stdout)).toMatchObject({
      ok: true,
      vocoder: 'diffwave',
      arch: 'diffwave-6x16',
      samples: 2048,
      convention: 'diffwave',
    });
    expect(maxAbsDiff(join(dir, 'fast.npy'), 'small-fast.npy')).toBeLessThanOrEqual(1e-3);
    const full = await vocode('full.npy', '--schedule', 'full', '--seed', '7', '-q');
    expect(full.code, full.stderr).toBe(0);
    expect(maxAbsDiff(join(dir, 'full.npy'), 'small-full-seed7.npy')).toBeLessThanOrEqual(1e-3);
    const ddim = await vocode(
      'ddim.npy',
      '--sampler',
      'ddim',
      '--steps',
      '8',
      '--eta',
      '0.5',
      '--seed',
      '11',
      '-q',
    );
    expect(ddim.code, ddim.stderr).toBe(0);
    expect(maxAbsDiff(join(dir, 'ddim.npy'), 'small-ddim8-eta05-seed11.npy')).toBeLessThanOrEqual(
      1e-3,
    );
  });

  it('reads a schedule from JSON, runs the adaptive sampler, and vocodes a WAV (copy synthesis)', async () => {
    const schedule = join(dir, 'schedule.json');
    writeFileSync(schedule, JSON.stringify({ kind: 'sigmoid', steps: 5, betaEnd: 0.4 }));
    expect((await vocode('sigmoid.npy', '--schedule', schedule, '-q')).code).toBe(0);
    expect((await vocode('adaptive.npy', '--sampler', 'adaptive', '--seed', '3', '-q')).code).toBe(
      0,
    );
    const wav = join(dir, 'in.wav');
    const speech = readWav(
      readFileSync(join(__dirname, '..', '..', '..', 'examples', 'speech.wav')),
    ).audio;
    writeFileSync(
      wav,
      writeWav({ ...speech, samples: speech.samples.subarray(0, 22050 * speech.channels) }),
    );
    const out = join(dir, 'speech.wav');
    const run = await cli(
      'vocode',
      wav,
      '-o',
      out,
      '--vocoder',
      'diffwave',
      '--model',
      model,
      '--steps',
      '2',
      '-q',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(readWav(readFileSync(out)).audio.samples.length).toBe(
      Math.floor(22050 / 256) * 256 + 256,
    );
  });

  it('explains bad flags, schedules and noise', async () => {
    const usage = [
      ['--noise', noise, '--seed', '1'],
      ['--sampler', 'euler'],
      ['--eta', '2'],
      ['--steps', 'x'],
    ];
    for (const flags of usage)
      expect((await vocode('bad.npy', ...flags)).code, flags.join(' ')).toBe(2);
    const griffin = await cli('vocode', mel, '-o', join(dir, 'g.npy'), '--schedule', 'full');
    expect(griffin.code).toBe(2);
    expect(griffin.stderr).toContain('applies to the diffwave vocoder');
    const reversed = join(dir, 'reversed.json');
    writeFileSync(reversed, '[0.5, 0.2, 0.05]');
    expect((await vocode('bad.npy', '--schedule', reversed)).stderr).toContain(
      'E_SCHEDULE_INVALID',
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"kind": ');
    expect((await vocode('bad.npy', '--schedule', broken)).stderr).toContain('E_SCHEDULE_INVALID');
    const short = join(dir, 'short.npy');
    writeFileSync(short, writeNpy(new Float32Array(2 * 2048), [2, 2048]));
    const few = await vocode('bad.npy', '--noise', short);
    expect(few.code).toBe(1);
    expect(few.stderr).toContain('E_NOISE_SHAPE');
    expect((await vocode('bad.npy', '--steps', '8', '--schedule', 'full')).stderr).toContain(
      'either steps or schedule',
    );
    expect((await vocode('bad.npy', '--schedule', join(dir, 'missing.json'))).stderr).toContain(
      'E_FILE_NOT_FOUND',
    );
  });
});
