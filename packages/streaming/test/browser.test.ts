/**
 * The stream player in a real browser: headless Chromium (Debian's, driven by playwright-core)
 * loads a page served by a Vite dev server on 127.0.0.1, once cross-origin isolated (COOP/COEP:
 * SharedArrayBuffer, the lock-free ring) and once not (the postMessage fallback). Offline renders
 * must reproduce the written audio sample for sample; real-time playback must count underruns when
 * the producer starves it and none when it keeps up. Any console error fails the test.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  chromiumAvailable,
  ISOLATION_HEADERS,
} from '@voirs/core/testing';
import { createServer, defaultClientConditions, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoirsPlayerPage } from './browser/page.js';

const hasChromium = chromiumAvailable('the player browser test');

async function serve(isolated: boolean): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('./browser/', import.meta.url)),
    cacheDir: join(tmpdir(), 'voirs-streaming-vite'),
    logLevel: 'error',
    resolve: { conditions: ['@voirs/source', ...defaultClientConditions] },
    optimizeDeps: { noDiscovery: true, include: ['@voirs/dsp > fft.js'] },
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

describe.skipIf(!hasChromium)('stream player in headless Chromium', () => {
  let browser: Browser;
  const servers = new Map<boolean, ViteDevServer>();

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
    });
    for (const isolated of [true, false]) servers.set(isolated, await serve(isolated));
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([...servers.values()].map((s) => s.close()));
  });

  async function open(isolated: boolean): Promise<{
    page: Page;
    errors: string[];
    call: <K extends keyof VoirsPlayerPage>(
      name: K,
      ...args: Parameters<VoirsPlayerPage[K]>
    ) => Promise<Awaited<ReturnType<VoirsPlayerPage[K]>>>;
  }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.goto(servers.get(isolated)!.resolvedUrls!.local[0]!);
    await page.waitForFunction(() => window.voirsPlayer !== undefined);
    const call = ((name: keyof VoirsPlayerPage, ...args: unknown[]) =>
      page.evaluate(([n, a]) => (window.voirsPlayer[n] as (...x: unknown[]) => unknown)(...a), [
        name,
        args,
      ] as const)) as never;
    return { page, errors, call };
  }

  for (const [isolated, mode] of [
    [true, 'shared'],
    [false, 'message'],
  ] as const) {
    const how = `${isolated ? 'cross-origin isolated: shared ring buffer' : 'not isolated: postMessage fallback'}`;

    it(`${how}: plays written audio sample for sample (offline render)`, async () => {
      const { page, errors, call } = await open(isolated);
      expect(await call('environment')).toEqual({ isolated, shared: isolated });
      const result = await call('offline', 'auto', 30_000, 1000);
      expect(result.stats).toMatchObject({
        mode,
        framesWritten: 30_000,
        framesPlayed: 30_000,
        underruns: 0,
        silentFrames: 0,
        ended: true,
      });
      expect(result.maxDiff).toBe(0);
      expect(result.offset % 128).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`${how}: plays Griffin-Lim audio streamed through vocodeReadableStream`, async () => {
      const { page, errors, call } = await open(isolated);
      const result = await call('vocodeOffline', 'auto');
      expect(result.chunks).toBeGreaterThan(3);
      expect(result.frames).toBe(86 * 256); // 1 s of audio: 86 hifigan frames
      expect(result.stats).toMatchObject({ mode, framesPlayed: result.frames, underruns: 0 });
      expect(result.maxDiff).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`${how}: counts underruns in real time only when the producer starves it`, async () => {
      const { page, errors, call } = await open(isolated);
      const smooth = await call('realtime', 'auto', 0.6, 0);
      expect(smooth).toMatchObject({
        mode,
        framesPlayed: 13230,
        underruns: 0,
        ended: true,
        contextState: 'running',
      });
      const starved = await call('realtime', 'auto', 0.6, 400);
      expect(starved.framesPlayed).toBe(13230);
      expect(starved.underruns).toBeGreaterThanOrEqual(1);
      expect(starved.silentFrames).toBeGreaterThan(0.1 * 22050);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('refuses the shared ring without cross-origin isolation, with E_UNSUPPORTED_FEATURE', async () => {
    const { page, errors, call } = await open(false);
    expect(await call('createError', 'shared')).toBe('E_UNSUPPORTED_FEATURE');
    expect(await call('createError', 'message')).toBe('resolved');
    expect(errors).toEqual([]);
    await page.close();
  });
});
