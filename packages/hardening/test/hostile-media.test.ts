/**
 * Hostile and broken WAV and mel files through the commands a user runs on them: `info`,
 * `vocode`, `mel`, `fx`, `eval` and as an `fx` impulse response (WAVs), `vocode` and `info` (mel .npy). Each must end with its defined
 * behaviour (an error code, or success where the format defines the case) and never crash.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voirs/core/testing';
import { cli, errorCode } from '../src/cli/run-cli.js';
import { guardRejections } from '../src/guard-rejections.js';
import { hostileMels, hostileWavs } from '../src/hostile/hostile-media.js';

guardRejections();
const dir = mkdtempSync(join(tmpdir(), 'voirs-hostile-media-'));
const chain = join(dir, 'chain.json');
writeFileSync(chain, JSON.stringify([{ effect: 'compressor' }, { effect: 'limiter' }]));
const speech = join(REPO_ROOT, 'examples', 'speech.wav');
/** A chain convolving with `wav` as its impulse response (`irFile`, read by the CLI). */
function irChain(wav: string, n: number): string {
  const path = join(dir, `ir-chain-${n}.json`);
  writeFileSync(
    path,
    JSON.stringify([{ effect: 'convolution', params: { irFile: wav, normalize: 'peak' } }]),
  );
  return path;
}

describe('hostile WAVs through info, vocode, mel and fx', () => {
  it.each(hostileWavs().map((f, n) => [f.name, f, n] as const))('%s', async (_name, file, n) => {
    const input = join(dir, `in-${n}.wav`);
    writeFileSync(input, file.bytes);
    const runs = {
      info: await cli('info', input, '--json'),
      vocode: await cli(
        'vocode',
        input,
        '-o',
        join(dir, `v-${n}.wav`),
        '--quality',
        'low',
        '--quiet',
      ),
      mel: await cli('mel', input, '-o', join(dir, `m-${n}.npy`), '--quiet'),
      fx: await cli('fx', input, '-o', join(dir, `f-${n}.wav`), '--effects', chain, '--quiet'),
      'eval (as the test)': await cli('eval', speech, input, '--metrics', 'si-sdr,snr', '--json'),
      'fx irFile': await cli(
        'fx',
        speech,
        '-o',
        join(dir, `ir-${n}.wav`),
        '--effects',
        irChain(input, n),
        '--quiet',
      ),
    };
    for (const [command, run] of Object.entries(runs)) {
      expect(run.stderr, command).not.toContain('internal error');
      expect([command, file.code === 'ok' ? run.code : errorCode(run)], run.stderr).toEqual([
        command,
        file.code === 'ok' ? 0 : file.code,
      ]);
    }
    for (const out of [`v-${n}.wav`, `m-${n}.npy`, `f-${n}.wav`])
      expect(existsSync(join(dir, out))).toBe(file.code === 'ok');
  });

  it('a data size of 2^32 - 1 reads the frames the file holds, flagged as streamed', async () => {
    const file = hostileWavs()[0]!;
    const input = join(dir, 'streamed.wav');
    writeFileSync(input, file.bytes);
    const info = JSON.parse((await cli('info', input, '--json')).stdout) as {
      frames: number;
      streamedHeader: boolean;
    };
    expect(info).toMatchObject({ frames: 2205, streamedHeader: true });
  });
});

describe('broken mel .npy files through vocode and info', () => {
  it.each(hostileMels().map((f, n) => [f.name, f, n] as const))('%s', async (_name, file, n) => {
    const input = join(dir, `mel-${n}.npy`);
    writeFileSync(input, file.bytes);
    const run = await cli(
      'vocode',
      input,
      '-o',
      join(dir, `mel-out-${n}.wav`),
      '--quality',
      'low',
      '--quiet',
    );
    expect(run.stderr).not.toContain('internal error');
    expect(errorCode(run), run.stderr).toBe(file.code);
    expect(existsSync(join(dir, `mel-out-${n}.wav`))).toBe(false);
    const info = await cli('info', input);
    expect(info.stderr).not.toContain('internal error');
    expect(info.code === 0 || errorCode(info) === file.code, info.stderr).toBe(true);
  });
});
