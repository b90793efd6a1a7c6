/**
 * Torch storages as the unpickler sees them: persistent ids resolve to {@link StorageRef}s whose
 * bytes are attached after the object pickle has been read (zip entries or legacy records).
 */
import { FormatError } from '@voirs/core';
import { STORAGE_DTYPES } from '../pickle/allow-list.js';
import { GlobalRef, isTuple, type PickleOpaque, type PickleValue } from '../pickle/values.js';
import { elementSize, type CheckpointArrayMap, type CheckpointDType } from '../tensor-data.js';

/** One torch storage (or a legacy view of one). */
export class StorageRef implements PickleOpaque {
  readonly opaque = 'torch-storage';
  /** Elements, once loaded. */
  data: CheckpointArrayMap[CheckpointDType] | undefined;

  constructor(
    readonly key: string,
    readonly dtype: CheckpointDType,
    readonly numel: number,
    /** For a legacy view: the storage it views and the element offset into it. */
    readonly view?: { readonly root: StorageRef; readonly offset: number },
  ) {}

  /** Bytes this storage occupies. */
  get byteLength(): number {
    return this.numel * elementSize(this.dtype);
  }
}

function invalid(message: string): FormatError {
  return new FormatError('E_CHECKPOINT_INVALID', `Malformed torch checkpoint: ${message}`);
}

const ASCII = new TextDecoder('latin1');

function asText(value: PickleValue | undefined, what: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return ASCII.decode(value);
  throw invalid(`${what} is not a string.`);
}

function asCount(value: PickleValue | undefined, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw invalid(`${what} is not a non-negative integer.`);
  return value;
}

/** Resolves storage persistent ids and remembers each storage by key. */
export class StorageTable {
  readonly storages = new Map<string, StorageRef>();
  private declaredBytes = 0;

  /**
   * @param format `zip` ids are `('storage', type, key, location, numel)`; `legacy` ids add
   *   `view_metadata` and may also be `('module', cls, source_file, source)`.
   * @param maxBytes bound on the total bytes the storages may declare.
   */
  constructor(
    private readonly format: 'zip' | 'legacy',
    private readonly maxBytes: number,
  ) {}

  /** The unpickler's persistent-load hook. */
  readonly persistentLoad = (pid: PickleValue): PickleValue => {
    if (!isTuple(pid) || pid.length === 0) throw invalid('a persistent id is not a tuple.');
    const typename = asText(pid[0], 'a persistent id type');
    if (typename === 'module' && this.format === 'legacy') {
      const cls = pid[1];
      if (!(cls instanceof GlobalRef) || cls.kind !== 'class')
        throw invalid('a module persistent id holds no class.');
      return cls;
    }
    if (typename !== 'storage') throw invalid(`unknown persistent id type "${typename}".`);
    const expected = this.format === 'zip' ? 5 : 6;
    if (pid.length !== expected)
      throw invalid(`a storage id has ${pid.length} fields instead of ${expected}.`);
    const type = pid[1];
    if (!(type instanceof GlobalRef) || type.kind !== 'storage')
      throw invalid('a storage id does not name a storage type.');
    const dtype = STORAGE_DTYPES[type.name as keyof typeof STORAGE_DTYPES];
    const key = asText(pid[2], 'a storage key');
    asText(pid[3], 'a storage location');
    const numel = asCount(pid[4], 'a storage size');
    const root = this.storage(key, dtype, numel);
    const viewMeta = pid[5];
    if (viewMeta === undefined || viewMeta === null) return root;
    if (!isTuple(viewMeta) || viewMeta.length !== 3)
      throw invalid('storage view metadata is not (key, offset, size).');
    const viewKey = asText(viewMeta[0], 'a view key');
    const offset = asCount(viewMeta[1], 'a view offset');
    const size = asCount(viewMeta[2], 'a view size');
    if (offset + size > numel)
      throw invalid(
        `view ${viewKey} [${offset}, ${offset + size}) lies outside its storage of ${numel} elements.`,
      );
    const existing = this.storages.get(viewKey);
    if (existing !== undefined) {
      if (
        existing.view?.root !== root ||
        existing.view.offset !== offset ||
        existing.numel !== size
      )
        throw invalid(`view ${viewKey} is declared twice differently.`);
      return existing;
    }
    const view = new StorageRef(viewKey, dtype, size, { root, offset });
    this.storages.set(viewKey, view);
    return view;
  };

  private storage(key: string, dtype: CheckpointDType, numel: number): StorageRef {
    const existing = this.storages.get(key);
    if (existing !== undefined) {
      if (existing.dtype !== dtype || existing.numel !== numel || existing.view !== undefined)
        throw invalid(`storage ${key} is declared twice with different types or sizes.`);
      return existing;
    }
    const ref = new StorageRef(key, dtype, numel);
    this.declaredBytes += ref.byteLength;
    if (this.declaredBytes > this.maxBytes) {
      throw new FormatError(
        'E_CHECKPOINT_UNSUPPORTED',
        `The checkpoint declares more than ${this.maxBytes} bytes of tensor storage; raise maxBytes if you trust the file.`,
      );
    }
    this.storages.set(key, ref);
    return ref;
  }

  /** Root storages (not views), in first-use order. */
  roots(): StorageRef[] {
    return [...this.storages.values()].filter((s) => s.view === undefined);
  }

  /** Points every view at its root's loaded data; throws when a root was never loaded. */
  resolveViews(): void {
    for (const s of this.storages.values()) {
      if (s.view === undefined) {
        if (s.data === undefined) throw invalid(`storage ${s.key} has no data in the file.`);
        continue;
      }
      const root = s.view.root.data;
      if (root === undefined) throw invalid(`storage ${s.view.root.key} has no data in the file.`);
      s.data = root.subarray(
        s.view.offset,
        s.view.offset + s.numel,
      ) as CheckpointArrayMap[CheckpointDType];
    }
  }
}
