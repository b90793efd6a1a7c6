/**
 * BrowserModelCache in a real browser: headless Chromium (Debian's, driven by playwright-core) on
 * a page served by a Vite dev server on 127.0.0.1 (a secure context, so Cache Storage and Web
 * Locks exist). Covers the cache contract, concurrent writers, and importing the official V2
 * checkpoint with the hifigan plugin inside the page (same ONNX bytes as in Node).
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, defaultClientConditions, type Plugin, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  chromiumAvailable,
  SHARED_DIR,
  sharedFile,
} from '@voirs/core/testing';
import { hifiganPlugin } from '@voirs/hifigan';
import { sha256Hex } from '../src/index.js';
import type { CatalogPage, Outcome } from './browser/page.js';

const hasChromium = chromiumAvailable('the browser test');
const checkpoint = sharedFile('models/hifigan-v2-ljspeech/generator_v2');

/** Serves ../shared files as raw bytes under /shared/ (Vite would transform a plain /@fs file). */
function serveSharedFiles(): Plugin {
  return {
    name: 'voirs-shared-files',
    configureServer(vite) {
      vite.middlewares.use('/shared/', (req, res) => {
        const path = join(
          SHARED_DIR,
          decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname),
        );
        if (!path.startsWith(SHARED_DIR) || !existsSync(path)) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/octet-stream');
        res.end(readFileSync(path));
      });
    },
  };
}

const ok = <T>(result: Outcome<T>): T => {
  if (!result.ok) throw new Error(`page call failed: ${result.code}: ${result.message}`);
  return result.value;
};

describe.skipIf(!hasChromium)('BrowserModelCache in headless Chromium', () => {
  let browser: Browser;
  let server: ViteDevServer;
  let page: Page;
  const errors: string[] = [];
  const call = <K extends keyof CatalogPage>(name: K, ...args: Parameters<CatalogPage[K]>) =>
    page.evaluate(
      ([n, a]) => (window.voirsCatalog[n] as (...x: unknown[]) => Promise<unknown>)(...a),
      [name, args] as const,
    ) as ReturnType<CatalogPage[K]>;

  beforeAll(async () => {
    server = await createServer({
      configFile: false,
      root: fileURLToPath(new URL('./browser/', import.meta.url)),
      cacheDir: join(tmpdir(), 'voirs-catalog-vite'),
      logLevel: 'error',
      resolve: { conditions: ['@voirs/source', ...defaultClientConditions] },
      server: {
        host: '127.0.0.1',
        port: 0,
        hmr: false,
        watch: null,
      },
      plugins: [serveSharedFiles()],
    });
    await server.listen();
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    });
    page = await browser.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.goto(server.resolvedUrls!.local[0]!);
    await page.waitForFunction(() => window.voirsCatalog !== undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('stores, lists, reads, replaces and removes entries in Cache Storage', async () => {
    const bytes = Array.from({ length: 3000 }, (_, i) => (i * 7) & 255);
    const stored = ok(await call('put', 'tiny', bytes));
    expect(stored).toMatchObject({
      name: 'tiny',
      size: 3000,
      sha256: await sha256Hex(Uint8Array.from(bytes)),
    });
    expect(ok(await call('list'))).toEqual(['tiny']);
    expect(ok(await call('cacheNames'))).toContain('voirs-vocoder-models');
    expect(ok(await call('read', 'tiny'))).toMatchObject({ sha256: stored.sha256, length: 3000 });
    const again = await call('put', 'tiny', bytes);
    expect(again).toMatchObject({ ok: false, code: 'E_CACHE' });
    const replaced = ok(await call('put', 'tiny', [1, 2, 3], true));
    expect(ok(await call('read', 'tiny'))).toMatchObject({ sha256: replaced.sha256, length: 3 });
    expect(ok(await call('remove', 'tiny'))).toBe(true);
    expect(ok(await call('remove', 'tiny'))).toBe(false);
    expect(await call('read', 'tiny')).toMatchObject({ ok: false, code: 'E_MODEL_NOT_FOUND' });
    expect(await call('put', '../x', bytes)).toMatchObject({
      ok: false,
      code: 'E_INVALID_ARGUMENT',
    });
    expect(errors).toEqual([]);
  });

  it('lets exactly one of several concurrent writers of a name win (Web Locks)', async () => {
    expect(ok(await call('race', 'contested', 6))).toBe(1);
    const { model, sha256 } = ok(await call('read', 'contested'));
    expect(sha256).toBe(model.sha256);
  });

  it.skipIf(!checkpoint)(
    'imports the official V2 checkpoint with the hifigan plugin inside the page',
    async () => {
      const model = ok(
        await call(
          'importHifigan',
          '/shared/models/hifigan-v2-ljspeech/generator_v2',
          '/shared/models/hifigan-v2-ljspeech/config.json',
          'hifigan-v2',
        ),
      );
      expect(model).toMatchObject({
        name: 'hifigan-v2',
        kind: 'vocoder',
        vocoder: 'hifigan',
        arch: 'v2',
        sampleRate: 22050,
        licence: 'MIT',
      });
      expect(model.origin.sha256).toBe(
        '3fac378c5918fb2c102733f21eeaa8e9a4ca6cda24dbfddc55bbb947c78d562f',
      );
      const node = await hifiganPlugin.convert!({
        bytes: new Uint8Array(readFileSync(checkpoint!)),
        name: 'generator_v2',
        config: JSON.parse(readFileSync(join(checkpoint!, '..', 'config.json'), 'utf8')),
      });
      expect(model.sha256).toBe(await sha256Hex(node.onnx));
      expect(ok(await call('read', 'hifigan-v2')).sha256).toBe(model.sha256);
      expect(errors).toEqual([]);
    },
  );
});
