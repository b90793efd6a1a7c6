/**
 * Regression (found while hardening the cache against killed processes): a lock file left empty
 * by a process killed between creating it and writing its owner had no pid to check, so it was
 * judged by age alone against the one-hour `staleMs`: every write of that model name then waited
 * ten minutes and failed for an hour. A lock that stays unreadable for 10 seconds is now stale.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../src/node.js';

function emptyLock(ageSeconds: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'voirs-lock-'));
  mkdirSync(join(dir, 'locks'));
  const path = join(dir, 'locks', 'tiny.lock');
  writeFileSync(path, '');
  const at = Date.now() / 1000 - ageSeconds;
  utimesSync(path, at, at);
  return path;
}

describe('regression: a half-written lock file', () => {
  it('is taken over once it is 10 s old', async () => {
    const started = performance.now();
    await expect(withFileLock(emptyLock(30), async () => 'done', { pollMs: 5 })).resolves.toBe(
      'done',
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('is still respected while young (a live writer is filling it)', async () => {
    const held = withFileLock(emptyLock(0), async () => 'done', { pollMs: 5, timeoutMs: 200 });
    await expect(held).rejects.toMatchObject({ code: 'E_CACHE' });
  });
});
