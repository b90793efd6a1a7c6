/**
 * Zip central-directory parsing (with Zip64), hardened: the central directory is the only source
 * of entries, each local header must agree with it, entry data may not overlap (the
 * "non-recursive zip bomb"), names may not escape the archive, and declared sizes are bounded.
 */
import { FormatError } from '@voirs/core';
import type { ResolvedZipLimits } from './zip-limits.js';

/** One file of a zip archive. */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  readonly name: string;
  /** 0 = stored, 8 = deflate. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** Declared size; extraction verifies it instead of trusting it. */
  readonly uncompressedSize: number;
  /** Offset of the entry's data in the archive. */
  readonly dataOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const LATIN1 = new TextDecoder('latin1');

function invalid(message: string): FormatError {
  return new FormatError('E_ZIP_INVALID', `Malformed zip archive: ${message}`);
}

function bomb(message: string): FormatError {
  return new FormatError('E_ZIP_BOMB', `Zip archive refused: ${message}`);
}

function u64(view: DataView, at: number): number {
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER))
    throw invalid('a 64-bit size or offset is out of range.');
  return Number(v);
}

/** True when `bytes` starts like a zip archive (a local header or an empty archive). */
export function hasZipMagic(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

/**
 * Throws `E_PATH_TRAVERSAL` when `name` could escape the folder it is extracted to (absolute
 * paths, drive letters, backslashes, `..` segments, NUL bytes).
 */
export function checkEntryName(name: string): void {
  const bad =
    name.length === 0 ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.includes('\\') ||
    name.includes('\0') ||
    name.split('/').some((segment) => segment === '..');
  if (bad) {
    throw new FormatError(
      'E_PATH_TRAVERSAL',
      `The zip entry name ${JSON.stringify(name)} points outside the archive; the file is malicious or corrupt.`,
      {
        details: { name },
      },
    );
  }
}

function findEocd(bytes: Uint8Array, view: DataView): number {
  const min = Math.max(0, bytes.length - 22 - U16_MAX);
  for (let at = bytes.length - 22; at >= min; at--) {
    if (
      view.getUint32(at, true) === SIG_EOCD &&
      at + 22 + view.getUint16(at + 20, true) === bytes.length
    )
      return at;
  }
  throw invalid('no end-of-central-directory record (truncated, or not a zip file).');
}

interface Directory {
  count: number;
  offset: number;
  size: number;
  /** Where the central directory must end (the first end record). */
  limit: number;
}

function readDirectory(bytes: Uint8Array, view: DataView): Directory {
  const eocd = findEocd(bytes, view);
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0)
    throw invalid('multi-disk archives are not supported.');
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  let limit = eocd;
  const locator = eocd - 20;
  if (locator >= 0 && view.getUint32(locator, true) === SIG_ZIP64_LOCATOR) {
    const at = u64(view, locator + 8);
    if (at + 56 > locator || view.getUint32(at, true) !== SIG_ZIP64_EOCD)
      throw invalid('the Zip64 end record is missing or misplaced.');
    if (view.getUint32(at + 16, true) !== 0 || view.getUint32(at + 20, true) !== 0)
      throw invalid('multi-disk archives are not supported.');
    count = u64(view, at + 32);
    size = u64(view, at + 40);
    offset = u64(view, at + 48);
    limit = at;
  } else if (count === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    throw invalid('Zip64 values without a Zip64 end record.');
  }
  if (offset + size > limit) throw invalid('the central directory lies outside the file.');
  if (count * 46 > size) throw invalid(`the central directory is too small for ${count} entries.`);
  return { count, offset, size, limit };
}

/** Reads the Zip64 extended-information extra field for the fields that overflowed. */
function zip64Extra(
  view: DataView,
  start: number,
  end: number,
  need: { usize: boolean; csize: boolean; offset: boolean },
) {
  let at = start;
  while (at + 4 <= end) {
    const id = view.getUint16(at, true);
    const len = view.getUint16(at + 2, true);
    if (at + 4 + len > end) throw invalid('an extra field runs past its entry.');
    if (id === 0x0001) {
      let p = at + 4;
      const take = (): number => {
        if (p + 8 > at + 4 + len) throw invalid('a Zip64 extra field is too short.');
        const v = u64(view, p);
        p += 8;
        return v;
      };
      return {
        usize: need.usize ? take() : undefined,
        csize: need.csize ? take() : undefined,
        offset: need.offset ? take() : undefined,
      };
    }
    at += 4 + len;
  }
  throw invalid('an entry needs Zip64 sizes but has no Zip64 extra field.');
}

/**
 * Parses and validates every entry of the archive `bytes`.
 * @throws FormatError `E_ZIP_INVALID`, `E_ZIP_BOMB` or `E_PATH_TRAVERSAL`.
 */
