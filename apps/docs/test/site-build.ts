/**
 * The built site for the end-to-end test: reused from `.vitepress/dist/` when it is newer than the
 * docs app's own sources, rebuilt (`pnpm run docs:build`) otherwise or when
 * `VOIRS_DOCS_REBUILD=1`. The build output folder is the only cache.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The docs app folder. */
export const DOCS_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Where VitePress writes the site. */
export const DIST_DIR = join(DOCS_DIR, '.vitepress', 'dist');

/** Hand-written inputs of the build (generated folders and tests excluded). */
const SOURCES = [
  '.vitepress/config.ts',
  '.vitepress/theme',
  'demo',
  'examples',
  'scripts',
  'guide',
  'concepts',
  'vocoders',
  'public',
  'index.md',
  'demo.md',
  'package.json',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Why the site must be (re)built, or undefined when the build is current. */
export function staleReason(): string | undefined {
  const marker = join(DIST_DIR, 'demo.html');
  if (process.env.VOIRS_DOCS_REBUILD === '1') return 'VOIRS_DOCS_REBUILD=1';
  if (!existsSync(marker)) return 'no build yet';
  const built = statSync(marker).mtimeMs;
  const changed = SOURCES.map((s) => join(DOCS_DIR, s)).filter(
    (p) => existsSync(p) && newestMtime(p) > built,
  );
  return changed.length > 0
    ? `changed since the build: ${changed.map((p) => p.slice(DOCS_DIR.length)).join(', ')}`
    : undefined;
}

/** Builds the site when needed; returns how long the build took (0 when reused). */
export function ensureBuild(): number {
  const reason = staleReason();
  if (reason === undefined) return 0;
  console.log(`[docs] building the site (${reason})…`);
  const started = performance.now();
  const result = spawnSync('pnpm', ['run', 'docs:build'], {
    cwd: DOCS_DIR,
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0)
    throw new Error(`pnpm run docs:build failed (exit ${result.status ?? result.signal}).`);
  return performance.now() - started;
}
