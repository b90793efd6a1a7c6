/**
 * {@link ModelCache} in a folder (see `resolveCacheDir` for where):
 *
 * ```
 * <cache>/models/<name>/model.onnx      the converted model
 * <cache>/models/<name>/manifest.json   its CachedModel record (sha256, origin, convention…)
 * <cache>/downloads/<key>.part(.json)   partial downloads kept for resuming
 * <cache>/locks/<name>.lock             held while an entry is written or removed
 * ```
 *
 * An entry is assembled in `models/.staging-<name>-*` and renamed into place under the entry's lock,
 * so readers never see half an entry and concurrent imports of one name are serialised. Staging and
 * trash folders of a name that a killed process left behind are removed by the next write of that
 * name (only a writer holding the same lock can have made them).
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { VocoderError, throwIfAborted } from '@voirs/core';
import { alreadyCached, corruptedEntry, notCached } from '../cache-errors.js';
import {
  MODEL_FILE,
  completeRecord,
  parseCachedModel,
  type CachedModel,
  type NewCachedModel,
} from '../cached-model.js';
import type { CachedModelData, ModelCache, PutOptions, ReadOptions } from '../model-cache.js';
import { assertModelName } from '../model-name.js';
import { sha256Hex } from '../sha256.js';
import { resolveCacheDir, type CacheDirOptions } from './cache-dir.js';
import { isLockHeld, withFileLock, type FileLockOptions } from './file-lock.js';

/** The record's file name inside an entry folder. */
export const RECORD_FILE = 'manifest.json';

/** Options of {@link NodeModelCache}. */
export interface NodeModelCacheOptions {
  /** Lock timing (tests shorten it). */
  readonly lock?: Omit<FileLockOptions, 'signal'>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The file-system model cache. */
export class NodeModelCache implements ModelCache {
  /** The cache's root folder. */
  readonly dir: string;
  readonly location: string;
  readonly #lock: Omit<FileLockOptions, 'signal'>;

  /** A cache rooted at `dir` (created on first write). */
  constructor(dir: string, options: NodeModelCacheOptions = {}) {
    if (typeof dir !== 'string' || dir.length === 0)
      throw new TypeError('the cache folder must be a non-empty string');
    this.dir = dir;
    this.location = dir;
    this.#lock = options.lock ?? {};
  }

  /** The cache at `resolveCacheDir(options)` (flag, `VOIRS_CACHE_DIR`, platform default). */
  static open(options: CacheDirOptions & NodeModelCacheOptions = {}): NodeModelCache {
    return new NodeModelCache(resolveCacheDir(options), options);
  }

  /** Folder of the entries. */
  get modelsDir(): string {
    return join(this.dir, 'models');
  }

  /** Folder of partial downloads. */
  get downloadsDir(): string {
    return join(this.dir, 'downloads');
  }

  /** The lock file guarding `key` (an entry name or `download-<key>`). */
  lockPath(key: string): string {
    return join(this.dir, 'locks', `${key}.lock`);
  }

  /** The folder of an entry. */
  entryDir(name: string): string {
    return join(this.modelsDir, assertModelName(name));
  }

