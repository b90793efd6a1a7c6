/**
 * Where the user model cache lives: `--cache-dir`, else `$VOIRS_CACHE_DIR`, else the platform's
 * user cache folder (`$XDG_CACHE_HOME` or `~/.cache` on Linux and other Unixes,
 * `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows) with a `voirs-vocoder` folder in it.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve, win32 } from 'node:path';

/** The folder created inside the platform cache folder. */
export const CACHE_FOLDER_NAME = 'voirs-vocoder';

/** Inputs of {@link resolveCacheDir}; each defaults to the running process's. */
export interface CacheDirOptions {
  /** An explicit folder (the CLI's `--cache-dir`); wins over everything. */
  readonly cacheDir?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

/** The absolute cache folder for `options` (nothing is created). */
export function resolveCacheDir(options: CacheDirOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const explicit = options.cacheDir ?? nonEmpty(env.VOIRS_CACHE_DIR);
  if (explicit !== undefined) return resolve(explicit);
  const home = options.home ?? homedir();
  switch (platform) {
    case 'win32': {
      const local = nonEmpty(env.LOCALAPPDATA) ?? win32.join(home, 'AppData', 'Local');
      return win32.join(local, CACHE_FOLDER_NAME, 'Cache');
    }
    case 'darwin':
      return join(home, 'Library', 'Caches', CACHE_FOLDER_NAME);
    default: {
      // The XDG spec says relative values are invalid and must be ignored.
      const xdg = nonEmpty(env.XDG_CACHE_HOME);
      return join(
        xdg !== undefined && isAbsolute(xdg) ? xdg : join(home, '.cache'),
        CACHE_FOLDER_NAME,
      );
    }
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
