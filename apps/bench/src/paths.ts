/**
 * Where the benchmark app finds the repository's pieces and puts its own files. The app only ever
 * runs from a checkout of the repository, so paths are resolved from this file's location.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** apps/bench */
const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root. */
export const REPO_ROOT = resolve(APP_DIR, '..', '..');
/** The `voirs-vocoder` launcher (runs the CLI from its TypeScript sources). */
export const CLI_BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'voirs-vocoder.js');
/** PyTorch reference scripts. */
export const REFERENCE_DIR = join(REPO_ROOT, 'tools', 'reference');
/** Debian's python with torch (the plain `python3` may be another interpreter). */
export const PYTHON = process.env.VOIRS_PYTHON ?? '/usr/bin/python3';
/** The shared data folder beside the repository (`$VOIRS_SHARED_DIR` overrides). */
export const SHARED_DIR = resolve(process.env.VOIRS_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared'));
/** Inputs the app prepares (gitignored). */
export const CACHE_DIR = join(APP_DIR, '.cache');
/** Default output folder of a run (gitignored). */
export const LATEST_DIR = join(APP_DIR, 'results', 'latest');
/** The committed baseline of `bench:check`. */
export const BASELINE_FILE = join(APP_DIR, 'baseline.json');
/** The official HiFi-GAN V2 checkpoint folder. */
export const HIFIGAN_V2_DIR = join(SHARED_DIR, 'models', 'hifigan-v2-ljspeech');

/**
 * Node arguments that run a TypeScript file the way the workspace does: tsx's loader and the
 * `@voirs/source` export condition.
 */
export function tsNodeArgs(script: string): string[] {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--conditions=@voirs/source', '--import', pathToFileURL(tsx).href, script];
}

/** A worker script of this app. */
export const workerScript = (name: string): string => join(APP_DIR, 'src', 'workers', `${name}.ts`);
