import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, sharedFile } from '@voirs/core/testing';
import { readWav } from '@voirs/dsp';
import { cli } from './run-cli.js';
import { sha256, writeTinyCheckpoint } from './models-fixtures.js';

const SPEECH = join(REPO_ROOT, 'examples', 'speech.wav');
const V2 = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const CLIP = sharedFile('data/ljspeech/LJ001-0002.wav');
const V2_SHA256 = '3fac378c5918fb2c102733f21eeaa8e9a4ca6cda24dbfddc55bbb947c78d562f';

let dir: string;
const newCache = () => mkdtempSync(join(tmpdir(), 'voirs-cli-cache-'));
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'voirs-cli-models-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('voirs-vocoder models: usage', () => {
  it('prints help, and rejects missing or unknown sub-commands and options with exit 2', async () => {
    const help = await cli('models', '--help');
    expect(help.code).toBe(0);
    for (const sub of [
      'import',
      'list',
      'info',
      'remove',
      'pull',
      '--insecure-skip-checksum',
      'VOIRS_CACHE_DIR',
    ])
      expect(help.stdout).toContain(sub);
    expect((await cli('--help')).stdout).toContain('models');
    expect((await cli('models')).code).toBe(2);
    expect((await cli('models', 'frob')).stderr).toContain('Unknown models sub-command');
    expect((await cli('models', 'list', '--bogus')).code).toBe(2);
    expect((await cli('models', 'info')).code).toBe(2);
    expect((await cli('models', 'pull', 'x', '--url', 'ftp://x')).code).toBe(2);
  });

  it('lists an empty cache, and the catalog with --available', async () => {
    const cache = newCache();
    const empty = await cli('models', 'list', '--cache-dir', cache);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No models');
    const json = JSON.parse((await cli('models', 'list', '--cache-dir', cache, '--json')).stdout);
    expect(json).toMatchObject({ ok: true, cache, models: [] });
    const available = await cli('models', 'list', '--cache-dir', cache, '--available');
    expect(available.stdout).toMatch(
      /hifigan-v2-ljspeech +vocoder +MIT +verified +manual download/,
    );
    expect(available.stdout).toMatch(/hifigan-v1-ljspeech +vocoder +MIT +unknown +manual download/);
    expect(available.stdout).toMatch(/dnsmos-p835 +metric +CC-BY-4.0 +verified +pull/);
  });

  it('describes a catalog entry that is not installed', async () => {
    const info = await cli('models', 'info', 'hifigan-v2-ljspeech', '--cache-dir', newCache());
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('not installed');
    expect(info.stdout).toContain(V2_SHA256);
    expect(info.stdout).toContain('https://github.com/jik876/hifi-gan');
    const missing = await cli('models', 'info', 'nope', '--cache-dir', newCache());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('E_MODEL_NOT_FOUND');
  });
});

