/**
 * A small zip writer for hostile archives: stored or deflated entries with any name (`../x`,
 * `/abs`), sizes that lie, and entries that overlap (one entry's local record inside another's
 * data, the building block of non-recursive zip bombs).
 */
import { deflateRawSync } from 'node:zlib';

/** One archive member. */
export interface ZipMember {
  readonly name: string;
  readonly data: Uint8Array;
  /** Default `store`. */
  readonly method?: 'store' | 'deflate';
  /** Uncompressed size written in both headers (default: the real size). */
  readonly declaredSize?: number;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of `bytes` (the zip polynomial). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function fields(values: readonly [number, 2 | 4][]): Uint8Array {
  const out = new DataView(new ArrayBuffer(values.reduce((n, [, w]) => n + w, 0)));
  let at = 0;
  for (const [v, w] of values) {
    if (w === 2) out.setUint16(at, v, true);
    else out.setUint32(at, v >>> 0, true);
    at += w;
  }
  return new Uint8Array(out.buffer);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

interface Encoded {
  readonly name: Uint8Array;
  readonly stored: Uint8Array;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
}

function encode(m: ZipMember): Encoded {
  return {
    name: new TextEncoder().encode(m.name),
    stored: m.method === 'deflate' ? new Uint8Array(deflateRawSync(m.data)) : m.data,
    method: m.method === 'deflate' ? 8 : 0,
    crc: crc32(m.data),
    size: m.declaredSize ?? m.data.length,
  };
}

/** A member's local header, name and data. */
export function localRecord(m: ZipMember): Uint8Array {
  const e = encode(m);
  return concat([
    fields([
      [0x04034b50, 4],
      [20, 2],
      [0, 2],
      [e.method, 2],
      [0, 2],
      [0x21, 2],
      [e.crc, 4],
      [e.stored.length, 4],
      [e.size, 4],
      [e.name.length, 2],
      [0, 2],
    ]),
    e.name,
    e.stored,
  ]);
}

function centralRecord(m: ZipMember, offset: number): Uint8Array {
  const e = encode(m);
  return concat([
    fields([
      [0x02014b50, 4],
      [20, 2],
      [20, 2],
      [0, 2],
      [e.method, 2],
      [0, 2],
      [0x21, 2],
      [e.crc, 4],
      [e.stored.length, 4],
      [e.size, 4],
      [e.name.length, 2],
      [0, 2],
      [0, 2],
      [0, 2],
      [0, 2],
      [0, 4],
      [offset, 4],
    ]),
    e.name,
  ]);
}

/**
 * An archive from raw local bytes and the central directory entries pointing into them (members
 * and the offset of each one's local header). Lets entries share or overlap bytes.
 */
export function assembleZip(
  locals: Uint8Array,
  entries: readonly { member: ZipMember; offset: number }[],
): Uint8Array {
  const central = concat(entries.map(({ member, offset }) => centralRecord(member, offset)));
  const end = fields([
    [0x06054b50, 4],
    [0, 2],
    [0, 2],
    [entries.length, 2],
    [entries.length, 2],
    [central.length, 4],
    [locals.length, 4],
    [0, 2],
  ]);
  return concat([locals, central, end]);
}

/** The archive holding `members`, in order. */
export function writeZip(members: readonly ZipMember[]): Uint8Array {
  const records = members.map(localRecord);
  const offsets = records.map((_, i) => records.slice(0, i).reduce((n, r) => n + r.length, 0));
  return assembleZip(
    concat(records),
    members.map((member, i) => ({ member, offset: offsets[i]! })),
  );
}

/**
 * An archive whose member `outer` stores, as its data, the whole local record of `inner`, and whose
 * central directory lists both: the two entries overlap.
 */
export function overlappingZip(first: ZipMember, inner: ZipMember, outerName: string): Uint8Array {
  const firstRecord = localRecord(first);
  const innerRecord = localRecord(inner);
  const outer: ZipMember = { name: outerName, data: innerRecord };
  const outerRecord = localRecord(outer);
  const innerOffset = firstRecord.length + (outerRecord.length - innerRecord.length);
  return assembleZip(concat([firstRecord, outerRecord]), [
    { member: first, offset: 0 },
    { member: outer, offset: firstRecord.length },
    { member: inner, offset: innerOffset },
  ]);
}
