import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, sharedFile } from '@voirs/core/testing';
import { HIFIGAN_ARCHS, parseConfigJson } from '@voirs/hifigan';
import { findCatalogEntry, parseCatalogManifest, type CatalogManifest } from '../src/index.js';
import { defaultCatalogDir, readCatalog } from '../src/node.js';

const code = (error: unknown) => (error as { code?: string }).code;
const official = () => readCatalog(join(REPO_ROOT, 'models'));
const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the official catalog (models/)', () => {
  it('validates and names every official model, without weights', async () => {
    const catalog = await official();
    expect(catalog.map((m) => m.name)).toEqual([
      'diffwave-ljspeech',
      'dnsmos-p808',
      'dnsmos-p835',
      'hifigan-universal-v1',
      'hifigan-v1-ljspeech',
      'hifigan-v2-ljspeech',
      'hifigan-v3-ljspeech',
      'waveglow-universal',
    ]);
    expect(defaultCatalogDir({})).toBe(join(REPO_ROOT, 'models/'));
    for (const m of catalog) {
      expect(m.source.sha256 === null, m.name).toBe(!m.source.verified);
      if (m.kind === 'vocoder') expect(m.convert, m.name).toBe(true);
    }
  });

  it('records the V2 checkpoint hash of REFERENCE.md, and it matches the shared file', async () => {
    const v2 = findCatalogEntry(await official(), 'hifigan-v2-ljspeech');
    expect(v2.source.sha256).toBe(
      '3fac378c5918fb2c102733f21eeaa8e9a4ca6cda24dbfddc55bbb947c78d562f',
    );
    const file = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
    if (file !== undefined) expect(sha256File(file)).toBe(v2.source.sha256);
  });

  it('records the DNSMOS hashes and sizes of the shared files', async () => {
    const catalog = await official();
    for (const [name, file] of [
      ['dnsmos-p835', 'sig_bak_ovr.onnx'],
      ['dnsmos-p808', 'model_v8.onnx'],
    ] as const) {
      const path = sharedFile(`models/dnsmos/${file}`);
      if (path === undefined) continue;
      const entry = findCatalogEntry(catalog, name);
      expect(entry.source.sha256).toBe(sha256File(path));
      expect(entry.source.size).toBe(readFileSync(path).length);
    }
  });

  it('holds HiFi-GAN configs the hifigan package accepts, matching the built-in architectures', async () => {
    const catalog = await official();
    for (const m of catalog.filter((c) => c.vocoder === 'hifigan')) {
      const { config, convention } = parseConfigJson(m.config, m.name);
      expect(config, m.name).toEqual(HIFIGAN_ARCHS[m.arch as 'v1' | 'v2' | 'v3']);
      expect(convention.name).toBe(m.melPreset);
    }
    const shared = sharedFile('models/hifigan-v2-ljspeech/config.json');
    if (shared !== undefined) {
      const published = JSON.parse(readFileSync(shared, 'utf8')) as Record<string, unknown>;
      const v2 = findCatalogEntry(catalog, 'hifigan-v2-ljspeech');
      for (const [key, value] of Object.entries(v2.config!))
        expect(published[key], key).toEqual(value);
    }
  });
});

describe('manifest validation (E_CATALOG)', () => {
  const valid = (): CatalogManifest =>
    JSON.parse(readFileSync(join(REPO_ROOT, 'models', 'dnsmos-p808.json'), 'utf8'));
  type Draft = Record<string, unknown> & { source: Record<string, unknown> };
  const problem = (change: (m: Draft) => void): string => {
    const m = valid() as unknown as Draft;
    change(m);
    try {
      parseCatalogManifest(m, 'test.json');
    } catch (error) {
      expect(code(error)).toBe('E_CATALOG');
      return (error as Error).message;
    }
    throw new Error('expected E_CATALOG');
  };

  it('names each problem', () => {
    expect(problem((m) => (m.source.sha256 = 'ABC'))).toContain('source.sha256');
    expect(problem((m) => (m.source.sha256 = null))).toContain(
      '"sha256": null needs "verified": false',
    );
    expect(problem((m) => (m.name = '../x'))).toContain('name');
    expect(problem((m) => (m.source.url = 'ftp://x/y'))).toContain('source.url');
    expect(problem((m) => (m.convert = true))).toContain('metric');
    expect(problem((m) => (m.kind = 'vocoder'))).toContain('"vocoder" and "melPreset"');
    expect(problem((m) => (m.weights = 'AAAA'))).toContain('weights');
    expect(problem((m) => (m.schema = 2))).toContain('schema');
    expect(problem((m) => (m.melPreset = 'tacotron'))).toContain('melPreset');
    expect(problem((m) => delete m.licence)).toContain('licence');
  });

  it('rejects unreadable JSON, duplicate names and misnamed files in a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voirs-catalog-'));
    const manifest = valid();
    writeFileSync(join(dir, 'dnsmos-p808.json'), JSON.stringify(manifest));
    expect((await readCatalog(dir)).map((m) => m.name)).toEqual(['dnsmos-p808']);
    writeFileSync(join(dir, 'copy.json'), JSON.stringify(manifest));
    expect(((await readCatalog(dir).catch((e: unknown) => e)) as Error).message).toContain('twice');
    writeFileSync(join(dir, 'copy.json'), JSON.stringify({ ...manifest, name: 'other' }));
    expect(((await readCatalog(dir).catch((e: unknown) => e)) as Error).message).toContain(
      'must be named other.json',
    );
    writeFileSync(join(dir, 'copy.json'), '{ "schema": 1,');
    expect(code(await readCatalog(dir).catch((e: unknown) => e))).toBe('E_CATALOG');
    expect(code(await readCatalog(join(dir, 'missing')).catch((e: unknown) => e))).toBe(
      'E_CATALOG',
    );
  });

  it('finds entries by name, listing the others when one is missing', async () => {
    const catalog = await official();
    expect(findCatalogEntry(catalog, 'dnsmos-p835').kind).toBe('metric');
    const error = (() => {
      try {
        return findCatalogEntry(catalog, 'melgan');
      } catch (e) {
        return e;
      }
    })();
    expect(code(error)).toBe('E_MODEL_NOT_FOUND');
    expect((error as Error).message).toContain('hifigan-v2-ljspeech');
  });
});
