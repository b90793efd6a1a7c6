/**
 * Access to the project's shared test data (`../shared` beside the repository: real LJSpeech clips,
 * the official HiFi-GAN V2 checkpoint, DNSMOS models). A user's clone has no `../shared`, so tests
 * that need it skip with a message there; under `CI=true` a missing file is an error, never a skip.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding pnpm-workspace.yaml). */
export const REPO_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('voirs-vocoder: cannot find the repository root (pnpm-workspace.yaml)');
    dir = parent;
  }
  return dir;
})();

/** The shared data folder: `$VOIRS_SHARED_DIR`, else `../shared` beside the repository. */
export const SHARED_DIR = resolve(process.env.VOIRS_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared'));

/**
 * Absolute path of `relativePath` inside the shared folder, or `undefined` when it is missing
 * outside CI (the caller skips, e.g. `it.skipIf(!file)`). Under `CI=true` a missing file throws, so
 * the test file fails loudly.
 */
export function sharedFile(relativePath: string): string | undefined {
  const path = join(SHARED_DIR, relativePath);
  if (existsSync(path)) return path;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(
      `Shared test data missing under CI: ${path}. CI must run with ../shared beside the clone.`,
    );
  }
  console.warn(
    `[voirs] skipping: shared test data not found (${path}); this is expected in a user's clone.`,
  );
  return undefined;
}
