/**
 * A real HTTP server on 127.0.0.1 (node:http) serving files for the download tests, with Range
 * support (206 + Content-Range, 416), a strong ETag, and fault modes: corrupted bytes, a connection
 * cut after N body bytes, Range ignored, a status code.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server treats one path. */
export interface ServedFile {
  bytes: Uint8Array;
  /** Flip one byte of what is sent (the file then fails its checksum). */
  corrupt?: boolean;
  /** Close the connection after this many body bytes of the next response, then clear it. */
  cutAfter?: number;
  /** Answer every request with 200 and the whole file. */
  ignoreRange?: boolean;
  /** Answer with this status and a small HTML body. */
  status?: number;
  /** Serve as text/html instead (a login or interstitial page). */
  contentType?: string;
}

/** A request as the server saw it. */
export interface SeenRequest {
  path: string;
  range?: string;
  ifRange?: string;
  status: number;
}

export interface TestServer {
  readonly files: Map<string, ServedFile>;
  readonly requests: SeenRequest[];
  url(path: string): string;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const files = new Map<string, ServedFile>();
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files.get(path);
    const seen: SeenRequest = {
      path,
      range: req.headers.range,
      ifRange: req.headers['if-range'] as string | undefined,
      status: 0,
    };
    requests.push(seen);
    const send = (status: number, headers: Record<string, string | number>, body?: Uint8Array) => {
      seen.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    if (file === undefined || file.status !== undefined) {
      return send(
        file?.status ?? 404,
        { 'content-type': 'text/html' },
        new TextEncoder().encode('<html>no</html>'),
      );
    }
    const bytes = file.corrupt ? flipped(file.bytes) : file.bytes;
    const etag = `"${createHash('sha256').update(file.bytes).digest('hex').slice(0, 16)}"`;
    const base = {
      'content-type': file.contentType ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
      etag,
    };
    let start = 0;
    let status = 200;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (
      range !== null &&
      !file.ignoreRange &&
      (seen.ifRange === undefined || seen.ifRange === etag)
    ) {
      start = Number(range[1]);
      if (start >= bytes.length)
        return send(416, { ...base, 'content-range': `bytes */${bytes.length}` });
      status = 206;
    }
    const body = bytes.subarray(start);
    const headers: Record<string, string | number> = { ...base, 'content-length': body.length };
    if (status === 206)
      headers['content-range'] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    seen.status = status;
    res.writeHead(status, headers);
    if (file.cutAfter !== undefined) {
      const cut = file.cutAfter;
      file.cutAfter = undefined;
      res.write(body.subarray(0, cut), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(body);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    files,
    requests,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function flipped(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[copy.length >> 1] = copy[copy.length >> 1]! ^ 0xff;
  return copy;
}
