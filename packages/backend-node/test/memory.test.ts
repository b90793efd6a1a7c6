/**
 * Native memory must not leak: 1,000 create / run / dispose cycles keep RSS within a small bound.
 * Each run's activations (32768 frames) sit in the session's CPU arena, so a session that is kept
 * alive (by a cache, or by a listener left on the long-lived AbortSignal below) costs ~0.4 MB and
 * 1,000 of them blow the bound many times over.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { backendTestInput } from '@voirs/core/testing';
import { describe, expect, it } from 'vitest';
import { createNodeBackend } from '../src/index.js';
import { models } from './fixtures.js';

// vitest does not pass --expose-gc to its workers; this switches the flag on at run time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const CYCLES = 1000;
const WARM_UP = 100;
/** Collect JS garbage this often, so that only memory something still holds can accumulate. */
const GC_EVERY = 100;
/** RSS growth allowed after warm-up (a healthy run grows by 0–15 MB: allocator noise). */
const BOUND_MB = 30;

describe('memory', () => {
  it(`creates, runs and disposes a session ${CYCLES} times without growing RSS by ${BOUND_MB} MB`, async () => {
    const backend = createNodeBackend();
    const feeds = { x: backendTestInput(1, 32768) };
    const { signal } = new AbortController();
    const cycle = async () => {
      const session = await backend.createSession(models.conv, { intraOpThreads: 1 });
      const out = await session.run(feeds, { signal });
      await session.dispose();
      return out;
    };
    for (let i = 0; i < WARM_UP; i++) await cycle();
    gc();
    const start = process.memoryUsage().rss;
    let last;
    for (let i = 1; i <= CYCLES; i++) {
      last = await cycle();
      if (i % GC_EVERY === 0) gc();
    }
    const growth = (process.memoryUsage().rss - start) / MB;
    console.info(`[memory] RSS growth over ${CYCLES} cycles: ${growth.toFixed(1)} MB`);
    expect(last!.y!.dims).toEqual([1, 3, 32768]);
    expect(growth).toBeLessThan(BOUND_MB);
  });
});
