/**
 * Resumable, verified downloads with Node's built-in fetch: bytes stream into `<dest>.part` (with
 * `<dest>.part.json` remembering the URL and validator), an interrupted download resumes with an
 * HTTP Range request, the SHA-256 covers resumed and new bytes alike, and the verified file is
 * renamed to `dest`. A file with the wrong SHA-256 is deleted and reported as `E_CHECKSUM`.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  mkdir,
  open,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import { dirname } from 'node:path';
import { AbortError, VocoderError, isVocoderError } from '@voirs/core';

/** Download progress: bytes on disk so far (resumed ones included) and the total when known. */
export interface DownloadProgress {
  readonly received: number;
  readonly total: number | undefined;
}

/** Options of {@link downloadFile}. */
export interface DownloadOptions {
  /** Expected SHA-256 (lower-case hex); undefined skips verification. */
  readonly sha256?: string;
  /** Expected size in bytes, when known. */
  readonly size?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** The fetch implementation (default: the global one). */
  readonly fetch?: typeof fetch;
}

/** What {@link downloadFile} did. */
export interface DownloadResult {
  /** The verified file (the `dest` argument). */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** Bytes reused from an earlier partial download (0 when it started from scratch). */
  readonly resumedFrom: number;
}

interface PartialMeta {
  url: string;
  sha256?: string;
  validator?: string;
}

