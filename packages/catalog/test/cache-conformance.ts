/**
 * The behaviour every ModelCache implementation must show, run against NodeModelCache and
 * BrowserModelCache (in-memory Cache Storage).
 */
import { describe, expect, it } from 'vitest';
import type { ModelCache, NewCachedModel } from '../src/index.js';
import { sha256Hex } from '../src/index.js';

/** A record for `name`, as an import would give it. */
export function sampleRecord(name: string): NewCachedModel {
  return {
    name,
    kind: 'vocoder',
    vocoder: 'hifigan',
    arch: 'v2',
    sampleRate: 22050,
    parameters: 42,
    licence: 'MIT',
    origin: { via: 'import', file: '/tmp/generator_v2', sha256: 'a'.repeat(64), verified: true },
  };
}

/** Bytes that differ per `seed`. */
export function sampleBytes(seed: number, length = 4096): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed * 97) & 0xff;
  return bytes;
}

const code = (error: unknown) => (error as { code?: string }).code;

/** Registers the shared suite; `make` returns a fresh, empty cache. */
export function testModelCache(label: string, make: () => Promise<ModelCache> | ModelCache): void {
  describe(`ModelCache conformance: ${label}`, () => {
    it('stores, lists, reads and removes an entry', async () => {
      const cache = await make();
      expect(await cache.list()).toEqual([]);
      expect(await cache.get('hifigan-v2')).toBeUndefined();
      const bytes = sampleBytes(1);
      const stored = await cache.put(sampleRecord('hifigan-v2'), bytes);
      expect(stored).toMatchObject({
        name: 'hifigan-v2',
        schema: 1,
        file: 'model.onnx',
        size: bytes.length,
      });
      expect(stored.sha256).toBe(await sha256Hex(bytes));
      expect(Number.isNaN(Date.parse(stored.createdAt))).toBe(false);
      expect(await cache.get('hifigan-v2')).toEqual(stored);
      await cache.put(sampleRecord('another'), sampleBytes(2));
      expect((await cache.list()).map((m) => m.name)).toEqual(['another', 'hifigan-v2']);
      const { model, bytes: read } = await cache.read('hifigan-v2');
      expect(model).toEqual(stored);
      expect(read).toEqual(bytes);
      expect(await cache.remove('hifigan-v2')).toBe(true);
      expect(await cache.remove('hifigan-v2')).toBe(false);
      expect((await cache.list()).map((m) => m.name)).toEqual(['another']);
    });

    it('refuses to overwrite without replace, and replaces with it', async () => {
      const cache = await make();
      await cache.put(sampleRecord('m'), sampleBytes(1));
      const error = await cache.put(sampleRecord('m'), sampleBytes(2)).catch((e: unknown) => e);
      expect(code(error)).toBe('E_CACHE');
      expect((error as Error).message).toContain('--force');
      expect((await cache.read('m')).bytes).toEqual(sampleBytes(1));
      const replaced = await cache.put({ ...sampleRecord('m'), arch: 'v3' }, sampleBytes(2, 100), {
        replace: true,
      });
      const { model, bytes } = await cache.read('m');
      expect(model).toEqual(replaced);
      expect(model.arch).toBe('v3');
      expect(bytes).toEqual(sampleBytes(2, 100));
    });

    it('reports missing entries, bad names and bad arguments', async () => {
      const cache = await make();
      expect(code(await cache.read('nope').catch((e: unknown) => e))).toBe('E_MODEL_NOT_FOUND');
      for (const bad of ['../evil', 'Upper', '', 'a/b', '.hidden', 'x'.repeat(65)]) {
        expect(
          code(await cache.put(sampleRecord(bad), sampleBytes(1)).catch((e: unknown) => e)),
          bad,
        ).toBe('E_INVALID_ARGUMENT');
        expect(code(await cache.get(bad).catch((e: unknown) => e)), bad).toBe('E_INVALID_ARGUMENT');
      }
      await expect(cache.put(sampleRecord('m'), new Uint8Array(0))).rejects.toThrow(TypeError);
      await expect(cache.put(sampleRecord('m'), [1, 2] as unknown as Uint8Array)).rejects.toThrow(
        TypeError,
      );
    });

    it('serialises concurrent puts of one name: one wins without replace, all land consistently with it', async () => {
      const cache = await make();
      const results = await Promise.allSettled(
        [1, 2, 3, 4].map((seed) => cache.put(sampleRecord('race'), sampleBytes(seed))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(code(r.reason)).toBe('E_CACHE');
      const winner = (
        results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ sha256: string }>
      ).value;
      expect((await cache.read('race')).model.sha256).toBe(winner.sha256);

      const replaced = await Promise.all(
        [5, 6, 7, 8].map((seed) =>
          cache.put(sampleRecord('race'), sampleBytes(seed, 1000 + seed), { replace: true }),
        ),
      );
      const { model, bytes } = await cache.read('race');
      expect(replaced.map((m) => m.sha256)).toContain(model.sha256);
      expect(await sha256Hex(bytes)).toBe(model.sha256);
      expect((await cache.list()).map((m) => m.name)).toEqual(['race']);
    });

    it('never shows a reader half an entry while it is replaced', async () => {
      const cache = await make();
      await cache.put(sampleRecord('live'), sampleBytes(0));
      const writers = Promise.all(
        [1, 2, 3, 4, 5].map((seed) =>
          cache.put(sampleRecord('live'), sampleBytes(seed, 2000 + seed), { replace: true }),
        ),
      );
      const readers = Promise.all(
        Array.from({ length: 10 }, async () => {
          const { model, bytes } = await cache.read('live');
          expect(await sha256Hex(bytes)).toBe(model.sha256);
        }),
      );
      await Promise.all([writers, readers]);
    });
  });
}
