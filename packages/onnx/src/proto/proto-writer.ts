/**
 * A minimal protobuf wire-format encoder, sized for ONNX models.
 *
 * Messages are built as trees of fields, measured once, then written into a single buffer that is
 * allocated with its exact final size. `bytes` fields keep a reference to the caller's array until
 * {@link ProtoMessage.encode} copies it into place, so a model's weights are copied exactly once.
 * @internal
 */

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_LEN = 2;

const UTF8 = new TextEncoder();

type Part =
  | { kind: 'varint'; key: number; value: number | bigint }
  | { kind: 'float'; key: number; value: number }
  | { kind: 'bytes'; key: number; value: Uint8Array }
  | { kind: 'message'; key: number; value: ProtoMessage }
  | { kind: 'raw'; key: -1; value: Uint8Array };

/** Size in bytes of `value` as a base-128 varint (negative values take 10 bytes, as int64). */
export function varintSize(value: number | bigint): number {
  if (typeof value === 'bigint') {
    let v = BigInt.asUintN(64, value);
    let n = 1;
    while (v >= 0x80n) {
      v >>= 7n;
      n++;
    }
    return n;
  }
  if (value < 0) return 10;
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    n++;
  }
  return n;
}

function checkInteger(value: number | bigint): void {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new TypeError(`protobuf integer fields need a safe integer or a bigint, got ${value}`);
  }
}

/** One protobuf message under construction. Fields are written in the order they are added. */
export class ProtoMessage {
  private readonly parts: Part[] = [];
  private cachedSize = -1;

  /** Adds an integer field (int32, int64, enum, bool as 0/1). Negative values use 10 bytes. */
  varint(field: number, value: number | bigint): this {
    checkInteger(value);
    return this.push({ kind: 'varint', key: field * 8 + WIRE_VARINT, value });
  }

  /** Adds a 32-bit float field. */
  float(field: number, value: number): this {
    return this.push({ kind: 'float', key: field * 8 + WIRE_FIXED32, value });
  }

  /** Adds a UTF-8 string field. */
  string(field: number, value: string): this {
    return this.push({ kind: 'bytes', key: field * 8 + WIRE_LEN, value: UTF8.encode(value) });
  }

  /** Adds a bytes field; `value` is referenced, not copied, until {@link encode}. */
  bytes(field: number, value: Uint8Array): this {
    return this.push({ kind: 'bytes', key: field * 8 + WIRE_LEN, value });
  }

  /** Adds a nested message field. */
  message(field: number, value: ProtoMessage): this {
    return this.push({ kind: 'message', key: field * 8 + WIRE_LEN, value });
  }

  /** Appends already-encoded fields verbatim (tags included); `value` is referenced until {@link encode}. */
  raw(value: Uint8Array): this {
    return this.push({ kind: 'raw', key: -1, value });
  }

  /** Encoded size of this message in bytes (without its own tag and length). */
  byteLength(): number {
    if (this.cachedSize >= 0) return this.cachedSize;
    let size = 0;
    for (const part of this.parts) {
      if (part.kind === 'raw') {
        size += part.value.length;
        continue;
      }
      size += varintSize(part.key);
      switch (part.kind) {
        case 'varint':
          size += varintSize(part.value);
          break;
        case 'float':
          size += 4;
          break;
        case 'bytes':
          size += varintSize(part.value.length) + part.value.length;
          break;
        case 'message': {
          const inner = part.value.byteLength();
          size += varintSize(inner) + inner;
          break;
        }
      }
    }
    this.cachedSize = size;
    return size;
  }

  /**
   * Serialises the message into a new buffer of exactly {@link byteLength} bytes.
   * @throws RangeError when the message exceeds the 2 GiB protobuf limit.
   */
  encode(): Uint8Array {
    const size = this.byteLength();
    if (size > 0x7fffffff) {
      throw new RangeError(`message of ${size} bytes exceeds the 2 GiB protobuf limit`);
    }
    const out = new Uint8Array(size);
    const end = this.writeTo(out, new DataView(out.buffer), 0);
    if (end !== size) throw new Error(`internal: wrote ${end} bytes, expected ${size}`);
    return out;
  }

  private push(part: Part): this {
    this.parts.push(part);
    this.cachedSize = -1;
    return this;
  }

  private writeTo(out: Uint8Array, view: DataView, pos: number): number {
    for (const part of this.parts) {
      if (part.kind === 'raw') {
        out.set(part.value, pos);
        pos += part.value.length;
        continue;
      }
      pos = writeVarint(out, pos, part.key);
      switch (part.kind) {
        case 'varint':
          pos = writeVarint(out, pos, part.value);
          break;
        case 'float':
          view.setFloat32(pos, part.value, true);
          pos += 4;
          break;
        case 'bytes':
          pos = writeVarint(out, pos, part.value.length);
          out.set(part.value, pos);
          pos += part.value.length;
          break;
        case 'message':
          pos = writeVarint(out, pos, part.value.byteLength());
          pos = part.value.writeTo(out, view, pos);
          break;
      }
    }
    return pos;
  }
}

function writeVarint(out: Uint8Array, pos: number, value: number | bigint): number {
  if (typeof value === 'bigint' || value < 0) {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      out[pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    out[pos++] = Number(v);
    return pos;
  }
  while (value >= 0x80) {
    out[pos++] = (value % 128) | 0x80;
    value = Math.floor(value / 128);
  }
  out[pos++] = value;
  return pos;
}