  /** Runs `work` holding the lock of `key` (see `withFileLock`). */
  withLock<T>(key: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withFileLock(this.lockPath(key), work, { ...this.#lock, signal });
  }

  async list(): Promise<CachedModel[]> {
    let names: string[];
    try {
      names = (await readdir(this.modelsDir, { withFileTypes: true }))
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw this.#fsError(error, 'read');
    }
    const models: CachedModel[] = [];
    for (const name of names.sort()) {
      const model = await this.get(name);
      if (model !== undefined) models.push(model);
    }
    return models;
  }

  async get(name: string): Promise<CachedModel | undefined> {
    const path = join(this.entryDir(name), RECORD_FILE);
    const text = await this.#readSettled(name, () => readFile(path, 'utf8'));
    if (text === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const model = parseCachedModel(json, path);
    if (model.name !== name) {
      throw new VocoderError(
        'E_CACHE',
        `The cache record ${path} names "${model.name}"; remove the entry and import it again.`,
      );
    }
    return model;
  }

  async read(name: string, options: ReadOptions = {}): Promise<CachedModelData> {
    for (let attempt = 0; ; attempt++) {
      const model = await this.get(name);
      if (model === undefined) throw notCached(name, this.location);
      const bytes = await this.#readSettled(name, () =>
        readFile(join(this.entryDir(name), MODEL_FILE)),
      );
      if (bytes === undefined) {
        if (attempt === 0) continue; // replaced between the two reads
        throw new VocoderError(
          'E_CACHE',
          `The cached model "${name}" has a record but no ${MODEL_FILE}; remove it and import it again.`,
        );
      }
      const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (options.verify !== false) {
        const actual = await sha256Hex(data);
        if (actual !== model.sha256) {
          if (attempt === 0) continue; // the record and the bytes came from two versions
          throw corruptedEntry(name, model.sha256, actual);
        }
      }
      return { model, bytes: data };
    }
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
    await this.#mkdir(this.modelsDir);
    return this.withLock(
      name,
      async () => {
        throwIfAborted(options.signal);
        await this.#sweepLeftovers(name);
        const target = this.entryDir(name);
        const exists = await access(target).then(
          () => true,
          () => false,
        );
        if (exists && !options.replace) throw alreadyCached(name, this.location);
        let staging: string | undefined;
        let trash: string | undefined;
        try {
          staging = await mkdtemp(join(this.modelsDir, `.staging-${name}-`));
          await writeDurably(join(staging, MODEL_FILE), bytes);
          await writeDurably(
            join(staging, RECORD_FILE),
            new TextEncoder().encode(`${JSON.stringify(complete, null, 2)}\n`),
          );
          throwIfAborted(options.signal);
          if (exists) {
            trash = join(this.modelsDir, `.trash-${name}-${randomBytes(4).toString('hex')}`);
            await rename(target, trash);
          }
          await rename(staging, target);
          staging = undefined;
        } catch (error) {
          if (trash !== undefined) await rename(trash, target).catch(() => undefined);
          trash = undefined;
          throw this.#fsError(error, 'write');
        } finally {
          if (staging !== undefined) await rm(staging, { recursive: true, force: true });
          if (trash !== undefined) await rm(trash, { recursive: true, force: true });
        }
        return complete;
      },
      options.signal,
    );
  }

  async remove(name: string): Promise<boolean> {
    const target = this.entryDir(name);
    return this.withLock(name, async () => {
      const trash = join(this.modelsDir, `.trash-${name}-${randomBytes(4).toString('hex')}`);
      try {
        await rename(target, trash);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw this.#fsError(error, 'write');
      }
      await rm(trash, { recursive: true, force: true });
      return true;
    });
  }

  /**
   * Reads with `read`; when the file is missing while a writer holds the entry's lock (a replace
   * in progress), waits for the lock to go and reads again. Undefined when it stays missing.
   */
  async #readSettled<T>(name: string, read: () => Promise<T>): Promise<T | undefined> {
    for (let waited = 0; ; waited += 20) {
      try {
        return await read();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw this.#fsError(error, 'read');
      }
      const locked = await isLockHeld(this.lockPath(name), this.#lock.staleMs);
      if (!locked || waited > (this.#lock.timeoutMs ?? 600_000)) return undefined;
      await sleep(20);
    }
  }

  /** Removes the staging and trash folders of `name` left by a killed writer (call holding its lock). */
  async #sweepLeftovers(name: string): Promise<void> {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const leftover = new RegExp(
      `^\\.(staging-${escaped}-[A-Za-z0-9]{6}|trash-${escaped}-[0-9a-f]{8})$`,
    );
    const names = await readdir(this.modelsDir).catch(() => [] as string[]);
    for (const entry of names.filter((n) => leftover.test(n))) {
      await rm(join(this.modelsDir, entry), { recursive: true, force: true });
    }
  }

  async #mkdir(path: string): Promise<void> {
    try {
      await mkdir(path, { recursive: true });
    } catch (error) {
      throw this.#fsError(error, 'write');
    }
  }

  #fsError(error: unknown, action: 'read' | 'write'): VocoderError {
    if (error instanceof VocoderError) return error;
    return new VocoderError(
      'E_CACHE',
      `Cannot ${action} the model cache at ${this.dir}: ${(error as Error)?.message ?? String(error)}. ` +
        'Pass --cache-dir or set VOIRS_CACHE_DIR to a writable folder.',
      { cause: error },
    );
  }
}

/** Writes a whole file and flushes it to disk before the rename that publishes it. */
async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
