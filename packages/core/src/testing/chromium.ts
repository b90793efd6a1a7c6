/**
 * What every headless-Chromium test of the repository shares: where Chromium is (Debian's
 * `/usr/bin/chromium`, or `$VOIRS_CHROMIUM`), the launch flags that work on this project's closed
 * network, the cross-origin isolation headers (SharedArrayBuffer, WASM threads), and the rule that
 * a missing Chromium fails under `CI=true` and skips with a message elsewhere.
 */
import { existsSync } from 'node:fs';

/** The Chromium executable the browser tests drive through playwright-core. */
export const CHROMIUM_PATH = process.env.VOIRS_CHROMIUM ?? '/usr/bin/chromium';

/** Launch flags: headless, no sandbox (root in CI), no GPU, and no background network traffic. */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** Response headers that make a page cross-origin isolated. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
});

/**
 * True when Chromium is installed. When it is not: throws under `CI=true` (CI installs it), and
 * otherwise warns that `what` is skipped and returns false (use with `describe.skipIf`).
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`Chromium missing under CI: ${CHROMIUM_PATH} (set VOIRS_CHROMIUM).`);
  }
  console.warn(`[voirs] skipping ${what}: no Chromium at ${CHROMIUM_PATH} (set VOIRS_CHROMIUM).`);
  return false;
}
