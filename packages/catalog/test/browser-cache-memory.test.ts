import { describe, expect, it } from 'vitest';
import { BrowserModelCache } from '../src/index.js';
import { sampleBytes, sampleRecord, testModelCache } from './cache-conformance.js';
import { MemoryCacheStorage, MemoryLocks } from './memory-cache-storage.js';

const BASE = 'https://voirs-vocoder.invalid/models/';
const make = (storage = new MemoryCacheStorage()) =>
  new BrowserModelCache({ caches: storage as unknown as CacheStorage, locks: new MemoryLocks() });
const code = (error: unknown) => (error as { code?: string }).code;

testModelCache('BrowserModelCache (in-memory Cache Storage)', () => make());

describe('BrowserModelCache specifics', () => {
  it('keys bytes by their sha256 and drops the old bytes after a replace', async () => {
    const storage = new MemoryCacheStorage();
    const cache = make(storage);
    const first = await cache.put(sampleRecord('m'), sampleBytes(1));
    const second = await cache.put(sampleRecord('m'), sampleBytes(2), { replace: true });
    const keys = (await (await storage.open('voirs-vocoder-models')).keys())
      .map((r) => r.url)
      .sort();
    expect(keys).toEqual([`${BASE}m/${second.sha256}.onnx`, `${BASE}m/manifest.json`].sort());
    expect(keys).not.toContain(`${BASE}m/${first.sha256}.onnx`);
  });

  it('detects tampered bytes and reports quota errors as E_CACHE', async () => {
    const storage = new MemoryCacheStorage();
    const cache = make(storage);
    const stored = await cache.put(sampleRecord('m'), sampleBytes(1));
    (await storage.open('voirs-vocoder-models')).tamper(
      `${BASE}m/${stored.sha256}.onnx`,
      sampleBytes(3),
    );
    expect(code(await cache.read('m').catch((e: unknown) => e))).toBe('E_CHECKSUM');
    (await storage.open('voirs-vocoder-models')).failNextPut = Object.assign(new Error('quota'), {
      name: 'QuotaExceededError',
    });
    const error = await cache.put(sampleRecord('n'), sampleBytes(1)).catch((e: unknown) => e);
    expect(code(error)).toBe('E_CACHE');
    expect((error as Error).message).toContain('quota');
    expect(await cache.get('n')).toBeUndefined();
  });

  it('explains a missing Cache Storage and rejects bad base URLs', async () => {
    const cache = new BrowserModelCache({ caches: undefined });
    if ((globalThis as { caches?: unknown }).caches === undefined) {
      const error = await cache.list().catch((e: unknown) => e);
      expect(code(error)).toBe('E_CACHE');
      expect((error as Error).message).toContain('secure context');
    }
    expect(() => new BrowserModelCache({ baseUrl: 'file:///x/' })).toThrow(TypeError);
  });
});
