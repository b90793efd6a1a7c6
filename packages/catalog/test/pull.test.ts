import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HIFIGAN_PRESET,
  type ConvertOptions,
  type ModelSource,
  type VocoderPlugin,
} from '@voirs/core';
import { parseCatalogManifest, type CatalogManifest } from '../src/index.js';
import { NodeModelCache, pullModel } from '../src/node.js';
import { startServer, type TestServer } from './http-server.js';
import { tinyOnnx } from './tiny-onnx.js';

const code = (error: unknown) => (error as { code?: string }).code;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const fresh = () =>
  new NodeModelCache(mkdtempSync(join(tmpdir(), 'voirs-pull-')), { lock: { pollMs: 5 } });

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

function metricEntry(
  bytes: Uint8Array,
  source: Partial<CatalogManifest['source']> = {},
): CatalogManifest {
  return parseCatalogManifest({
    schema: 1,
    name: 'tiny-metric',
    title: 'Tiny metric model',
    kind: 'metric',
    sampleRate: 16000,
    licence: { spdx: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    source: {
      page: 'https://example.org/tiny',
      url: server.url('/tiny.onnx'),
      file: 'tiny.onnx',
      format: 'onnx',
      sha256: sha(bytes),
      size: bytes.length,
      verified: true,
      note: 'test',
      ...source,
    },
    convert: false,
  });
}

/** A vocoder plugin whose convert() records its inputs and returns a tiny ONNX model. */
function fakePlugin(calls: { source: ModelSource; options?: ConvertOptions }[]): VocoderPlugin {
  return {
    kind: 'vocoder',
    name: 'fakegan',
    features: [],
    convention: HIFIGAN_PRESET,
    requiresModel: true,
    requiresBackend: true,
    create: () => Promise.reject(new Error('not used')),
    async convert(source, options) {
      calls.push({ source, options });
      return { onnx: tinyOnnx('converted'), arch: 'v9', convention: HIFIGAN_PRESET, parameters: 7 };
    },
  };
}

describe('pullModel', () => {
  it('downloads an ONNX metric model into the cache as is, and refuses a second pull of the name', async () => {
    const bytes = tinyOnnx();
    server.files.set('/tiny.onnx', { bytes });
    const cache = fresh();
    const result = await pullModel(metricEntry(bytes), { cache });
    expect(result).toMatchObject({
      sha256: sha(bytes),
      size: bytes.length,
      resumedFrom: 0,
      verified: true,
    });
    expect(result.model).toMatchObject({
      name: 'tiny-metric',
      kind: 'metric',
      sha256: sha(bytes),
      licence: 'CC-BY-4.0',
    });
    expect(result.model.origin).toMatchObject({
      via: 'pull',
      catalog: 'tiny-metric',
      url: server.url('/tiny.onnx'),
      verified: true,
    });
    expect((await cache.read('tiny-metric')).bytes).toEqual(bytes);
    expect(readdirSync(cache.downloadsDir)).toEqual([]);
    expect(code(await pullModel(metricEntry(bytes), { cache }).catch((e: unknown) => e))).toBe(
      'E_CACHE',
    );
    expect((await pullModel(metricEntry(bytes), { cache, name: 'copy' })).model.name).toBe('copy');
  });

  it('converts a vocoder checkpoint with its plugin, passing the manifest config and arch', async () => {
    const checkpoint = new TextEncoder().encode('not really a checkpoint');
    server.files.set('/ckpt', { bytes: checkpoint });
    const entry = parseCatalogManifest({
      ...metricEntry(checkpoint),
      name: 'fake-vocoder',
      kind: 'vocoder',
      vocoder: 'fakegan',
      arch: 'v9',
      melPreset: 'hifigan',
      config: { upsample_rates: [8, 8, 2, 2] },
      convert: true,
      source: {
        ...metricEntry(checkpoint).source,
        url: server.url('/ckpt'),
        file: 'ckpt',
        format: null,
      },
    });
    const calls: { source: ModelSource; options?: ConvertOptions }[] = [];
    const cache = fresh();
    // "not really a checkpoint" is no checkpoint format at all: refused before conversion
    const refused = await pullModel(entry, { cache, plugin: fakePlugin(calls) }).catch(
      (e: unknown) => e,
    );
    expect(code(refused)).toBe('E_UNSUPPORTED_FORMAT');
    expect(calls).toEqual([]);
    const onnx = tinyOnnx('published');
    server.files.set('/ckpt', { bytes: onnx });
    const published = {
      ...entry,
      source: { ...entry.source, sha256: sha(onnx), size: onnx.length },
    };
    const result = await pullModel(published, { cache, plugin: fakePlugin(calls) });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.source).toMatchObject({
      name: 'ckpt',
      config: { upsample_rates: [8, 8, 2, 2] },
    });
    expect(calls[0]!.source.bytes).toEqual(onnx);
    expect(calls[0]!.options?.arch).toBe('v9');
    expect(result.model).toMatchObject({
      kind: 'vocoder',
      vocoder: 'fakegan',
      arch: 'v9',
      parameters: 7,
      licence: 'CC-BY-4.0',
    });
    expect(result.model.origin.sha256).toBe(sha(onnx));
    expect(code(await pullModel(published, { cache: fresh() }).catch((e: unknown) => e))).toBe(
      'E_PLUGIN_NOT_FOUND',
    );
  });

  it('refuses entries without a hash unless given one or told to skip, and conflicting hashes', async () => {
    const bytes = tinyOnnx('unverified');
    server.files.set('/tiny.onnx', { bytes });
    const entry = metricEntry(bytes, { sha256: null, verified: false, note: 'no published hash' });
    const refused = await pullModel(entry, { cache: fresh() }).catch((e: unknown) => e);
    expect(code(refused)).toBe('E_CHECKSUM');
    expect((refused as Error).message).toMatch(/--sha256 <hex>.*--insecure-skip-checksum/s);
    expect(
      (await pullModel(entry, { cache: fresh(), sha256: sha(bytes).toUpperCase() })).verified,
    ).toBe(true);
    const wrong = await pullModel(entry, { cache: fresh(), sha256: 'f'.repeat(64) }).catch(
      (e: unknown) => e,
    );
    expect(code(wrong)).toBe('E_CHECKSUM');
    const skipped = await pullModel(entry, { cache: fresh(), insecureSkipChecksum: true });
    expect(skipped.verified).toBe(false);
    expect(skipped.model.origin.verified).toBe(false);
    const conflict = await pullModel(metricEntry(bytes), {
      cache: fresh(),
      sha256: 'e'.repeat(64),
    }).catch((e: unknown) => e);
    expect(code(conflict)).toBe('E_CHECKSUM');
    expect((conflict as Error).message).toContain('catalog lists');
  });

  it('explains entries without a direct URL, and accepts --url', async () => {
    const bytes = tinyOnnx('mirror');
    const entry = metricEntry(bytes, { url: null });
    const error = await pullModel(entry, { cache: fresh() }).catch((e: unknown) => e);
    expect(code(error)).toBe('E_DOWNLOAD');
    expect((error as Error).message).toContain('models import');
    server.files.set('/mirror.onnx', { bytes });
    expect(
      (await pullModel(entry, { cache: fresh(), url: server.url('/mirror.onnx') })).model.origin
        .url,
    ).toBe(server.url('/mirror.onnx'));
  });

  it('deletes an HTML page served instead of the file, even without a checksum', async () => {
    server.files.set('/page', {
      bytes: new TextEncoder().encode('<!doctype html><title>Sign in</title>'),
      contentType: 'text/html',
    });
    const cache = fresh();
    const entry = metricEntry(tinyOnnx(), {
      url: server.url('/page'),
      sha256: null,
      verified: false,
      size: null,
    });
    const error = await pullModel(entry, { cache, insecureSkipChecksum: true }).catch(
      (e: unknown) => e,
    );
    expect(code(error)).toBe('E_UNSUPPORTED_FORMAT');
    expect(readdirSync(cache.downloadsDir)).toEqual([]);
    expect(existsSync(join(cache.dir, 'models', 'tiny-metric'))).toBe(false);
  });

  it('resumes an interrupted pull', async () => {
    const bytes = tinyOnnx('resumable-'.repeat(2000));
    server.files.set('/tiny.onnx', { bytes, cutAfter: Math.floor(bytes.length / 2) });
    const cache = fresh();
    const entry = metricEntry(bytes);
    expect(code(await pullModel(entry, { cache }).catch((e: unknown) => e))).toBe('E_DOWNLOAD');
    const result = await pullModel(entry, { cache });
    expect(result.resumedFrom).toBeGreaterThan(0);
    expect((await cache.read('tiny-metric')).model.sha256).toBe(sha(bytes));
  });
});
