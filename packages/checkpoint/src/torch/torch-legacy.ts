/**
 * Reader for the legacy `torch.save` serialisation (`_use_new_zipfile_serialization=False`, and
 * every file written before torch 1.6): five pickles back to back (magic number, protocol
 * version, sys info, the object, the storage keys), then per key an int64 element count and the
 * storage's raw bytes.
 */
import { FormatError } from '@voirs/core';
import { ByteReader } from '../pickle/byte-reader.js';
import { unpickle } from '../pickle/unpickler.js';
import { PyDict, describeValue, isList, type PickleValue } from '../pickle/values.js';
import { arrayFromBytes } from '../tensor-data.js';
import { StorageTable } from './storage-table.js';
import { TensorBuilder, copyBudget } from './tensor-builder.js';
import type { TorchReadOptions, TorchReadResult } from './torch-zip.js';

/** The legacy format's magic number, 0x1950a86a20f9469cfc6c. */
export const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;
const NO_CLASSES: ReadonlySet<string> = new Set();

function invalid(message: string): FormatError {
  return new FormatError('E_CHECKPOINT_INVALID', `Malformed legacy torch checkpoint: ${message}`);
}

/**
 * Reads a legacy torch checkpoint.
 * @throws FormatError / ModelError with checkpoint codes.
 */
export function readTorchLegacy(bytes: Uint8Array, options: TorchReadOptions): TorchReadResult {
  const magic = unpickle(bytes, { allowedClasses: NO_CLASSES });
  if (magic.value !== LEGACY_MAGIC)
    throw invalid('the magic number is wrong; this is not a torch checkpoint.');
  const protocol = unpickle(bytes, { start: magic.end, allowedClasses: NO_CLASSES });
  if (protocol.value !== LEGACY_PROTOCOL)
    throw invalid(`protocol version ${describeValue(protocol.value)} is not ${LEGACY_PROTOCOL}.`);
  const sysInfo = unpickle(bytes, { start: protocol.end, allowedClasses: NO_CLASSES });
  if (!(sysInfo.value instanceof PyDict)) throw invalid('the sys-info record is not a dict.');
  if (sysInfo.value.get('little_endian') === false) {
    throw new FormatError(
      'E_CHECKPOINT_UNSUPPORTED',
      'The checkpoint was saved on a big-endian machine; re-save it on a little-endian one.',
    );
  }
  const table = new StorageTable('legacy', options.maxBytes);
  const builder = new TensorBuilder();
  const object = unpickle(bytes, {
    start: sysInfo.end,
    allowedClasses: options.allowedClasses,
    persistentLoad: table.persistentLoad,
    tensors: builder,
  });
  const keys = unpickle(bytes, { start: object.end, allowedClasses: NO_CLASSES });
  if (!isList(keys.value)) throw invalid('the storage key list is not a list.');
  const reader = new ByteReader(bytes, keys.end);
  const seen = new Set<string>();
  for (const key of keys.value as PickleValue[]) {
    if (typeof key !== 'string') throw invalid('a storage key is not a string.');
    const storage = table.storages.get(key);
    if (storage === undefined || storage.view !== undefined)
      throw invalid(`the key list names storage ${key}, which no tensor uses.`);
    if (seen.has(key)) throw invalid(`storage ${key} is listed twice.`);
    seen.add(key);
    const count = reader.u64();
    if (count !== storage.numel)
      throw invalid(
        `storage ${key} records ${count} elements but was declared with ${storage.numel}.`,
      );
    storage.data = arrayFromBytes(
      storage.dtype,
      reader.take(storage.byteLength, `the data of storage ${key}`),
    );
  }
  table.resolveViews();
  return {
    object: object.value,
    tensors: builder.finalize(copyBudget(options.maxBytes, bytes.length)),
  };
}
