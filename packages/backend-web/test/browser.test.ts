/**
 * @voirs/backend-web in a real browser: headless Chromium (Debian's, driven by playwright-core)
 * loads a page served by a Vite dev server on 127.0.0.1, runs the fixture models with the wasm
 * provider and hands the outputs back; they must match @voirs/backend-node within 1e-4. Once with
 * cross-origin isolation (COOP/COEP: SharedArrayBuffer, 2 wasm threads) and once without (onnxruntime-web
 * falls back to 1 thread). Any console error or uncaught page error fails the test.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTensor, type Tensor } from '@voirs/core';
import { backendTestInput } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, defaultClientConditions, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonTensor, VoirsPage } from './browser/page.js';
import { FIXTURES, models } from './fixtures.js';

const CHROMIUM = process.env.VOIRS_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error(`Chromium missing under CI: ${CHROMIUM} (set VOIRS_CHROMIUM).`);
  console.warn(
    `[voirs] skipping the browser test: no Chromium at ${CHROMIUM} (set VOIRS_CHROMIUM).`,
  );
}

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

async function serve(isolated: boolean): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('./browser/', import.meta.url)),
    cacheDir: join(tmpdir(), 'voirs-backend-web-vite'),
    logLevel: 'error',
    resolve: { conditions: ['@voirs/source', ...defaultClientConditions] },
    // Serve onnxruntime-web as published: pre-bundling would move it away from its .wasm files.
    optimizeDeps: { noDiscovery: true, include: [] },
    server: {
      host: '127.0.0.1',
      port: 0,
      hmr: false,
      watch: null,
      headers: isolated ? ISOLATION_HEADERS : {},
    },
  });
  await server.listen();
  return server;
}

const toJson = (t: Tensor): JsonTensor => ({
  dtype: t.dtype,
  dims: [...t.dims],
  data: Array.from(t.data as ArrayLike<number | bigint>, (v) =>
    typeof v === 'bigint' ? v.toString() : v,
  ),
});
const fixtureUrl = (file: string) => `/@fs${fileURLToPath(new URL(file, FIXTURES))}`;

describe.skipIf(!hasChromium)('backend-web in headless Chromium', () => {
  let browser: Browser;
  const servers: ViteDevServer[] = [];
  const native = createNodeBackend({ logLevel: 'fatal' });

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  async function open(isolated: boolean): Promise<{ page: Page; errors: string[] }> {
    const server = await serve(isolated);
    servers.push(server);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.goto(server.resolvedUrls!.local[0]!);
    await page.waitForFunction(() => window.voirs !== undefined);
    return { page, errors };
  }

  async function nativeRun(
    model: Uint8Array,
    feeds: Record<string, Tensor>,
  ): Promise<Record<string, Tensor>> {
    const session = await native.createSession(model);
    try {
      return await session.run(feeds);
    } finally {
      await session.dispose();
    }
  }

  for (const isolated of [true, false]) {
    it(`matches backend-node ${isolated ? 'with cross-origin isolation (2 threads)' : 'without isolation (1 thread)'}`, async () => {
      const { page, errors } = await open(isolated);
      const x = backendTestInput(2, 1500, 7);
      const web = await page.evaluate(([url, feeds]) => window.voirs.run(url, feeds), [
        fixtureUrl('conv.onnx'),
        { x: toJson(x) },
      ] as const);
      const env = await page.evaluate(() => window.voirs.environment());
      expect(env).toEqual({ isolated, threads: isolated ? 2 : 1, providers: ['wasm'] });
      const expected = await nativeRun(models.conv, { x });
      for (const name of ['y', 'energy']) {
        expect(web[name]!.dims).toEqual([...expected[name]!.dims]);
        const ref = expected[name]!.data as Float32Array;
        const got = web[name]!.data as number[];
        let max = 0;
        for (let i = 0; i < ref.length; i++) max = Math.max(max, Math.abs(got[i]! - ref[i]!));
        expect(max, name).toBeLessThanOrEqual(1e-4);
      }
      const ids = createTensor('int64', BigInt64Array.from([5n, -2n, 0n]), [3]);
      const gathered = await page.evaluate(([url, feeds]) => window.voirs.run(url, feeds), [
        fixtureUrl('gather.onnx'),
        { ids: toJson(ids) },
      ] as const);
      expect(gathered).toEqual(
        Object.fromEntries(
          Object.entries(await nativeRun(models.gather, { ids })).map(([k, v]) => [k, toJson(v)]),
        ),
      );
      expect(errors).toEqual([]);
    });
  }

  it('refuses WebGPU without a GPU adapter with E_EXECUTION_PROVIDER, and invalid bytes with E_ONNX_INVALID', async () => {
    const { page, errors } = await open(true);
    const code = (url: string, options: Parameters<VoirsPage['createError']>[1]) =>
      page.evaluate(([u, o]) => window.voirs.createError(u, o), [url, options] as const);
    expect(await code(fixtureUrl('conv.onnx'), { executionProviders: ['webgpu'] })).toBe(
      'E_EXECUTION_PROVIDER',
    );
    expect(await code(fixtureUrl('README.md'), {})).toBe('E_ONNX_INVALID');
    expect(errors).toEqual([]);
  });
});
