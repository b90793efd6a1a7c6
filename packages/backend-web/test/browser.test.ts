/**
 * @voirs/backend-web in a real browser: headless Chromium (Debian's, driven by playwright-core)
 * loads a page served by a Vite dev server on 127.0.0.1, runs the fixture models with the wasm
 * provider and hands the outputs back; they must match @voirs/backend-node within 1e-4. Once with
 * cross-origin isolation (COOP/COEP: SharedArrayBuffer, 2 wasm threads) and once without (onnxruntime-web
 * falls back to 1 thread). Any console error or uncaught page error fails the test.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTensor, type Tensor } from '@voirs/core';
import {
  backendTestInput,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  chromiumAvailable,
  ISOLATION_HEADERS,
} from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, defaultClientConditions, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonTensor, VoirsPage } from './browser/page.js';
import { FIXTURES, models } from './fixtures.js';

const hasChromium = chromiumAvailable('the browser test');

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
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  async function open(isolated: boolean, query = ''): Promise<{ page: Page; errors: string[] }> {
    const server = await serve(isolated);
    servers.push(server);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.goto(`${server.resolvedUrls!.local[0]!}${query}`);
    await page.waitForFunction(() => window.voirs !== undefined);
    return { page, errors };
  }

  async function nativeRun(
    model: Uint8Array,
    feeds: Record<string, Tensor>,
  ): Promise<Record<string, JsonTensor>> {
    const session = await native.createSession(model);
    try {
      const out = await session.run(feeds);
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, toJson(v)]));
    } finally {
      await session.dispose();
    }
  }

  const webRun = (page: Page, file: string, feeds: Record<string, Tensor>) =>
    page.evaluate(([url, f]) => window.voirs.run(url, f), [
      fixtureUrl(file),
      Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toJson(v)])),
    ] as const);

  /** Runs the three fixtures in the page and in backend-node: floats within 1e-4, the rest exactly. */
  async function expectParity(page: Page): Promise<void> {
    const x = backendTestInput(2, 1500, 7);
    const web = await webRun(page, 'conv.onnx', { x });
    const expected = await nativeRun(models.conv, { x });
    for (const name of ['y', 'energy']) {
      expect(web[name]!.dims).toEqual(expected[name]!.dims);
      const [got, ref] = [web[name]!.data as number[], expected[name]!.data as number[]];
      let max = 0;
      for (let i = 0; i < ref.length; i++) max = Math.max(max, Math.abs(got[i]! - ref[i]!));
      expect(max, name).toBeLessThanOrEqual(1e-4);
    }
    const ids = { ids: createTensor('int64', BigInt64Array.from([5n, -2n, 0n]), [3]) };
    expect(await webRun(page, 'gather.onnx', ids)).toEqual(await nativeRun(models.gather, ids));
    const typed = {
      f16: createTensor('float16', Uint16Array.from([0x3c00, 0xc200, 0x7bff]), [3]),
      i32: createTensor('int32', Int32Array.from([1, -7, 1 << 29]), [3]),
      i8: createTensor('int8', Int8Array.from([1, -128, 127]), [3]),
      u8: createTensor('uint8', Uint8Array.from([0, 7, 255]), [3]),
      b: createTensor('bool', Uint8Array.from([1, 0, 1]), [3]),
    };
    expect(await webRun(page, 'dtypes.onnx', typed)).toEqual(await nativeRun(models.dtypes, typed));
  }

  for (const [isolated, query, threads] of [
    [true, '', 2],
    [false, '', 1],
    [true, '?proxy', 2],
  ] as const) {
    const how = `${isolated ? 'with' : 'without'} cross-origin isolation${query ? ', proxied to a worker' : ''} (${threads} thread${threads > 1 ? 's' : ''})`;
    it(`matches backend-node ${how}`, async () => {
      const { page, errors } = await open(isolated, query);
      await expectParity(page);
      const env = await page.evaluate(() => window.voirs.environment());
      expect(env).toEqual({ isolated, proxy: query !== '', threads, providers: ['wasm'] });
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
