/**
 * `pull`: a catalog entry downloaded from its publisher (resumable, SHA-256 verified), then
 * converted by its vocoder plugin (or stored as is for ONNX metric models) into the cache.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError, RegistryError, VocoderError, type VocoderPlugin } from '@voirs/core';
import { detectFormat } from '@voirs/checkpoint';
import { alreadyCached } from '../cache-errors.js';
import type { CachedModel } from '../cached-model.js';
import { SOURCE_FORMATS, type CatalogManifest } from '../catalog-manifest.js';
import { importModel } from '../import-model.js';
import { assertModelName } from '../model-name.js';
import { parseSha256 } from '../sha256.js';
import { downloadFile, type DownloadProgress } from './download.js';
import type { NodeModelCache } from './node-cache.js';

/** Options of {@link pullModel}. */
export interface PullOptions {
  readonly cache: NodeModelCache;
  /** The vocoder plugin named by the entry (needed when `entry.convert`). */
  readonly plugin?: VocoderPlugin;
  /** Cache name to store it under (default: the entry's name). */
  readonly name?: string;
  /** Download from this URL instead of the manifest's (e.g. a mirror, or a direct link the publisher does not list). */
  readonly url?: string;
  /** SHA-256 to verify, for entries whose manifest has none; must agree with the manifest's when it has one. */
  readonly sha256?: string;
  /** Accept a download that cannot be verified (no hash in the manifest, none given). Explicit opt-out. */
  readonly insecureSkipChecksum?: boolean;
  /** Replace an existing cache entry of that name. */
  readonly replace?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** The fetch implementation (default: the global one). */
  readonly fetch?: typeof fetch;
}

/** What {@link pullModel} did. */
export interface PullResult {
  readonly model: CachedModel;
  /** SHA-256 and size of the downloaded file. */
  readonly sha256: string;
  readonly size: number;
  /** Bytes reused from an earlier interrupted download. */
  readonly resumedFrom: number;
  /** False when the download was accepted without a checksum. */
  readonly verified: boolean;
}

/** The SHA-256 to verify against, or undefined when the user explicitly opted out. */
function expectedSha256(entry: CatalogManifest, options: PullOptions): string | undefined {
  const given = options.sha256 === undefined ? undefined : parseSha256(options.sha256);
  const listed = entry.source.sha256;
  if (given !== undefined && listed !== null && given !== listed) {
    throw new VocoderError(
      'E_CHECKSUM',
      `The catalog lists sha256 ${listed} for "${entry.name}", but ${given} was given. Drop --sha256, or fix the catalog.`,
      { details: { reason: 'conflict', listed, given } },
    );
  }
  const expected = given ?? listed ?? undefined;
  if (expected === undefined && !options.insecureSkipChecksum) {
    throw new VocoderError(
      'E_CHECKSUM',
      `"${entry.name}" has no verified sha256 in the catalog (${entry.source.note}). Pass --sha256 <hex> with a hash ` +
        'you trust, or --insecure-skip-checksum to accept whatever the server sends.',
      { details: { reason: 'unknown', name: entry.name } },
    );
  }
  return expected;
}

/**
 * Downloads `entry` and stores it in `options.cache` (see the module comment).
 * @throws VocoderError `E_CACHE` (name taken, without `replace`), `E_CHECKSUM` (no hash and no
 * opt-out, a conflicting hash, or a mismatch: the download is deleted), `E_DOWNLOAD` (no direct
 * URL, HTTP or network failure: a partial download is kept for resuming); FormatError
 * `E_UNSUPPORTED_FORMAT` when the file is not what the manifest says; RegistryError
 * `E_PLUGIN_NOT_FOUND` without the entry's plugin; whatever the plugin's convert throws.
 */
export async function pullModel(entry: CatalogManifest, options: PullOptions): Promise<PullResult> {
  const { cache } = options;
  const name = assertModelName(options.name ?? entry.name);
  if (!options.replace && (await cache.get(name)) !== undefined)
    throw alreadyCached(name, cache.location);
  const url = options.url ?? entry.source.url;
  if (url === null) {
    throw new VocoderError(
      'E_DOWNLOAD',
      `"${entry.name}" has no direct download URL: its publisher offers ${entry.source.file} at ${entry.source.page}. ` +
        `Download it there, then run "voirs-vocoder models import <file> --name ${name}${entry.vocoder ? ` --vocoder ${entry.vocoder}` : ''}` +
        `${entry.arch ? ` --arch ${entry.arch}` : ''}", or pass --url <direct link> to pull.`,
      { details: { reason: 'no-url', page: entry.source.page } },
    );
  }
  const expected = expectedSha256(entry, options);
  if (entry.convert && (options.plugin === undefined || options.plugin.name !== entry.vocoder)) {
    throw new RegistryError(
      'E_PLUGIN_NOT_FOUND',
      `"${entry.name}" is converted by the ${entry.vocoder} vocoder plugin, which is not available here.`,
    );
  }
  const key = `${name}-${expected?.slice(0, 16) ?? 'unverified'}`;
  const dest = join(cache.downloadsDir, key);
  return cache.withLock(
    `download-${key}`,
    async () => {
      const download = await downloadFile(url, dest, {
        sha256: expected,
        size: entry.source.size ?? undefined,
        signal: options.signal,
        onProgress: options.onProgress,
        fetch: options.fetch,
      });
      try {
        const bytes = new Uint8Array(await readFile(dest));
        const format = detectFormat(bytes);
        const accepted = entry.source.format === null ? SOURCE_FORMATS : [entry.source.format];
        if (!(accepted as readonly string[]).includes(format)) {
          throw new FormatError(
            'E_UNSUPPORTED_FORMAT',
            `${url} sent a file of format "${format}", not ${accepted.join(' or ')} ("${entry.source.file}"; ` +
              'an HTML page instead of the file?). It was deleted.',
          );
        }
        const verified = expected !== undefined;
        const origin = { via: 'pull' as const, url, catalog: entry.name, file: entry.source.file };
        const model = entry.convert
          ? await importModel(
              cache,
              options.plugin!,
              { bytes, name: entry.source.file, config: entry.config },
              {
                name,
                arch: entry.arch,
                licence: entry.licence.spdx,
                origin: { ...origin, verified },
                replace: options.replace,
                signal: options.signal,
              },
            )
          : await cache.put(
              {
                name,
                kind: entry.kind,
                sampleRate: entry.sampleRate,
                licence: entry.licence.spdx,
                origin: { ...origin, sha256: download.sha256, verified },
              },
              bytes,
              { replace: options.replace, signal: options.signal },
            );
        return {
          model,
          sha256: download.sha256,
          size: download.size,
          resumedFrom: download.resumedFrom,
          verified,
        };
      } finally {
        await rm(dest, { force: true });
      }
    },
    options.signal,
  );
}
