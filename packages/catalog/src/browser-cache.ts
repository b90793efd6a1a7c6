/**
 * {@link ModelCache} on the browser's Cache Storage. Each entry is two responses keyed under a
 * synthetic URL: `<base><name>/<sha256>.onnx` (the bytes) and `<base><name>/manifest.json` (the
 * record). The record is written last and names the bytes by their SHA-256, so a reader sees the
 * old entry or the new one, never a mix; puts and removes of one name are serialised with the Web
 * Locks API when the browser has it.
 */
import { VocoderError, throwIfAborted } from '@voirs/core';
import { alreadyCached, corruptedEntry, notCached } from './cache-errors.js';
import {
  completeRecord,
  parseCachedModel,
  type CachedModel,
  type NewCachedModel,
} from './cached-model.js';
import type { CachedModelData, ModelCache, PutOptions, ReadOptions } from './model-cache.js';
import { assertModelName } from './model-name.js';
import { sha256Hex } from './sha256.js';

/** The part of the Web Locks API the cache uses (`navigator.locks`). */
export interface ModelLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Options of {@link BrowserModelCache}. */
export interface BrowserModelCacheOptions {
  /** The Cache Storage to use; default `globalThis.caches` (secure contexts only). */
  readonly caches?: CacheStorage;
  /** Name of the cache inside Cache Storage; default `voirs-vocoder-models`. */
  readonly cacheName?: string;
  /** Key prefix (an http(s) URL ending in `/`); default `https://voirs-vocoder.invalid/models/`. */
  readonly baseUrl?: string;
  /** Lock manager serialising writers; default `navigator.locks` when present. */
  readonly locks?: ModelLocks;
}

const MANIFEST = 'manifest.json';

/** The model cache of a web page (or any runtime with Cache Storage). */
export class BrowserModelCache implements ModelCache {
  readonly location: string;
  readonly #caches: CacheStorage | undefined;
  readonly #cacheName: string;
  readonly #base: string;
  readonly #locks: ModelLocks | undefined;

