/**
 * Regression (found by the hardening kill tests): a `models import` killed mid-write (SIGKILL)
 * left its `models/.staging-<name>-*` folder, holding a partial or complete model, in the cache
 * for ever: every interrupted import leaked a model's worth of disk. The next write of the name
 * now removes that name's staging and trash leftovers (it holds the lock they were made under).
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeModelCache } from '../src/node.js';
import { sampleBytes, sampleRecord } from './cache-conformance.js';

describe('regression: leftovers of a killed cache writer', () => {
  it("the next write of a name removes that name's staging and trash folders, and only those", async () => {
    const cache = new NodeModelCache(mkdtempSync(join(tmpdir(), 'voirs-cache-')), {
      lock: { pollMs: 5 },
    });
    const leftovers = ['.staging-tiny-Ab3xYz', '.trash-tiny-0a1b2c3d'];
    const others = ['.staging-tiny-v2-Qw7eRt', '.trash-tiny-v2-deadbeef', '.staging-tinyx-Ab3xYz'];
    for (const name of [...leftovers, ...others]) {
      mkdirSync(join(cache.modelsDir, name), { recursive: true });
      writeFileSync(join(cache.modelsDir, name, 'model.onnx'), sampleBytes(3).subarray(0, 10));
    }
    await cache.put(sampleRecord('tiny'), sampleBytes(1));
    expect(readdirSync(cache.modelsDir).sort()).toEqual([...others, 'tiny'].sort());
    expect((await cache.read('tiny')).bytes).toEqual(sampleBytes(1));
    expect((await cache.list()).map((m) => m.name)).toEqual(['tiny']);
  });
});