describe('voirs-vocoder models import / list / info / remove', () => {
  it('imports a checkpoint (config.json beside it), then vocodes with --model <name>', async () => {
    const cache = newCache();
    const checkpoint = writeTinyCheckpoint(dir);
    const run = await cli('models', 'import', checkpoint, '--cache-dir', cache, '--json');
    expect(run.code, run.stderr).toBe(0);
    const { model, path } = JSON.parse(run.stdout);
    expect(model).toMatchObject({
      name: 'generator',
      kind: 'vocoder',
      vocoder: 'hifigan',
      arch: 'custom',
      sampleRate: 22050,
    });
    expect(model.origin).toMatchObject({
      via: 'import',
      file: checkpoint,
      sha256: sha256(readFileSync(checkpoint)),
      verified: true,
    });
    expect(sha256(readFileSync(join(path, 'model.onnx')))).toBe(model.sha256);

    vi.stubEnv('VOIRS_CACHE_DIR', cache);
    const out = join(dir, 'tiny.wav');
    const vocode = await cli(
      'vocode',
      SPEECH,
      '-o',
      out,
      '--vocoder',
      'hifigan',
      '--model',
      'generator',
      '--threads',
      '1',
      '--json',
    );
    expect(vocode.code, vocode.stderr).toBe(0);
    const summary = JSON.parse(vocode.stdout);
    expect(readWav(readFileSync(out)).audio.samples.length).toBe(summary.frames * 256);
    const direct = join(dir, 'tiny-direct.wav');
    expect(
      (
        await cli(
          'vocode',
          SPEECH,
          '-o',
          direct,
          '--vocoder',
          'hifigan',
          '--model',
          checkpoint,
          '--threads',
          '1',
          '-q',
        )
      ).code,
    ).toBe(0);
    expect(readFileSync(out)).toEqual(readFileSync(direct));
  });

  it('names, lists, describes, refuses duplicates, replaces with --force and removes', async () => {
    const cache = newCache();
    const checkpoint = writeTinyCheckpoint(dir);
    expect(
      (
        await cli(
          'models',
          'import',
          dirname(checkpoint),
          '--name',
          'tiny-a',
          '--cache-dir',
          cache,
          '-q',
        )
      ).code,
    ).toBe(0);
    const duplicate = await cli(
      'models',
      'import',
      checkpoint,
      '--name',
      'tiny-a',
      '--cache-dir',
      cache,
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('E_CACHE');
    expect(duplicate.stderr).toContain('--force');
    expect(
      (
        await cli(
          'models',
          'import',
          checkpoint,
          '--name',
          'tiny-a',
          '--cache-dir',
          cache,
          '--force',
          '-q',
        )
      ).code,
    ).toBe(0);
    const list = await cli('models', 'list', '--cache-dir', cache);
    expect(list.stdout).toMatch(/tiny-a +vocoder +hifigan +custom/);
    const info = JSON.parse(
      (await cli('models', 'info', 'tiny-a', '--cache-dir', cache, '--json')).stdout,
    );
    expect(info).toMatchObject({
      ok: true,
      installed: true,
      path: join(cache, 'models', 'tiny-a', 'model.onnx'),
    });
    expect(info.model.convention).toMatchObject({ sampleRate: 22050, hop: 256, nMels: 80 });
    expect((await cli('models', 'info', 'tiny-a', '--cache-dir', cache)).stdout).toContain(
      'sha256:',
    );
    expect(
      (await cli('models', 'import', checkpoint, '--name', 'Bad/Name', '--cache-dir', cache))
        .stderr,
    ).toContain('E_INVALID_ARGUMENT');
    expect((await cli('models', 'import', SPEECH, '--cache-dir', cache)).stderr).toContain(
      'is not a model',
    );
    expect(
      (await cli('models', 'import', checkpoint, '--vocoder', 'griffinlim', '--cache-dir', cache))
        .stderr,
    ).toContain('E_UNSUPPORTED_FEATURE');
    expect((await cli('models', 'remove', 'tiny-a', '--cache-dir', cache)).code).toBe(0);
    const again = await cli('models', 'remove', 'tiny-a', '--cache-dir', cache);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('E_MODEL_NOT_FOUND');
    vi.stubEnv('VOIRS_CACHE_DIR', cache);
    const gone = await cli(
      'vocode',
      SPEECH,
      '-o',
      join(dir, 'gone.wav'),
      '--vocoder',
      'hifigan',
      '--model',
      'tiny-a',
    );
    expect(gone.stderr).toContain('E_FILE_NOT_FOUND');
    expect(gone.stderr).toContain('models list');
  });

  it('imports through another vocoder plugin (--vocoder diffwave)', async () => {
    const cache = newCache();
    const small = join(REPO_ROOT, 'packages', 'diffwave', 'test', 'fixtures', 'small.pt');
    const run = await cli(
      'models',
      'import',
      small,
      '--vocoder',
      'diffwave',
      '--name',
      'small-dw',
      '--cache-dir',
      cache,
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const { model } = JSON.parse(run.stdout);
    expect(model).toMatchObject({ name: 'small-dw', vocoder: 'diffwave', sampleRate: 22050 });
    expect(model.convention).toMatchObject({ name: 'diffwave', melScale: 'htk', fmin: 20 });
    expect(model.origin.sha256).toBe(sha256(readFileSync(small)));
  });

  it('quantises to int8 at import (--precision int8): the cached model vocodes like --precision int8 at load', async () => {
    const cache = newCache();
    const checkpoint = writeTinyCheckpoint(dir);
    const run = await cli(
      'models',
      'import',
      checkpoint,
      '--name',
      'tiny-int8',
      '--precision',
      'int8',
      '--cache-dir',
      cache,
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const { model } = JSON.parse(run.stdout);
    expect(model).toMatchObject({
      name: 'tiny-int8',
      vocoder: 'hifigan',
      arch: 'custom',
      precision: 'int8',
    });
    const list = await cli('models', 'list', '--cache-dir', cache);
    expect(list.stdout).toMatch(/tiny-int8\s+vocoder\s+hifigan\s+custom int8\s/);

    vi.stubEnv('VOIRS_CACHE_DIR', cache);
    const outputs = {
      imported: join(dir, 'int8-imported.wav'),
      load: join(dir, 'int8-load.wav'),
      fp32: join(dir, 'int8-fp32.wav'),
    };
    const vocode = (out: string, ...flags: string[]) =>
      cli(
        'vocode',
        SPEECH,
        '-o',
        out,
        '--vocoder',
        'hifigan',
        '--threads',
        '1',
        '--format',
        'f32',
        '-q',
        ...flags,
      );
    const runs = [
      await vocode(outputs.imported, '--model', 'tiny-int8'),
      await vocode(outputs.load, '--model', checkpoint, '--precision', 'int8'),
      await vocode(outputs.fp32, '--model', checkpoint),
    ];
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const bytes = (file: string) => readFileSync(file);
    // calibration is deterministic, so quantising at import or at load gives the same model
    expect(bytes(outputs.imported).equals(bytes(outputs.load))).toBe(true);
    expect(bytes(outputs.imported).equals(bytes(outputs.fp32))).toBe(false);
    expect(readWav(bytes(outputs.imported)).audio.samples.length).toBe(
      readWav(bytes(outputs.fp32)).audio.samples.length,
    );
  });

  it('refuses precisions a vocoder cannot produce, with typed errors', async () => {
    const cache = newCache();
    const checkpoint = writeTinyCheckpoint(dir);
    const fp16 = await cli(
      'models',
      'import',
      checkpoint,
      '--precision',
      'fp16',
      '--cache-dir',
      cache,
    );
    expect(fp16.code).toBe(1);
    expect(fp16.stderr).toContain('E_UNSUPPORTED_FEATURE');
    expect(fp16.stderr).toContain('fp32 or int8');
    const small = join(REPO_ROOT, 'packages', 'diffwave', 'test', 'fixtures', 'small.pt');
    const diffwave = await cli(
      'models',
      'import',
      small,
      '--vocoder',
      'diffwave',
      '--precision',
      'int8',
      '--cache-dir',
      cache,
    );
    expect(diffwave.code).toBe(1);
    expect(diffwave.stderr).toContain('E_UNSUPPORTED_FEATURE');
    expect(
      (await cli('models', 'import', checkpoint, '--precision', 'int4', '--cache-dir', cache)).code,
    ).toBe(2);
    expect((await cli('models', 'list', '--cache-dir', cache, '--json')).stdout).not.toContain(
      '"name"',
    );
    const griffin = await cli('vocode', SPEECH, '-o', join(dir, 'gl.wav'), '--precision', 'int8');
    expect(griffin.code).toBe(2);
    expect(griffin.stderr).toContain('--precision applies to model vocoders');
  });

  it('keeps the cache intact when two imports of one name run at once', async () => {
    const cache = newCache();
    const checkpoint = writeTinyCheckpoint(dir);
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        cli('models', 'import', checkpoint, '--name', 'race', '--cache-dir', cache, '-q'),
      ),
    );
    expect(runs.map((r) => r.code).sort()).toEqual([0, 1, 1]);
    for (const r of runs.filter((x) => x.code === 1)) expect(r.stderr).toContain('E_CACHE');
    expect(readdirSync(join(cache, 'models'))).toEqual(['race']);
    const record = JSON.parse(readFileSync(join(cache, 'models', 'race', 'manifest.json'), 'utf8'));
    expect(sha256(readFileSync(join(cache, 'models', 'race', 'model.onnx')))).toBe(record.sha256);
  });

  it('reports a corrupted cached model instead of running it', async () => {
    const cache = newCache();
    expect(
      (
        await cli(
          'models',
          'import',
          writeTinyCheckpoint(dir),
          '--name',
          'rot',
          '--cache-dir',
          cache,
          '-q',
        )
      ).code,
    ).toBe(0);
    const file = join(cache, 'models', 'rot', 'model.onnx');
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
    writeFileSync(file, bytes);
    vi.stubEnv('VOIRS_CACHE_DIR', cache);
    const run = await cli(
      'vocode',
      SPEECH,
      '-o',
      join(dir, 'rot.wav'),
      '--vocoder',
      'hifigan',
      '--model',
      'rot',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('E_CHECKSUM');
    expect(existsSync(join(dir, 'rot.wav'))).toBe(false);
  });
});

describe('voirs-vocoder models with the official HiFi-GAN V2 checkpoint', () => {
  it.skipIf(!V2 || !CLIP)(
    'imports it, lists it and vocodes real speech with --model <name>, as the checkpoint itself does',
    async () => {
      const cache = newCache();
      const run = await cli(
        'models',
        'import',
        V2!,
        '--name',
        'lj-v2',
        '--cache-dir',
        cache,
        '--json',
      );
      expect(run.code, run.stderr).toBe(0);
      const { model } = JSON.parse(run.stdout);
      expect(model).toMatchObject({
        name: 'lj-v2',
        vocoder: 'hifigan',
        arch: 'v2',
        sampleRate: 22050,
      });
      expect(model.origin.sha256).toBe(V2_SHA256);
      expect(model.parameters).toBeGreaterThan(900_000);
      expect((await cli('models', 'list', '--cache-dir', cache)).stdout).toMatch(
        /lj-v2 +vocoder +hifigan +v2/,
      );

      vi.stubEnv('VOIRS_CACHE_DIR', cache);
      const viaName = join(dir, 'v2-name.wav');
      const named = await cli(
        'vocode',
        CLIP!,
        '-o',
        viaName,
        '--vocoder',
        'hifigan',
        '--model',
        'lj-v2',
        '--threads',
        '1',
        '--json',
      );
      expect(named.code, named.stderr).toBe(0);
      expect(JSON.parse(named.stdout)).toMatchObject({
        ok: true,
        vocoder: 'hifigan',
        arch: 'hifigan-v2',
        sampleRate: 22050,
      });
      const viaFile = join(dir, 'v2-file.wav');
      expect(
        (
          await cli(
            'vocode',
            CLIP!,
            '-o',
            viaFile,
            '--vocoder',
            'hifigan',
            '--model',
            V2!,
            '--threads',
            '1',
            '-q',
          )
        ).code,
      ).toBe(0);
      expect(readFileSync(viaName)).toEqual(readFileSync(viaFile));
      const { audio } = readWav(readFileSync(viaName));
      const rms = Math.sqrt(audio.samples.reduce((s, x) => s + x * x, 0) / audio.samples.length);
      expect(rms).toBeGreaterThan(0.01);
    },
  );
});
