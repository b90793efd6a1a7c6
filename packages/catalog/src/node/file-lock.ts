/**
 * An advisory lock file (`open(path, 'wx')`) so that two processes, or two calls in one process,
 * never write the same cache entry or partial download at once. A lock whose process is gone (same
 * host) or that is older than `staleMs` is taken over, and so is a half-written one (its process
 * killed between creating and filling it) after 10 seconds.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VocoderError, throwIfAborted } from '@voirs/core';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** Give up after this long (default 10 minutes). */
  readonly timeoutMs?: number;
  /** A lock older than this is stale even when its owner cannot be checked (default 1 hour). */
  readonly staleMs?: number;
  /** Delay between attempts (default 50 ms). */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
}

interface LockOwner {
  pid?: number;
  host?: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Age after which a lock whose content cannot be read (a half-written one) is stale. */
const HALF_WRITTEN_STALE_MS = 10_000;

/**
 * The lock's content when its owner is known to be gone (same host, no such pid) or the lock is
 * older than `staleMs`; undefined while it is live (or already released).
 */
async function staleContent(path: string, staleMs: number): Promise<string | undefined> {
  let content: string;
  let modified: number;
  try {
    [content, modified] = await Promise.all([
      readFile(path, 'utf8'),
      stat(path).then((s) => s.mtimeMs),
    ]);
  } catch {
    return undefined;
  }
  let owner: LockOwner = {};
  try {
    owner = JSON.parse(content) as LockOwner;
  } catch {
    // a half-written lock (its writer killed between creating and filling it): a live owner fills
    // it at once, so one that stays unreadable for seconds is stale
    return Date.now() - modified > Math.min(staleMs, HALF_WRITTEN_STALE_MS) ? content : undefined;
  }
  if (owner.host === hostname() && typeof owner.pid === 'number') {
    try {
      process.kill(owner.pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return content;
    }
  }
  return Date.now() - modified > staleMs ? content : undefined;
}

/**
 * Runs `work` while holding the lock file `path` (created with its folder), then releases it.
 * @throws VocoderError `E_CACHE` when the lock stays taken past the timeout (naming its owner).
 */
export async function withFileLock<T>(
  path: string,
  work: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const { timeoutMs = 600_000, staleMs = 3_600_000, pollMs = 50, signal } = options;
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    throwIfAborted(signal);
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(
        JSON.stringify({
          pid: process.pid,
          host: hostname(),
          since: new Date().toISOString(),
          token: randomUUID(),
        }),
      );
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new VocoderError(
          'E_CACHE',
          `Cannot create the lock file ${path}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    const stale = await staleContent(path, staleMs);
    // Take over only the lock judged stale, not one a competitor created meanwhile.
    if (stale !== undefined && (await readFile(path, 'utf8').catch(() => undefined)) === stale) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) {
      const owner = await readFile(path, 'utf8').catch(() => 'unknown');
      throw new VocoderError(
        'E_CACHE',
        `Another voirs-vocoder process holds ${path} (${owner}). Wait for it to finish, or delete the file if no such process runs.`,
        { details: { path } },
      );
    }
    await sleep(pollMs);
  }
  try {
    return await work();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

/** True while `path` is held by a live owner (not released, not stale). */
export async function isLockHeld(path: string, staleMs = 3_600_000): Promise<boolean> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  return exists && (await staleContent(path, staleMs)) === undefined;
}
