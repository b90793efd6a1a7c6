import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedFile } from '@voirs/core/testing';
import { readWav } from '@voirs/dsp';
import { cli } from './run-cli.js';

const checkpoint = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const clip = sharedFile('data/ljspeech/LJ001-0002.wav');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'voirs-cli-hifigan-'));
});

describe('voirs-vocoder vocode --vocoder hifigan', () => {
  it.skipIf(!checkpoint || !clip)(
    'vocodes real speech with the official V2 checkpoint (file or folder)',
    async () => {
      for (const model of [checkpoint!, dirname(checkpoint!)]) {
        const out = join(dir, 'v2.wav');
        const run = await cli(
          'vocode',
          clip!,
          '-o',
          out,
          '--vocoder',
          'hifigan',
          '--model',
          model,
          '--threads',
          '1',
          '--json',
        );
        expect(run.code, run.stderr).toBe(0);
        const summary = JSON.parse(run.stdout);
        expect(summary).toMatchObject({
          ok: true,
          vocoder: 'hifigan',
          arch: 'hifigan-v2',
          sampleRate: 22050,
        });
        const { audio } = readWav(readFileSync(out));
        const input = readWav(readFileSync(clip!)).audio;
        expect(audio.samples.length).toBe(Math.floor(input.samples.length / 256) * 256);
        const rms = Math.sqrt(audio.samples.reduce((s, x) => s + x * x, 0) / audio.samples.length);
        expect(rms).toBeGreaterThan(0.01);
      }
    },
  );

  it.skipIf(!checkpoint || !clip)('runs on the web backend too', async () => {
    const out = join(dir, 'v2-web.npy');
    const run = await cli(
      'vocode',
      clip!,
      '-o',
      out,
      '--vocoder',
      'hifigan',
      '--model',
      checkpoint!,
      '--backend',
      'web',
      '-q',
    );
    expect(run.code, run.stderr).toBe(0);
  });

  it('explains missing or wrong models and flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voirs-cli-hifigan-errors-'));
    const speech = join(dir, 'in.wav');
    writeFileSync(
      speech,
      readFileSync(join(__dirname, '..', '..', '..', 'examples', 'speech.wav')),
    );
    expect(
      (await cli('vocode', speech, '-o', join(dir, 'a.wav'), '--vocoder', 'hifigan')).stderr,
    ).toContain('needs --model');
    expect((await cli('vocode', speech, '-o', join(dir, 'a.wav'), '--model', 'x.pt')).code).toBe(2); // griffinlim takes no model
    const missing = await cli(
      'vocode',
      speech,
      '-o',
      join(dir, 'a.wav'),
      '--vocoder',
      'hifigan',
      '--model',
      join(dir, 'nope.pt'),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('E_FILE_NOT_FOUND');
    const notModel = await cli(
      'vocode',
      speech,
      '-o',
      join(dir, 'a.wav'),
      '--vocoder',
      'hifigan',
      '--model',
      speech,
    );
    expect(notModel.stderr).toContain('is not a model');
    const unknown = await cli('vocode', speech, '-o', join(dir, 'a.wav'), '--vocoder', 'melgan');
    expect(unknown.stderr).toContain('E_PLUGIN_NOT_FOUND');
    expect(readdirSync(dir).filter((f) => f.endsWith('.wav') && f !== 'in.wav')).toEqual([]);
  });
});
