/**
 * Reader for the zip serialisation of `torch.save` (torch >= 1.6): one top-level folder (any name)
 * holding `data.pkl`, optional `byteorder` and `version`, and `data/<key>` storage files.
 */
import { FormatError } from '@voirs/core';
import { unpickle } from '../pickle/unpickler.js';
import type { PickleValue } from '../pickle/values.js';
import { arrayFromBytes, type TensorData } from '../tensor-data.js';
import { ZipArchive } from '../zip/zip-archive.js';
import { StorageTable } from './storage-table.js';
import { TensorBuilder, copyBudget } from './tensor-builder.js';

/** What both torch readers return. */
export interface TorchReadResult {
  object: PickleValue;
  tensors: TensorData[];
}

/** Options shared by the torch readers. */
export interface TorchReadOptions {
  allowedClasses: ReadonlySet<string>;
  maxBytes: number;
}

function invalid(message: string): FormatError {
  return new FormatError('E_CHECKPOINT_INVALID', `Malformed torch checkpoint: ${message}`);
}

const LATIN1 = new TextDecoder('latin1');

/** The single top-level folder every entry lives in. */
function archivePrefix(archive: ZipArchive): string {
  const first = archive.entries[0];
  const slash = first?.name.indexOf('/') ?? -1;
  if (first === undefined || slash <= 0)
    throw invalid('the zip archive has no top-level folder holding data.pkl.');
  const prefix = first.name.slice(0, slash + 1);
  const stray = archive.entries.find((e) => !e.name.startsWith(prefix));
  if (stray !== undefined)
    throw invalid(`the entry ${stray.name} lies outside the archive folder ${prefix}.`);
  return prefix;
}

/**
 * Reads a torch zip checkpoint.
 * @throws FormatError / ModelError with checkpoint and zip codes.
 */
export function readTorchZip(bytes: Uint8Array, options: TorchReadOptions): TorchReadResult {
  const archive = new ZipArchive(bytes, {
    maxEntryBytes: options.maxBytes,
    maxTotalBytes: options.maxBytes,
  });
  const prefix = archivePrefix(archive);
  if (archive.entry(`${prefix}constants.pkl`) !== undefined) {
    // TorchScript archives also hold a data.pkl, whose globals are compiled __torch__ classes
    throw new FormatError(
      'E_CHECKPOINT_UNSUPPORTED',
      'This is a TorchScript archive (torch.jit.save), not a torch.save checkpoint; export the state_dict with torch.save instead.',
    );
  }
  const pkl = archive.entry(`${prefix}data.pkl`);
  if (pkl === undefined) throw invalid(`the archive has no ${prefix}data.pkl.`);
  const byteorder = archive.entry(`${prefix}byteorder`);
  if (byteorder !== undefined) {
    const order = LATIN1.decode(archive.read(byteorder)).trim();
    if (order === 'big')
      throw new FormatError(
        'E_CHECKPOINT_UNSUPPORTED',
        'The checkpoint was saved on a big-endian machine; re-save it on a little-endian one.',
      );
    if (order !== 'little') throw invalid(`byteorder is "${order}", neither "little" nor "big".`);
  }
  const table = new StorageTable('zip', options.maxBytes);
  const builder = new TensorBuilder();
  const { value } = unpickle(archive.read(pkl), {
    allowedClasses: options.allowedClasses,
    persistentLoad: table.persistentLoad,
    tensors: builder,
  });
  for (const storage of table.roots()) {
    const name = `${prefix}data/${storage.key}`;
    const entry = archive.entry(name);
    if (entry === undefined) throw invalid(`storage ${storage.key} has no ${name} entry.`);
    if (entry.uncompressedSize !== storage.byteLength) {
      throw invalid(
        `${name} holds ${entry.uncompressedSize} bytes but its storage needs ${storage.byteLength}.`,
      );
    }
    storage.data = arrayFromBytes(storage.dtype, archive.read(entry));
  }
  table.resolveViews();
  return { object: value, tensors: builder.finalize(copyBudget(options.maxBytes, bytes.length)) };
}
