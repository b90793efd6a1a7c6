/**
 * The page the browser test drives: BrowserModelCache on Chromium's real Cache Storage and Web
 * Locks, and importModel with the real hifigan plugin, exposed as `window.voirsCatalog`. Every
 * call resolves to `{ ok, value }` or `{ ok: false, code, message }` so error codes survive the
 * trip back to the test.
 */
import { hifiganPlugin } from '@voirs/hifigan';
import { BrowserModelCache, importModel, sha256Hex, type CachedModel } from '../../src/index.js';

/** A call's outcome as JSON. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** What the test can call. */
export interface CatalogPage {
  put(name: string, bytes: number[], replace?: boolean): Promise<Outcome<CachedModel>>;
  list(): Promise<Outcome<string[]>>;
  read(name: string): Promise<Outcome<{ model: CachedModel; sha256: string; length: number }>>;
  remove(name: string): Promise<Outcome<boolean>>;
  /** `count` concurrent puts of one name without replace: how many succeeded. */
  race(name: string, count: number): Promise<Outcome<number>>;
  /** Fetches a checkpoint and its config.json and imports it with the hifigan plugin. */
  importHifigan(
    checkpointUrl: string,
    configUrl: string,
    name: string,
  ): Promise<Outcome<CachedModel>>;
  /** Names of the Cache Storage caches (to check where entries went). */
  cacheNames(): Promise<Outcome<string[]>>;
}

declare global {
  interface Window {
    voirsCatalog: CatalogPage;
  }
}

const cache = new BrowserModelCache();
const bytesOf = (n: number, seed: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * 13 + seed) & 255);

async function outcome<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const e = error as { code?: string; message?: string; name?: string };
    return { ok: false, code: e.code ?? e.name ?? 'unknown', message: e.message ?? String(error) };
  }
}

window.voirsCatalog = {
  put: (name, bytes, replace) =>
    outcome(() =>
      cache.put(
        { name, kind: 'metric', origin: { via: 'import', sha256: '0'.repeat(64), verified: true } },
        Uint8Array.from(bytes),
        { replace },
      ),
    ),
  list: () => outcome(async () => (await cache.list()).map((m) => m.name)),
  read: (name) =>
    outcome(async () => {
      const { model, bytes } = await cache.read(name);
      return { model, sha256: await sha256Hex(bytes), length: bytes.length };
    }),
  remove: (name) => outcome(() => cache.remove(name)),
  race: (name, count) =>
    outcome(async () => {
      const results = await Promise.allSettled(
        Array.from({ length: count }, (_, i) =>
          cache.put(
            {
              name,
              kind: 'metric',
              origin: { via: 'import', sha256: '0'.repeat(64), verified: true },
            },
            bytesOf(5000 + i, i),
          ),
        ),
      );
      return results.filter((r) => r.status === 'fulfilled').length;
    }),
  importHifigan: (checkpointUrl, configUrl, name) =>
    outcome(async () => {
      const bytes = new Uint8Array(await (await fetch(checkpointUrl)).arrayBuffer());
      const config = (await (await fetch(configUrl)).json()) as Record<string, unknown>;
      return importModel(
        cache,
        hifiganPlugin,
        { bytes, name: 'generator_v2', config },
        { name, licence: 'MIT' },
      );
    }),
  cacheNames: () => outcome(() => caches.keys()),
};
