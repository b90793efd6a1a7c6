import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFile, type DownloadProgress } from '../src/node.js';
import { startServer, type TestServer } from './http-server.js';

const code = (error: unknown) => (error as { code?: string }).code;
const payload = (n: number, seed = 1) =>
  Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 7 + (i >> 8)) & 0xff);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'voirs-download-'));
});
afterAll(() => server.close());

describe('downloadFile over loopback HTTP', () => {
  it('downloads, verifies and places the file atomically, reporting progress', async () => {
    const bytes = payload(300_000);
    server.files.set('/ok.bin', { bytes });
    const dest = join(dir, 'ok');
    const progress: DownloadProgress[] = [];
    const result = await downloadFile(server.url('/ok.bin'), dest, {
      sha256: sha(bytes),
      size: bytes.length,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toEqual({ path: dest, sha256: sha(bytes), size: bytes.length, resumedFrom: 0 });
    expect(sha(readFileSync(dest))).toBe(sha(bytes));
    expect(progress.at(-1)).toEqual({ received: bytes.length, total: bytes.length });
    expect(progress.length).toBeGreaterThan(1);
    expect(readdirSync(dir).filter((f) => f.startsWith('ok'))).toEqual(['ok']);
  });

  it('deletes a corrupted download and reports E_CHECKSUM', async () => {
    const bytes = payload(50_000, 2);
    server.files.set('/corrupt.bin', { bytes, corrupt: true });
    const dest = join(dir, 'corrupt');
    const error = await downloadFile(server.url('/corrupt.bin'), dest, {
      sha256: sha(bytes),
    }).catch((e: unknown) => e);
    expect(code(error)).toBe('E_CHECKSUM');
    expect((error as Error).message).toContain('deleted');
    expect(readdirSync(dir).filter((f) => f.startsWith('corrupt'))).toEqual([]);
  });

  it('keeps a truncated download and resumes it with a Range request', async () => {
    const bytes = payload(400_000, 3);
    server.files.set('/cut.bin', { bytes, cutAfter: 150_000 });
    const dest = join(dir, 'cut');
    const first = await downloadFile(server.url('/cut.bin'), dest, { sha256: sha(bytes) }).catch(
      (e: unknown) => e,
    );
    expect(code(first)).toBe('E_DOWNLOAD');
    expect((first as Error).message).toMatch(/again to resume/);
    const kept = readFileSync(`${dest}.part`).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(150_000);
    expect(existsSync(dest)).toBe(false);

    server.requests.length = 0;
    const result = await downloadFile(server.url('/cut.bin'), dest, { sha256: sha(bytes) });
    expect(result.resumedFrom).toBe(kept);
    expect(server.requests).toEqual([
      {
        path: '/cut.bin',
        range: `bytes=${kept}-`,
        ifRange: expect.stringMatching(/^"/),
        status: 206,
      },
    ]);
    expect(sha(readFileSync(dest))).toBe(sha(bytes));
    expect(existsSync(`${dest}.part`) || existsSync(`${dest}.part.json`)).toBe(false);
  });

  it('detects a corrupted resumed download: the hash covers the kept bytes too', async () => {
    const bytes = payload(200_000, 4);
    server.files.set('/cut2.bin', { bytes, cutAfter: 60_000 });
    const dest = join(dir, 'cut2');
    await downloadFile(server.url('/cut2.bin'), dest, { sha256: sha(bytes) }).catch(
      () => undefined,
    );
    const part = readFileSync(`${dest}.part`);
    part[10] = part[10]! ^ 1; // the kept part rots on disk
    writeFileSync(`${dest}.part`, part);
    expect(
      code(
        await downloadFile(server.url('/cut2.bin'), dest, { sha256: sha(bytes) }).catch(
          (e: unknown) => e,
        ),
      ),
    ).toBe('E_CHECKSUM');
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(
      (await downloadFile(server.url('/cut2.bin'), dest, { sha256: sha(bytes) })).resumedFrom,
    ).toBe(0);
  });

  it('starts again when the server ignores Range, or the partial belongs to another URL', async () => {
    const bytes = payload(100_000, 5);
    server.files.set('/norange.bin', { bytes, ignoreRange: true, cutAfter: 30_000 });
    const dest = join(dir, 'norange');
    await downloadFile(server.url('/norange.bin'), dest, { sha256: sha(bytes) }).catch(
      () => undefined,
    );
    expect(existsSync(`${dest}.part`)).toBe(true);
    const result = await downloadFile(server.url('/norange.bin'), dest, { sha256: sha(bytes) });
    expect(result.resumedFrom).toBe(0);
    expect(sha(readFileSync(dest))).toBe(sha(bytes));

    server.files.set('/a.bin', { bytes, cutAfter: 30_000 });
    server.files.set('/b.bin', { bytes });
    const other = join(dir, 'other');
    await downloadFile(server.url('/a.bin'), other, { sha256: sha(bytes) }).catch(() => undefined);
    server.requests.length = 0;
    expect(
      (await downloadFile(server.url('/b.bin'), other, { sha256: sha(bytes) })).resumedFrom,
    ).toBe(0);
    expect(server.requests[0]!.range).toBeUndefined();
  });

  it('finishes a complete partial that the server answers with 416', async () => {
    const bytes = payload(20_000, 6);
    server.files.set('/whole.bin', { bytes });
    const dest = join(dir, 'whole');
    writeFileSync(`${dest}.part`, bytes);
    writeFileSync(
      `${dest}.part.json`,
      JSON.stringify({ url: server.url('/whole.bin'), sha256: sha(bytes) }),
    );
    const result = await downloadFile(server.url('/whole.bin'), dest, { sha256: sha(bytes) });
    expect(result).toMatchObject({
      resumedFrom: bytes.length,
      size: bytes.length,
      sha256: sha(bytes),
    });
  });

  it('reports HTTP errors, refused connections and size mismatches', async () => {
    server.files.set('/gone.bin', { bytes: payload(10), status: 404 });
    const notFound = await downloadFile(server.url('/gone.bin'), join(dir, 'gone')).catch(
      (e: unknown) => e,
    );
    expect(code(notFound)).toBe('E_DOWNLOAD');
    expect((notFound as Error).message).toContain('HTTP 404');
    const refused = await downloadFile('http://127.0.0.1:1/x', join(dir, 'refused')).catch(
      (e: unknown) => e,
    );
    expect(code(refused)).toBe('E_DOWNLOAD');
    server.files.set('/size.bin', { bytes: payload(1000) });
    expect(
      code(
        await downloadFile(server.url('/size.bin'), join(dir, 'size'), { size: 999 }).catch(
          (e: unknown) => e,
        ),
      ),
    ).toBe('E_CHECKSUM');
  });

  it('stops on abort with E_ABORTED and keeps the partial for a later resume', async () => {
    const bytes = payload(2_000_000, 7);
    server.files.set('/big.bin', { bytes });
    const dest = join(dir, 'big');
    const controller = new AbortController();
    const error = await downloadFile(server.url('/big.bin'), dest, {
      sha256: sha(bytes),
      signal: controller.signal,
      onProgress: ({ received }) => {
        if (received > 100_000) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(code(error)).toBe('E_ABORTED');
    expect(existsSync(`${dest}.part`)).toBe(true);
    const result = await downloadFile(server.url('/big.bin'), dest, { sha256: sha(bytes) });
    expect(result.resumedFrom).toBeGreaterThan(0);
    expect(sha(readFileSync(dest))).toBe(sha(bytes));
  });
});
