/**
 * The user model cache contract, implemented on the file system (`NodeModelCache`, in
 * `@voirs/catalog/node`) and on Cache Storage (`BrowserModelCache`). Every entry is one ONNX file
 * plus its {@link CachedModel} record; an entry appears whole or not at all.
 */
import type { CachedModel, NewCachedModel } from './cached-model.js';

/** Options of {@link ModelCache.put}. */
export interface PutOptions {
  /** Replace an entry of the same name instead of failing with `E_CACHE`. */
  readonly replace?: boolean;
  readonly signal?: AbortSignal;
}

/** Options of {@link ModelCache.read}. */
export interface ReadOptions {
  /** Check the bytes against the recorded SHA-256 (default true). */
  readonly verify?: boolean;
}

/** A model read back from the cache. */
export interface CachedModelData {
  readonly model: CachedModel;
  readonly bytes: Uint8Array;
}

/** A store of converted models, keyed by name. */
export interface ModelCache {
  /** Where the cache lives, for messages (a folder, or a Cache Storage name). */
  readonly location: string;
  /** Every entry, sorted by name. @throws VocoderError `E_CACHE` for a damaged record. */
  list(): Promise<CachedModel[]>;
  /** The entry's record, or undefined when there is none. @throws VocoderError `E_CACHE` when damaged. */
  get(name: string): Promise<CachedModel | undefined>;
  /**
   * The record and the ONNX bytes.
   * @throws ModelError `E_MODEL_NOT_FOUND`; VocoderError `E_CHECKSUM` when the bytes no longer match
   * the record (the entry is corrupted: remove it and import again).
   */
  read(name: string, options?: ReadOptions): Promise<CachedModelData>;
  /**
   * Stores `bytes` under `record.name`, computing the SHA-256 and size. Atomic: readers see the old
   * entry or the new one, never a mix; concurrent puts of one name are serialised.
   * @throws VocoderError `E_CACHE` when the name exists and `replace` is not set.
   */
  put(record: NewCachedModel, bytes: Uint8Array, options?: PutOptions): Promise<CachedModel>;
  /** Deletes an entry; resolves to false when there was none. Works on damaged entries too. */
  remove(name: string): Promise<boolean>;
}
