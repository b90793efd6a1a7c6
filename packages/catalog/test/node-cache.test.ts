import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voirs/core/testing';
import { NodeModelCache, withFileLock } from '../src/node.js';
import { sha256Hex } from '../src/index.js';
import { sampleBytes, sampleRecord, testModelCache } from './cache-conformance.js';

const fresh = () =>
  new NodeModelCache(mkdtempSync(join(tmpdir(), 'voirs-cache-')), { lock: { pollMs: 5 } });
const code = (error: unknown) => (error as { code?: string }).code;

testModelCache('NodeModelCache', fresh);

describe('NodeModelCache on disk', () => {
  it('lays entries out as models/<name>/{model.onnx,manifest.json} and leaves no staging folders', async () => {
    const cache = fresh();
    await cache.put(sampleRecord('v2'), sampleBytes(1));
    await cache.put(sampleRecord('v2'), sampleBytes(2), { replace: true });
    expect(readdirSync(cache.modelsDir)).toEqual(['v2']);
    expect(readdirSync(join(cache.modelsDir, 'v2')).sort()).toEqual([
      'manifest.json',
      'model.onnx',
    ]);
    const record = JSON.parse(readFileSync(join(cache.modelsDir, 'v2', 'manifest.json'), 'utf8'));
    expect(record.sha256).toBe(await sha256Hex(sampleBytes(2)));
    expect(readdirSync(join(cache.dir, 'locks'))).toEqual([]);
  });

  it('detects corrupted bytes (E_CHECKSUM) and damaged records (E_CACHE), and removes either', async () => {
    const cache = fresh();
    await cache.put(sampleRecord('bad'), sampleBytes(1));
    writeFileSync(join(cache.modelsDir, 'bad', 'model.onnx'), sampleBytes(9));
    const corrupted = await cache.read('bad').catch((e: unknown) => e);
    expect(code(corrupted)).toBe('E_CHECKSUM');
    expect((corrupted as Error).message).toContain('models remove bad');
    expect((await cache.read('bad', { verify: false })).bytes).toEqual(sampleBytes(9));
    writeFileSync(join(cache.modelsDir, 'bad', 'manifest.json'), '{"schema": 1, "name": "bad"');
    expect(code(await cache.list().catch((e: unknown) => e))).toBe('E_CACHE');
    writeFileSync(
      join(cache.modelsDir, 'bad', 'manifest.json'),
      JSON.stringify({ ...sampleRecord('other'), schema: 1 }),
    );
    expect(((await cache.get('bad').catch((e: unknown) => e)) as Error).message).toMatch(/damaged/);
    expect(await cache.remove('bad')).toBe(true);
    expect(await cache.list()).toEqual([]);
  });

  it('ignores leftover staging folders and reports an unwritable cache as E_CACHE', async () => {
    const cache = fresh();
    mkdirSync(join(cache.modelsDir, '.staging-x-123'), { recursive: true });
    expect(await cache.list()).toEqual([]);
    const file = join(mkdtempSync(join(tmpdir(), 'voirs-cache-file-')), 'not-a-folder');
    writeFileSync(file, 'x');
    const error = await new NodeModelCache(file)
      .put(sampleRecord('m'), sampleBytes(1))
      .catch((e: unknown) => e);
    expect(code(error)).toBe('E_CACHE');
    expect((error as Error).message).toContain('--cache-dir');
  });

  it('takes over the lock of a dead process and times out on a live one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voirs-lock-'));
    const lock = join(dir, 'x.lock');
    writeFileSync(
      lock,
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname() }),
    );
    expect(await withFileLock(lock, async () => 'ran', { timeoutMs: 1000 })).toBe('ran');
    expect(existsSync(lock)).toBe(false);
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname() }),
    );
    const error = await withFileLock(lock, async () => 'no', { timeoutMs: 100, pollMs: 10 }).catch(
      (e: unknown) => e,
    );
    expect(code(error)).toBe('E_CACHE');
    expect((error as Error).message).toContain(String(process.pid));
    const old = JSON.stringify({ pid: 1, host: 'elsewhere' });
    writeFileSync(lock, old);
    expect(await withFileLock(lock, async () => 'stale', { staleMs: 0 })).toBe('stale');
  });

  it('keeps the cache consistent when separate processes import one name at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voirs-cache-procs-'));
    const script = join(dir, 'put.mts');
    writeFileSync(
      script,
      `import { NodeModelCache } from '${join(REPO_ROOT, 'packages/catalog/src/node.ts')}';\n` +
        `const seed = Number(process.argv[2]);\n` +
        `const bytes = new Uint8Array(200000).map((_, i) => (i * 7 + seed * 13) & 255);\n` +
        `await new NodeModelCache(${JSON.stringify(join(dir, 'cache'))}).put({ name: 'shared', kind: 'metric', origin: { via: 'import', sha256: '${'b'.repeat(64)}', verified: true } }, bytes, { replace: true });\n`,
    );
    const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    await Promise.all(
      [1, 2, 3].map((seed) =>
        promisify(execFile)(tsx, ['--conditions=@voirs/source', script, String(seed)], {
          cwd: REPO_ROOT,
        }),
      ),
    );
    const cache = new NodeModelCache(join(dir, 'cache'));
    const { model, bytes } = await cache.read('shared');
    expect(await sha256Hex(bytes)).toBe(model.sha256);
    expect(readdirSync(cache.modelsDir)).toEqual(['shared']);
  });
});