  constructor(options: BrowserModelCacheOptions = {}) {
    this.#caches = options.caches ?? (globalThis as { caches?: CacheStorage }).caches;
    this.#cacheName = options.cacheName ?? 'voirs-vocoder-models';
    this.#base = options.baseUrl ?? 'https://voirs-vocoder.invalid/models/';
    if (!/^https?:\/\/.+\/$/.test(this.#base))
      throw new TypeError('baseUrl must be an http(s) URL ending in "/"');
    this.#locks =
      options.locks ?? (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
    this.location = `Cache Storage "${this.#cacheName}"`;
  }

  async list(): Promise<CachedModel[]> {
    const cache = await this.#open();
    const models: CachedModel[] = [];
    for (const request of await cache.keys()) {
      const name = this.#nameOf(request.url, MANIFEST);
      if (name !== undefined) models.push(await this.#record(cache, name, request));
    }
    return models.sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string): Promise<CachedModel | undefined> {
    assertModelName(name);
    const cache = await this.#open();
    const response = await cache.match(this.#url(name, MANIFEST));
    return response === undefined ? undefined : this.#parse(name, response);
  }

  async read(name: string, options: ReadOptions = {}): Promise<CachedModelData> {
    const model = await this.get(name);
    if (model === undefined) throw notCached(name, this.location);
    const response = await (await this.#open()).match(this.#url(name, `${model.sha256}.onnx`));
    if (response === undefined) {
      throw new VocoderError(
        'E_CACHE',
        `The cached model "${name}" has a record but no bytes; remove it and import it again.`,
      );
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (options.verify !== false) {
      const actual = await sha256Hex(bytes);
      if (actual !== model.sha256) throw corruptedEntry(name, model.sha256, actual);
    }
    return { model, bytes };
  }

  async put(
    record: NewCachedModel,
    bytes: Uint8Array,
    options: PutOptions = {},
  ): Promise<CachedModel> {
    if (!(bytes instanceof Uint8Array) || bytes.length === 0)
      throw new TypeError('bytes must be a non-empty Uint8Array');
    const name = assertModelName(record.name);
    const complete = completeRecord(record, await sha256Hex(bytes), bytes.length);
    return this.#exclusive(name, async () => {
      throwIfAborted(options.signal);
      const cache = await this.#open();
      if (!options.replace && (await cache.match(this.#url(name, MANIFEST))) !== undefined) {
        throw alreadyCached(name, this.location);
      }
      const blob = `${complete.sha256}.onnx`;
      await this.#write(() =>
        cache.put(
          this.#url(name, blob),
          new Response(bytes as Uint8Array<ArrayBuffer>, {
            headers: { 'content-type': 'application/octet-stream' },
          }),
        ),
      );
      await this.#write(() =>
        cache.put(
          this.#url(name, MANIFEST),
          new Response(JSON.stringify(complete), {
            headers: { 'content-type': 'application/json' },
          }),
        ),
      );
      await this.#deleteFiles(cache, name, (file) => file !== MANIFEST && file !== blob);
      return complete;
    });
  }

  async remove(name: string): Promise<boolean> {
    assertModelName(name);
    return this.#exclusive(name, async () => {
      const cache = await this.#open();
      const existed = await cache.delete(this.#url(name, MANIFEST));
      const blobs = await this.#deleteFiles(cache, name, () => true);
      return existed || blobs > 0;
    });
  }

  async #open(): Promise<Cache> {
    if (this.#caches === undefined) {
      throw new VocoderError(
        'E_CACHE',
        'Cache Storage is not available here: it needs a secure context (https or localhost). ' +
          'Pass one with new BrowserModelCache({ caches }).',
      );
    }
    try {
      return await this.#caches.open(this.#cacheName);
    } catch (cause) {
      throw new VocoderError(
        'E_CACHE',
        `Cannot open ${this.location}: ${(cause as Error)?.message ?? String(cause)}`,
        { cause },
      );
    }
  }

  async #write(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (cause) {
      const quota = (cause as { name?: string })?.name === 'QuotaExceededError';
      throw new VocoderError(
        'E_CACHE',
        quota
          ? `${this.location} is full (storage quota exceeded); remove models you no longer need.`
          : `Cannot write to ${this.location}: ${(cause as Error)?.message ?? String(cause)}`,
        { cause },
      );
    }
  }

  async #record(cache: Cache, name: string, request: Request): Promise<CachedModel> {
    const response = await cache.match(request);
    if (response === undefined) throw notCached(name, this.location);
    return this.#parse(name, response);
  }

  async #parse(name: string, response: Response): Promise<CachedModel> {
    const where = `"${name}" in ${this.location}`;
    let json: unknown;
    try {
      json = JSON.parse(await response.text());
    } catch {
      json = undefined;
    }
    const model = parseCachedModel(json, where);
    if (model.name !== name) {
      throw new VocoderError(
        'E_CACHE',
        `The cache record ${where} names "${model.name}"; remove it and import it again.`,
      );
    }
    return model;
  }

  /** Deletes the files of `name` that `which` selects; returns how many. */
  async #deleteFiles(
    cache: Cache,
    name: string,
    which: (file: string) => boolean,
  ): Promise<number> {
    let count = 0;
    for (const request of await cache.keys()) {
      const prefix = this.#url(name, '');
      if (!request.url.startsWith(prefix)) continue;
      const file = request.url.slice(prefix.length);
      if (!file.includes('/') && which(file) && (await cache.delete(request))) count++;
    }
    return count;
  }

  #exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
    if (this.#locks === undefined) return work();
    return this.#locks.request(
      `voirs-vocoder-model:${this.#cacheName}:${name}`,
      work,
    ) as Promise<T>;
  }

  #url(name: string, file: string): string {
    return `${this.#base}${name}/${file}`;
  }

  #nameOf(url: string, file: string): string | undefined {
    if (!url.startsWith(this.#base) || !url.endsWith(`/${file}`)) return undefined;
    const name = url.slice(this.#base.length, url.length - file.length - 1);
    return name.includes('/') ? undefined : name;
  }
}