export function readZipDirectory(bytes: Uint8Array, limits: ResolvedZipLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) throw invalid('the file is too short to be a zip archive.');
  const dir = readDirectory(bytes, view);
  if (dir.count > limits.maxEntries)
    throw bomb(`it has ${dir.count} entries, more than maxEntries (${limits.maxEntries}).`);
  const entries: (ZipEntry & { headerOffset: number })[] = [];
  const names = new Set<string>();
  let declaredTotal = 0;
  let at = dir.offset;
  const end = dir.offset + dir.size;
  for (let i = 0; i < dir.count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== SIG_CENTRAL)
      throw invalid(`central directory entry ${i} is missing or corrupt.`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    let csize = view.getUint32(at + 20, true);
    let usize = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    let headerOffset = view.getUint32(at + 42, true);
    const nameStart = at + 46;
    const next = nameStart + nameLen + extraLen + commentLen;
    if (next > end) throw invalid(`central directory entry ${i} runs past the directory.`);
    const rawName = bytes.subarray(nameStart, nameStart + nameLen);
    let name: string;
    try {
      name = flags & 0x800 ? UTF8.decode(rawName) : LATIN1.decode(rawName);
    } catch (cause) {
      throw new FormatError(
        'E_ZIP_INVALID',
        `Malformed zip archive: entry ${i} has a name that is not UTF-8.`,
        { cause },
      );
    }
    checkEntryName(name);
    if (names.has(name)) throw invalid(`the entry ${name} appears twice.`);
    names.add(name);
    if (csize === U32_MAX || usize === U32_MAX || headerOffset === U32_MAX) {
      const z = zip64Extra(view, nameStart + nameLen, nameStart + nameLen + extraLen, {
        usize: usize === U32_MAX,
        csize: csize === U32_MAX,
        offset: headerOffset === U32_MAX,
      });
      usize = z.usize ?? usize;
      csize = z.csize ?? csize;
      headerOffset = z.offset ?? headerOffset;
    }
    if (flags & 0x1) throw invalid(`the entry ${name} is encrypted, which is not supported.`);
    if (method !== 0 && method !== 8)
      throw invalid(
        `the entry ${name} uses compression method ${method}; only stored (0) and deflate (8) are supported.`,
      );
    if (method === 0 && csize !== usize)
      throw invalid(`the stored entry ${name} has different compressed and uncompressed sizes.`);
    if (usize > limits.maxEntryBytes)
      throw bomb(
        `the entry ${name} expands to ${usize} bytes, more than maxEntryBytes (${limits.maxEntryBytes}).`,
      );
    if (method === 8 && usize > Math.max(csize, 1) * limits.maxRatio)
      throw bomb(
        `the entry ${name} claims a ${Math.round(usize / Math.max(csize, 1))}:1 expansion, beyond maxRatio (${limits.maxRatio}).`,
      );
    declaredTotal += usize;
    if (declaredTotal > limits.maxTotalBytes)
      throw bomb(`its entries expand to more than maxTotalBytes (${limits.maxTotalBytes}).`);
    const dataOffset = localDataOffset(bytes, view, headerOffset, rawName, name);
    if (dataOffset + csize > dir.offset)
      throw invalid(
        `the data of ${name} runs into the central directory or past the end of the file.`,
      );
    entries.push({
      name,
      method,
      crc32: crc,
      compressedSize: csize,
      uncompressedSize: usize,
      dataOffset,
      headerOffset,
    });
    at = next;
  }
  checkOverlaps(entries);
  return entries.map(({ headerOffset: _h, ...entry }) => entry);
}

function localDataOffset(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  rawName: Uint8Array,
  name: string,
): number {
  if (offset + 30 > bytes.length || view.getUint32(offset, true) !== SIG_LOCAL)
    throw invalid(`the local header of ${name} is missing.`);
  const nameLen = view.getUint16(offset + 26, true);
  const extraLen = view.getUint16(offset + 28, true);
  const start = offset + 30 + nameLen + extraLen;
  if (start > bytes.length)
    throw invalid(`the local header of ${name} runs past the end of the file.`);
  const local = bytes.subarray(offset + 30, offset + 30 + nameLen);
  if (local.length !== rawName.length || local.some((b, i) => b !== rawName[i])) {
    throw invalid(`the local header of ${name} names another file; the archive is inconsistent.`);
  }
  return start;
}

/** Entries whose data overlap reuse compressed bytes: the trick behind non-recursive zip bombs. */
function checkOverlaps(
  entries: readonly {
    name: string;
    headerOffset: number;
    dataOffset: number;
    compressedSize: number;
  }[],
): void {
  const sorted = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as (typeof sorted)[number];
    const cur = sorted[i] as (typeof sorted)[number];
    if (cur.headerOffset < prev.dataOffset + prev.compressedSize) {
      throw bomb(
        `the entries ${prev.name} and ${cur.name} overlap (a non-recursive zip bomb, or a corrupt archive).`,
      );
    }
  }
}
