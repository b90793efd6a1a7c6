/**
 * Names that are Object.prototype members (`constructor`, `__proto__`, `toString`…) in every CLI
 * option and file that names something: vocoders, architectures, presets, formats, qualities,
 * backends, model names, effects and their parameters, diffwave schedules, safetensors dtypes.
 * Plain property lookups on such names reached Object.prototype and ended in internal errors
 * (exit 70); every one must now be a usage error (exit 2) or a typed failure (exit 1).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voirs/core/testing';
import { cli } from '../src/cli/run-cli.js';
import { guardRejections } from '../src/guard-rejections.js';
import { TINY_HIFIGAN_CONFIG, tinyHifiganCheckpoint } from '@voirs/hifigan/testing';

guardRejections();
const dir = mkdtempSync(join(tmpdir(), 'voirs-names-'));
const speech = join(REPO_ROOT, 'examples', 'speech.wav');
const checkpoint = join(dir, 'generator.safetensors');
writeFileSync(checkpoint, tinyHifiganCheckpoint());
writeFileSync(join(dir, 'config.json'), JSON.stringify(TINY_HIFIGAN_CONFIG));
/** The same weights without config.json, so that --arch is used. */
const bare = join(dir, 'bare', 'generator.safetensors');
mkdirSync(join(dir, 'bare'));
writeFileSync(bare, tinyHifiganCheckpoint());
const glow = join(REPO_ROOT, 'packages', 'waveglow', 'test', 'fixtures', 'tiny-glow.pt');
const diffwave = join(REPO_ROOT, 'packages', 'diffwave', 'test', 'fixtures', 'small.pt');
const out = join(dir, 'out.wav');

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const commands = (n: string): string[][] => [
  ['vocode', speech, '-o', out, '--vocoder', n],
  ['vocode', speech, '-o', out, '--vocoder', 'hifigan', '--model', bare, '--arch', n],
  ['models', 'import', bare, '--cache-dir', join(dir, 'cache'), '--name', 'x', '--arch', n],
  ['vocode', speech, '-o', out, '--vocoder', 'waveglow', '--model', glow, '--arch', n],
  ['vocode', speech, '-o', out, '--vocoder', 'hifigan', '--model', checkpoint, '--backend', n],
  ['vocode', speech, '-o', out, '--format', n],
  ['vocode', speech, '-o', out, '--quality', n],
  ['vocode', speech, '-o', out, '--vocoder', 'diffwave', '--model', diffwave, '--sampler', n],
  ['vocode', speech, '-o', out, '--vocoder', 'diffwave', '--model', diffwave, '--schedule', n],
  [
    'vocode',
    speech,
    '-o',
    out,
    '--vocoder',
    'diffwave',
    '--model',
    diffwave,
    '--schedule',
    file(`schedule-${n}.json`, { kind: n, steps: 4 }),
  ],
  ['vocode', speech, '-o', out, '--vocoder', n, '--model', n],
  ['mel', speech, '-o', join(dir, 'mel.npy'), '--preset', n],
  ['fx', speech, '-o', out, '--effects', file(`chain-${n}.json`, [{ effect: n }])],
  [
    'fx',
    speech,
    '-o',
    out,
    '--effects',
    file(`params-${n}.json`, `[{"effect": "compressor", "params": {"${n}": 1}}]`),
  ],
  ['models', 'import', checkpoint, '--cache-dir', join(dir, 'cache'), '--vocoder', n],
  ['models', 'info', n, '--cache-dir', join(dir, 'cache')],
];

describe('Object.prototype member names through the CLI', () => {
  it.each(NAMES)('%s', async (name) => {
    for (const argv of commands(name)) {
      const run = await cli(...argv, '--quiet');
      expect(run.stderr, argv.join(' ')).not.toContain('internal error');
      // valibot's record schema drops "constructor" and "__proto__" keys (its prototype-pollution
      // guard), so such effect parameters are ignored rather than refused as unknown: exit 0
      const ignored =
        argv.some((a) => a.endsWith(`params-${name}.json`)) &&
        ['constructor', '__proto__'].includes(name);
      expect(
        ignored ? [0] : [1, 2],
        `${argv.join(' ')}: exit ${run.code}\n${run.stderr}`,
      ).toContain(run.code);
    }
  });

  it('a model may be named "constructor": import, info, vocode and remove act on that entry', async () => {
    const cache = join(dir, 'named-cache');
    const steps = [
      ['models', 'import', checkpoint, '--cache-dir', cache, '--name', 'constructor'],
      ['models', 'info', 'constructor', '--cache-dir', cache],
      ['models', 'list', '--cache-dir', cache, '--json'],
      ['models', 'remove', 'constructor', '--cache-dir', cache],
    ];
    for (const argv of steps) {
      const run = await cli(...argv, '--quiet');
      expect(run.code, `${argv.join(' ')}\n${run.stderr}`).toBe(0);
    }
    const gone = await cli('models', 'info', 'constructor', '--cache-dir', cache);
    expect(gone.code).toBe(1);
    const invalid = await cli(
      'models',
      'import',
      checkpoint,
      '--cache-dir',
      cache,
      '--name',
      '__proto__',
    );
    expect(invalid.stderr).not.toContain('internal error');
    expect([1, 2]).toContain(invalid.code);
  });
});
