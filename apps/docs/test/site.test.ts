/**
 * The built site end to end: it is served by a plain static server on 127.0.0.1 (cross-origin
 * isolated) and driven in Debian's headless Chromium through playwright-core. The demo loads
 * examples/speech.wav, vocodes it with Griffin-Lim (and with the official HiFi-GAN V2 checkpoint
 * when ../shared holds it), streams it to the AudioWorklet player and offers the WAV, which is
 * checked here (length, level, against Node's own result). Any console error fails the test.
 * Screenshots go to test/.artifacts/. Builds the site first when there is no current build.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HIFIGAN_PRESET } from '@voirs/core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable, sharedFile } from '@voirs/core/testing';
import { computeMel, readWav, rmsDb } from '@voirs/dsp';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vocodeWithHifigan } from '../examples/hifigan-node.js';
import { DIST_DIR, DOCS_DIR, ensureBuild } from './site-build.js';
import { serveStatic, type StaticServer } from './static-server.js';

const hasChromium = chromiumAvailable('the docs site test');
const ARTIFACTS = join(DOCS_DIR, 'test', '.artifacts');
const checkpoint = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const speechWav = new Uint8Array(
  readFileSync(join(DOCS_DIR, '..', '..', 'examples', 'speech.wav')),
);
const speech = readWav(speechWav).audio;
const speechFrames = computeMel(speech, HIFIGAN_PRESET).frames;

describe.skipIf(!hasChromium)('docs site in headless Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    const ms = await ensureBuild();
    if (ms > 0) console.log(`[docs] site built in ${(ms / 1000).toFixed(1)} s`);
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serveStatic(DIST_DIR, true);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
    });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      // <audio> elements abort their blob: reads once they have what they need
      const aborted =
        request.failure()?.errorText === 'net::ERR_ABORTED' && request.url().startsWith('blob:');
      if (!aborted)
        errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    });
    await page.goto(`${server.origin}${path}`);
    return { page, errors };
  }

  const role = (page: Page, name: string) => page.locator(`[data-role="${name}"]`);
  const state = (page: Page) => page.locator('.voirs-demo').getAttribute('data-state');

  /** The WAV behind the page's download link, decoded in Node. */
  async function downloaded(page: Page) {
    const href = await role(page, 'download').getAttribute('href');
    const bytes = await page.evaluate(
      async (url) => Array.from(new Uint8Array(await (await fetch(url!)).arrayBuffer())),
      href,
    );
    return readWav(Uint8Array.from(bytes));
  }

  async function vocodeAndWait(page: Page): Promise<void> {
    await role(page, 'run').click();
    await page
      .locator('.voirs-demo[data-state="done"], .voirs-demo[data-state="error"]')
      .waitFor({ timeout: 120_000 });
    expect(await role(page, 'error').textContent()).toBe('');
    expect(await state(page)).toBe('done');
  }

  it('vocodes examples/speech.wav with Griffin-Lim, plays it as it streams and offers the WAV', async () => {
    const { page, errors } = await open('/demo');
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    await role(page, 'example').click();
    await page.locator('.voirs-demo[data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(
      await role(page, 'input-mel').evaluate((c) => [
        (c as HTMLCanvasElement).width,
        (c as HTMLCanvasElement).height,
      ]),
    ).toEqual([speechFrames, 80]);

    await vocodeAndWait(page);
    const demo = page.locator('.voirs-demo');
    const seconds = Number(await demo.getAttribute('data-output-seconds'));
    expect(seconds).toBeCloseTo((speechFrames * 256) / 22050, 3);
    expect(Number(await demo.getAttribute('data-output-rms-db'))).toBeGreaterThan(
      rmsDb(speech) - 10,
    );
    expect(await role(page, 'output-mel').evaluate((c) => (c as HTMLCanvasElement).width)).toBe(
      speechFrames,
    );

    const { audio, format } = await downloaded(page);
    expect(format).toMatchObject({ sampleRate: 22050, channels: 1, bitDepth: 16 });
    expect(audio.samples.length).toBe(speechFrames * 256);
    expect(rmsDb(audio)).toBeGreaterThan(rmsDb(speech) - 10);
    // the vocoded audio has the input's spectral envelope: mean log-mel distance under 1 (natural log)
    const [a, b] = [computeMel(speech, HIFIGAN_PRESET), computeMel(audio, HIFIGAN_PRESET)];
    let distance = 0;
    for (let i = 0; i < a.data.length; i++) distance += Math.abs(a.data[i]! - b.data[i]!);
    expect(distance / a.data.length).toBeLessThan(1);

    await page.locator('.voirs-demo[data-playback="ended"]').waitFor({ timeout: 60_000 });
    expect(Number(await demo.getAttribute('data-frames-played'))).toBe(speechFrames * 256);
    expect(await demo.getAttribute('data-player-mode')).toBe('shared');
    await page.screenshot({ path: join(ARTIFACTS, 'demo-griffinlim.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reports a file that is not a WAV with its error code', async () => {
    const { page, errors } = await open('/demo');
    await role(page, 'wav-file').setInputFiles({
      name: 'notes.wav',
      mimeType: 'audio/wav',
      buffer: Buffer.from('not a RIFF file at all'),
    });
    await page.locator('.voirs-demo[data-state="error"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.voirs-demo').getAttribute('data-error-code')).toMatch(
      /^E_(WAV_INVALID|UNSUPPORTED_FORMAT)$/,
    );
    expect(await role(page, 'error').textContent()).toContain('notes.wav');
    expect(await role(page, 'run').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.skipIf(!checkpoint)(
    'converts the official HiFi-GAN V2 checkpoint in the page and matches Node',
    async () => {
      const { page, errors } = await open('/demo');
      await role(page, 'example').click();
      await page.locator('.voirs-demo[data-state="ready"]').waitFor({ timeout: 30_000 });
      await role(page, 'vocoder').selectOption('hifigan');
      await role(page, 'model-files').setInputFiles([
        checkpoint!,
        join(checkpoint!, '..', 'config.json'),
      ]);
      await page
        .locator('.voirs-demo[data-state="ready"], .voirs-demo[data-state="error"]')
        .waitFor({ timeout: 120_000 });
      expect(await role(page, 'model-info').textContent()).toContain('Loaded hifigan-v2');
      await vocodeAndWait(page);
      const { audio } = await downloaded(page);
      const node = await vocodeWithHifigan(checkpoint!, speechWav);
      expect(audio.samples.length).toBe(node.samples.length);
      let max = 0;
      for (let i = 0; i < node.samples.length; i++)
        max = Math.max(max, Math.abs(audio.samples[i]! - node.samples[i]!));
      expect(max).toBeLessThan(2e-3); // 16-bit quantisation plus onnxruntime-web vs -node rounding
      await page.screenshot({ path: join(ARTIFACTS, 'demo-hifigan.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('serves the guide, concept, generated CLI, API and benchmark pages', async () => {
    for (const [path, heading] of [
      ['/', 'voirs-vocoder'],
      ['/guide/plugins', 'Write a plugin'],
      ['/concepts/mel-conventions', 'Mel conventions'],
      ['/packages/dsp', '@voirs/dsp'],
      ['/reference/cli/vocode', 'voirs-vocoder vocode'],
      ['/api/@voirs/core', '@voirs/core'],
      ['/benchmarks/', 'Benchmarks'],
    ] as const) {
      const { page, errors } = await open(path);
      await expect
        .poll(() => page.locator('h1').first().textContent(), { timeout: 30_000 })
        .toContain(heading);
      expect(errors, path).toEqual([]);
      await page.close();
    }
  });
});
