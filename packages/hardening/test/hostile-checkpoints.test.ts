/**
 * Hostile checkpoints through the public entry points a user hits: `vocode --model evil.pt` with
 * each model vocoder, `models import evil.pt`, and `info evil.pt` (which reads checkpoints too).
 * Every one must be refused with its code, run nothing (the payloads would create a canary file) and write nothing.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voirs/core/testing';
import { cli, errorCode } from '../src/cli/run-cli.js';
import { hostileCheckpoints } from '../src/hostile/hostile-checkpoints.js';
import { hostileSafetensors } from '../src/hostile/hostile-media.js';
import { guardRejections } from '../src/guard-rejections.js';

guardRejections();
const dir = mkdtempSync(join(tmpdir(), 'voirs-hostile-'));
const canary = join(dir, 'canary');
const speech = join(REPO_ROOT, 'examples', 'speech.wav');
/** Hostile checkpoints written by torch.save itself (test/fixtures/README.md). */
const torchMade = readdirSync(join(import.meta.dirname, 'fixtures'))
  .filter((f) => f.startsWith('torch-') && f.endsWith('.pt'))
  .map((f) => ({
    name: `torch.save: ${f}`,
    bytes: new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', f))),
    code: 'E_CHECKPOINT_UNSAFE',
  }));
const files = [
  ...hostileCheckpoints(canary),
  ...torchMade,
  ...hostileSafetensors().map((f) => ({ ...f, name: `safetensors: ${f.name}` })),
];

/** Writes `bytes` as `<dir>/<n>/generator.pt` with a config.json beside it (what a user downloads). */
function place(n: number, bytes: Uint8Array): string {
  const folder = join(dir, `model-${n}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'config.json'), '{"resblock": "1"}');
  writeFileSync(join(folder, 'generator.pt'), bytes);
  return join(folder, 'generator.pt');
}

const commands: readonly [string, (model: string, n: number) => string[]][] = [
  [
    'vocode --vocoder hifigan',
    (m, n) => [
      'vocode',
      speech,
      '-o',
      join(dir, `out-${n}-h.wav`),
      '--vocoder',
      'hifigan',
      '--model',
      m,
    ],
  ],
  [
    'vocode --vocoder diffwave',
    (m, n) => [
      'vocode',
      speech,
      '-o',
      join(dir, `out-${n}-d.wav`),
      '--vocoder',
      'diffwave',
      '--model',
      m,
    ],
  ],
  [
    'vocode --vocoder waveglow',
    (m, n) => [
      'vocode',
      speech,
      '-o',
      join(dir, `out-${n}-w.wav`),
      '--vocoder',
      'waveglow',
      '--model',
      m,
    ],
  ],
  [
    'models import',
    (m, n) => [
      'models',
      'import',
      m,
      '--cache-dir',
      join(dir, `cache-${n}`),
      '--name',
      `evil-${n}`,
    ],
  ],
];

describe('hostile checkpoints through the CLI', () => {
  it.each(files.map((f, n) => [f.name, f, n] as const))('%s', async (_name, file, n) => {
    const model = place(n, file.bytes);
    for (const [label, argv] of commands) {
      const run = await cli(...argv(model, n));
      expect({ label, code: run.code, error: errorCode(run) }, run.stderr).toEqual({
        label,
        code: 1,
        error: file.code,
      });
      expect(run.stderr).not.toContain('internal error');
    }
    const info = await cli('info', model);
    expect(info.stderr).not.toContain('internal error');
    expect(errorCode(info), info.stderr).toBe(file.code);
    expect(existsSync(canary), 'a payload ran').toBe(false);
    expect(
      readdirSync(dir).filter((f) => f.startsWith(`out-${n}-`)),
      'an output was written',
    ).toEqual([]);
    const cache = join(dir, `cache-${n}`);
    expect(
      existsSync(cache)
        ? readdirSync(cache, { recursive: true }).filter((f) => String(f).includes('evil'))
        : [],
    ).toEqual([]);
  });

  it('nothing escaped the archive: no file appeared outside the test folder', () => {
    for (const path of [
      '/tmp/evil',
      join(dir, '..', 'evil'),
      join(dir, 'evil'),
      '/tmp/voirs-hardening-canary',
    ])
      expect(existsSync(path), path).toBe(false);
  });
});
