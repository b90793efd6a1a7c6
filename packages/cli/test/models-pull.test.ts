/**
 * `voirs-vocoder models pull` against a real HTTP server on loopback (the node:http test server of
 * @voirs/catalog), with catalogs written for the test: complete, corrupted, truncated-then-resumed
 * downloads, the hash policy, and the official V2 checkpoint served from ../shared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, sharedFile } from '@voirs/core/testing';
import { readWav } from '@voirs/dsp';
import { startServer, type TestServer } from '../../catalog/test/http-server.js';
import { cli } from './run-cli.js';
import { TINY_HIFIGAN_CONFIG, tinyHifiganCheckpoint } from '@voirs/hifigan/testing';
import { sha256, writeCatalog } from './models-fixtures.js';

const V2 = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const SPEECH = join(REPO_ROOT, 'examples', 'speech.wav');
const newCache = () => mkdtempSync(join(tmpdir(), 'voirs-cli-pull-'));

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(() => vi.unstubAllEnvs());

const tiny = tinyHifiganCheckpoint();
const tinyCatalog = (path: string, sha?: string | null) =>
  writeCatalog({
    name: 'tiny-gan',
    url: server.url(path),
    bytes: tiny,
    format: 'safetensors',
    config: TINY_HIFIGAN_CONFIG,
    sha256: sha,
  });

describe('voirs-vocoder models pull (loopback HTTP)', () => {
  it('downloads, verifies, converts and caches a model that vocode then uses by name', async () => {
    server.files.set('/tiny-ok', { bytes: tiny });
    const cache = newCache();
    const run = await cli(
      'models',
      'pull',
      'tiny-gan',
      '--catalog',
      tinyCatalog('/tiny-ok'),
      '--cache-dir',
      cache,
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.download).toEqual({
      sha256: sha256(tiny),
      size: tiny.length,
      resumedFrom: 0,
      verified: true,
    });
    expect(result.model).toMatchObject({
      name: 'tiny-gan',
      vocoder: 'hifigan',
      arch: 'custom',
      licence: 'MIT',
    });
    expect(result.model.origin).toMatchObject({
      via: 'pull',
      catalog: 'tiny-gan',
      url: server.url('/tiny-ok'),
      verified: true,
    });
    expect(readdirSync(join(cache, 'downloads'))).toEqual([]);
    vi.stubEnv('VOIRS_CACHE_DIR', cache);
    const out = join(cache, 'out.wav');
    expect(
      (await cli('vocode', SPEECH, '-o', out, '--vocoder', 'hifigan', '--model', 'tiny-gan', '-q'))
        .code,
    ).toBe(0);
    expect(readWav(readFileSync(out)).audio.sampleRate).toBe(22050);
    const again = await cli(
      'models',
      'pull',
      'tiny-gan',
      '--catalog',
      tinyCatalog('/tiny-ok'),
      '--cache-dir',
      cache,
    );
    expect(again.stderr).toContain('E_CACHE');
  });

  it('deletes a corrupted download and reports E_CHECKSUM', async () => {
    server.files.set('/tiny-bad', { bytes: tiny, corrupt: true });
    const cache = newCache();
    const run = await cli(
      'models',
      'pull',
      'tiny-gan',
      '--catalog',
      tinyCatalog('/tiny-bad'),
      '--cache-dir',
      cache,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('E_CHECKSUM');
    expect(readdirSync(join(cache, 'downloads'))).toEqual([]);
    expect(existsSync(join(cache, 'models', 'tiny-gan'))).toBe(false);
  });

  it('keeps a truncated download and resumes it on the next pull with an HTTP Range request', async () => {
    server.files.set('/tiny-cut', { bytes: tiny, cutAfter: Math.floor(tiny.length / 3) });
    const cache = newCache();
    const catalog = tinyCatalog('/tiny-cut');
    const first = await cli(
      'models',
      'pull',
      'tiny-gan',
      '--catalog',
      catalog,
      '--cache-dir',
      cache,
    );
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('E_DOWNLOAD');
    expect(first.stderr).toContain('again to resume');
    expect(readdirSync(join(cache, 'downloads')).some((f) => f.endsWith('.part'))).toBe(true);
    server.requests.length = 0;
    const second = await cli(
      'models',
      'pull',
      'tiny-gan',
      '--catalog',
      catalog,
      '--cache-dir',
      cache,
      '--json',
    );
    expect(second.code, second.stderr).toBe(0);
    const { download } = JSON.parse(second.stdout);
    expect(download.resumedFrom).toBeGreaterThan(0);
    expect(download.sha256).toBe(sha256(tiny));
    expect(server.requests).toEqual([
      expect.objectContaining({
        path: '/tiny-cut',
        range: `bytes=${download.resumedFrom}-`,
        status: 206,
      }),
    ]);
    expect(readdirSync(join(cache, 'downloads'))).toEqual([]);
  });

  it('refuses an entry without a hash unless --sha256 or --insecure-skip-checksum is given', async () => {
    server.files.set('/tiny-nohash', { bytes: tiny });
    const catalog = tinyCatalog('/tiny-nohash', null);
    const refused = await cli(
      'models',
      'pull',
      'tiny-gan',
      '--catalog',
      catalog,
      '--cache-dir',
      newCache(),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('E_CHECKSUM');
    expect(refused.stderr).toContain('--insecure-skip-checksum');
    const wrong = await cli(
      'models',
      'pull',
      'tiny-gan',
      '--catalog',
      catalog,
      '--cache-dir',
      newCache(),
      '--sha256',
      'a'.repeat(64),
    );
    expect(wrong.stderr).toContain('E_CHECKSUM');
    const given = await cli(
      'models',
      'pull',
      'tiny-gan',
      '--catalog',
      catalog,
      '--cache-dir',
      newCache(),
      '--sha256',
      sha256(tiny),
      '--json',
    );
    expect(JSON.parse(given.stdout).download.verified).toBe(true);
    const insecure = await cli(
      'models',
      'pull',
      'tiny-gan',
      '--catalog',
      catalog,
      '--cache-dir',
      newCache(),
      '--insecure-skip-checksum',
    );
    expect(insecure.code, insecure.stderr).toBe(0);
    expect(insecure.stderr).toContain('NOT verified');
    expect(
      (await cli('models', 'pull', 'tiny-gan', '--catalog', catalog, '--sha256', 'xyz')).code,
    ).toBe(1);
  });

  it('explains official entries that have no direct URL', async () => {
    const run = await cli('models', 'pull', 'hifigan-v2-ljspeech', '--cache-dir', newCache());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('E_DOWNLOAD');
    expect(run.stderr).toContain('models import');
    expect((await cli('models', 'pull', 'melgan', '--cache-dir', newCache())).stderr).toContain(
      'E_MODEL_NOT_FOUND',
    );
  });

  it.skipIf(!V2)(
    'pulls the official V2 checkpoint through --url, verified against the catalog hash',
    async () => {
      server.files.set('/LJ_V2/generator_v2', { bytes: readFileSync(V2!) });
      const cache = newCache();
      const run = await cli(
        'models',
        'pull',
        'hifigan-v2-ljspeech',
        '--url',
        server.url('/LJ_V2/generator_v2'),
        '--cache-dir',
        cache,
        '--json',
      );
      expect(run.code, run.stderr).toBe(0);
      const { model, download } = JSON.parse(run.stdout);
      expect(download).toMatchObject({
        sha256: '3fac378c5918fb2c102733f21eeaa8e9a4ca6cda24dbfddc55bbb947c78d562f',
        verified: true,
      });
      expect(model).toMatchObject({
        name: 'hifigan-v2-ljspeech',
        vocoder: 'hifigan',
        arch: 'v2',
        licence: 'MIT',
      });
      expect(model.origin).toMatchObject({
        via: 'pull',
        catalog: 'hifigan-v2-ljspeech',
        file: 'LJ_V2/generator_v2',
      });
    },
  );
});
