/**
 * Regression (found by the hardening suites): `voirs-vocoder info` read checkpoints without the
 * classes NVIDIA WaveGlow and DiffWave pickle, so it refused both official checkpoint layouts as
 * "probably malicious" (E_CHECKPOINT_UNSAFE) while `vocode` loads them. It now allows exactly the
 * classes the vocoder plugins allow (inert records); code-execution globals are still refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voirs/core/testing';
import { cli } from './run-cli.js';

const fixture = (pkg: string, name: string) =>
  join(REPO_ROOT, 'packages', pkg, 'test', 'fixtures', name);

describe('regression: info on the official WaveGlow and DiffWave checkpoint layouts', () => {
  it.each([
    ['waveglow', fixture('waveglow', 'tiny-glow.pt')],
    ['diffwave', fixture('diffwave', 'small.pt')],
  ])('describes a %s checkpoint', async (vocoder, path) => {
    const run = await cli('info', path, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ type: 'checkpoint', vocoder });
  });

  it('still refuses a pickle calling os.system', async () => {
    const evil = join(mkdtempSync(join(tmpdir(), 'voirs-info-')), 'evil.pt');
    const shell = 'touch /tmp/voirs-info-canary';
    const pickle = [
      0x80,
      2,
      ...Buffer.from('cos\nsystem\n'),
      0x58,
      shell.length,
      0,
      0,
      0,
      ...Buffer.from(shell),
      0x85,
      0x52,
      0x2e,
    ];
    const legacy = Buffer.concat([
      Buffer.from([
        0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e,
      ]),
      Buffer.from([0x80, 2, 0x4d, 0xe9, 0x03, 0x2e]),
      Buffer.from([0x80, 2, 0x7d, 0x2e]),
      Buffer.from(pickle),
    ]);
    writeFileSync(evil, legacy);
    const run = await cli('info', evil);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[E_CHECKPOINT_UNSAFE]');
  });
});