/** Where the transfer starts and what the response said. */
interface Transfer {
  response: Response;
  offset: number;
  total: number | undefined;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

/**
 * Downloads `url` to `dest` (see the module comment). Resumes a partial download of the same URL
 * and expected hash.
 * @throws VocoderError `E_DOWNLOAD` (network failure, HTTP error, connection closed early: the
 * partial file is kept, so running again resumes), `E_CHECKSUM` (wrong SHA-256 or size: the
 * download is deleted), `E_ABORTED`.
 */
export async function downloadFile(
  url: string,
  dest: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  if (typeof url !== 'string' || typeof dest !== 'string')
    throw new TypeError('url and dest must be strings');
  try {
    return await download(url, dest, options);
  } catch (error) {
    if (isVocoderError(error)) throw error;
    throw new VocoderError(
      'E_IO',
      `Cannot write the download of ${url} to ${dest}: ${(error as Error)?.message ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
}

async function download(
  url: string,
  dest: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const partial = `${dest}.part`;
  const metaPath = `${partial}.json`;
  await mkdir(dirname(dest), { recursive: true });
  const meta = await readMeta(metaPath);
  const resumable = meta?.url === url && meta.sha256 === options.sha256 ? await sizeOf(partial) : 0;
  const transfer = await request(url, resumable, meta?.validator, options);
  const offset = transfer.offset; // 0 when the server restarted the transfer
  const digest = createHash('sha256');
  if (offset > 0) await hashFile(partial, digest);
  const { response, total } = transfer;
  const validator =
    response.headers.get('etag') ??
    response.headers.get('last-modified') ??
    (offset > 0 ? meta?.validator : undefined);
  await writeFile(
    metaPath,
    JSON.stringify({ url, sha256: options.sha256, validator } satisfies PartialMeta),
  );
  let received = offset;
  if (response.status !== 416) {
    const handle = await open(partial, offset === 0 ? 'w' : 'a');
    try {
      received = await pump(response, handle, digest, offset, total, options);
    } finally {
      await handle.close();
    }
  }
  if (total !== undefined && received < total) {
    throw new VocoderError(
      'E_DOWNLOAD',
      `The download of ${url} stopped after ${received} of ${total} bytes. Run the same command again to resume it.`,
      { details: { url, received, total } },
    );
  }
  const sha256 = digest.digest('hex');
  const problem =
    options.sha256 !== undefined && sha256 !== options.sha256
      ? `has sha256 ${sha256}, expected ${options.sha256}`
      : options.size !== undefined && received !== options.size
        ? `has ${received} bytes, expected ${options.size}`
        : undefined;
  if (problem !== undefined) {
    await rm(partial, { force: true });
    await rm(metaPath, { force: true });
    throw new VocoderError(
      'E_CHECKSUM',
      `The file downloaded from ${url} ${problem}; it was deleted. Check the URL and the expected hash, then try again.`,
      {
        details: { url, sha256, expected: options.sha256, size: received },
      },
    );
  }
  await rename(partial, dest);
  await rm(metaPath, { force: true });
  return { path: dest, sha256, size: received, resumedFrom: offset };
}

/** Sends the request (ranged when resuming) and works out where the body starts. */
async function request(
  url: string,
  offset: number,
  validator: string | undefined,
  options: DownloadOptions,
): Promise<Transfer> {
  const headers: Record<string, string> = {};
  if (offset > 0) {
    headers.range = `bytes=${offset}-`;
    if (validator !== undefined && !validator.startsWith('W/')) headers['if-range'] = validator;
  }
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers,
      signal: options.signal,
      redirect: 'follow',
    });
  } catch (error) {
    throw networkError(error, url, options.signal);
  }
  if (offset > 0 && response.status === 206) {
    const range = CONTENT_RANGE.exec(response.headers.get('content-range') ?? '');
    if (range !== null && Number(range[1]) === offset) {
      return { response, offset, total: range[3] === '*' ? undefined : Number(range[3]) };
    }
    await response.body?.cancel();
    return request(url, 0, undefined, options); // an unexpected range: start again
  }
  if (offset > 0 && response.status === 416) {
    const total = /^bytes \*\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
    await response.body?.cancel();
    if (total !== undefined && Number(total) === offset) return { response, offset, total: offset }; // already complete
    return request(url, 0, undefined, options);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new VocoderError(
      'E_DOWNLOAD',
      `${url} answered HTTP ${response.status} ${response.statusText}. Check the URL (or pass another with --url).`,
      {
        details: { url, status: response.status },
      },
    );
  }
  const length = response.headers.get('content-length');
  return { response, offset: 0, total: length === null ? undefined : Number(length) };
}

/** Streams the body into the file and the hash; returns the bytes on disk. */
async function pump(
  response: Response,
  handle: FileHandle,
  hash: Hash,
  offset: number,
  total: number | undefined,
  options: DownloadOptions,
): Promise<number> {
  let received = offset;
  options.onProgress?.({ received, total });
  if (response.body === null) return received;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      await handle.write(chunk);
      hash.update(chunk);
      received += chunk.length;
      options.onProgress?.({ received, total });
    }
  } catch (error) {
    throw networkError(error, response.url, options.signal, received, total);
  }
  return received;
}

function networkError(
  error: unknown,
  url: string,
  signal?: AbortSignal,
  received?: number,
  total?: number,
): VocoderError {
  if (isVocoderError(error)) return error;
  if (signal?.aborted) {
    const cause: unknown = signal.reason;
    return cause instanceof VocoderError
      ? cause
      : new AbortError('The download was aborted; run again to resume it.', { cause });
  }
  const reason = [error, (error as { cause?: unknown })?.cause]
    .map((e) => (e instanceof Error ? e.message : undefined))
    .filter(Boolean)
    .join(': ');
  const where =
    received === undefined
      ? ''
      : ` after ${received}${total === undefined ? '' : ` of ${total}`} bytes`;
  return new VocoderError(
    'E_DOWNLOAD',
    `The download of ${url} failed${where} (${reason || String(error)}). Run the same command again to ${received ? 'resume' : 'retry'}.`,
    { cause: error, details: { url, received, total } },
  );
}

async function readMeta(path: string): Promise<PartialMeta | undefined> {
  try {
    const json = JSON.parse(await readFile(path, 'utf8')) as PartialMeta;
    return typeof json?.url === 'string' ? json : undefined;
  } catch {
    return undefined;
  }
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}
