/**
 * The built site for the end-to-end test: reused from `.vitepress/dist/` when it is newer than the
 * docs app's own sources, rebuilt (`pnpm run docs:build`) otherwise or when
 * `VOIRS_DOCS_REBUILD=1`. The build output folder is the only cache.
 */
import { spawn } from 'node:child_process';
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

/** Builds the site when needed; resolves to how long the build took (0 when reused). */
export async function ensureBuild(): Promise<number> {
  const reason = staleReason();
  if (reason === undefined) return 0;
  console.log(`[docs] building the site (${reason})…`);
  const started = performance.now();
  const child = spawn('pnpm', ['run', 'docs:build'], {
    cwd: DOCS_DIR,
    stdio: 'inherit',
    env: process.env,
  });
  const code = await new Promise<number | string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (status, signal) => resolve(status ?? signal ?? 'unknown'));
  });
  if (code !== 0) throw new Error(`pnpm run docs:build failed (exit ${code}).`);
  return performance.now() - started;
}
