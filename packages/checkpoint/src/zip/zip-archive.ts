/**
 * A read-only zip archive over a byte array: stored entries are zero-copy views, deflated ones are
 * inflated in bounded steps so that a lying header cannot make extraction exceed its limits.
 */
import { FormatError } from '@voirs/core';
import { Inflate } from 'fflate';
import { crc32 } from './crc32.js';
import { readZipDirectory, type ZipEntry } from './zip-directory.js';
import { resolveZipLimits, type ResolvedZipLimits, type ZipLimits } from './zip-limits.js';

/** Compressed bytes fed to the inflater per step (bounds the overshoot past a limit to ~16 MiB). */
const INFLATE_STEP = 16 * 1024;

/** A parsed zip archive whose entries are read on demand within its {@link ZipLimits}. */
export class ZipArchive {
  /** Entries in central-directory order. */
  readonly entries: readonly ZipEntry[];
  private readonly byName: ReadonlyMap<string, ZipEntry>;
  private readonly limits: ResolvedZipLimits;
  private extracted = 0;

  /**
   * Parses the archive's directory.
   * @throws FormatError `E_ZIP_INVALID`, `E_ZIP_BOMB` or `E_PATH_TRAVERSAL`.
   */
  constructor(
    private readonly bytes: Uint8Array,
    limits: ZipLimits = {},
  ) {
    this.limits = resolveZipLimits(limits);
    this.entries = readZipDirectory(bytes, this.limits);
    this.byName = new Map(this.entries.map((e) => [e.name, e]));
  }

  /** The entry called `name`, or `undefined`. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /**
   * The uncompressed bytes of `entry` (a view into the archive for stored entries).
   * @throws FormatError `E_ZIP_INVALID` (corrupt data, CRC mismatch) or `E_ZIP_BOMB`.
   */
  read(entry: ZipEntry): Uint8Array {
    this.extracted += entry.uncompressedSize;
    if (this.extracted > this.limits.maxTotalBytes) {
      throw new FormatError(
        'E_ZIP_BOMB',
        `Zip archive refused: extracting ${entry.name} goes past maxTotalBytes (${this.limits.maxTotalBytes}).`,
      );
    }
    const raw = this.bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    const data = entry.method === 0 ? raw : inflateBounded(raw, entry);
    if (this.limits.verifyCrc && crc32(data) !== entry.crc32) {
      throw new FormatError(
        'E_ZIP_INVALID',
        `Malformed zip archive: the CRC-32 of ${entry.name} does not match; the file is corrupt.`,
      );
    }
    return data;
  }
}

/** Inflates `raw`, failing as soon as the output passes the entry's declared size. */
function inflateBounded(raw: Uint8Array, entry: ZipEntry): Uint8Array {
  const out = new Uint8Array(entry.uncompressedSize);
  let written = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > out.length) {
      throw new FormatError(
        'E_ZIP_BOMB',
        `Zip archive refused: ${entry.name} inflates past its declared ${entry.uncompressedSize} bytes.`,
      );
    }
    out.set(chunk, written);
    written += chunk.length;
    if (final) finished = true;
  });
  try {
    for (let at = 0; at < raw.length || at === 0; at += INFLATE_STEP) {
      const end = Math.min(raw.length, at + INFLATE_STEP);
      inflater.push(raw.subarray(at, end), end >= raw.length);
      if (end >= raw.length) break;
    }
  } catch (cause) {
    if (cause instanceof FormatError) throw cause;
    throw new FormatError(
      'E_ZIP_INVALID',
      `Malformed zip archive: ${entry.name} is not valid deflate data.`,
      { cause },
    );
  }
  if (!finished || written !== out.length) {
    throw new FormatError(
      'E_ZIP_INVALID',
      `Malformed zip archive: ${entry.name} inflates to ${written} bytes, not the declared ${entry.uncompressedSize}.`,
    );
  }
  return out;
}
