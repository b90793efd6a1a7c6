/**
 * A bounded protobuf wire-format decoder for untrusted ONNX bytes.
 *
 * Every read is checked against the end of the enclosing message, varints are at most 10 bytes,
 * nesting is capped at {@link MAX_DEPTH}, and every loop consumes input, so decoding any byte string
 * either succeeds or throws `E_ONNX_INVALID` in time linear in its length. Bytes fields are returned
 * as views into the input (never copied).
 * @internal
 */
import { FormatError } from '@voirs/core';

/** Wire types this decoder accepts (groups, 3 and 4, are not used by ONNX and are refused). */
export const WIRE = { varint: 0, fixed64: 1, len: 2, fixed32: 5 } as const;

/** Deepest message nesting accepted (ONNX graphs nest through If/Loop bodies and types). */
export const MAX_DEPTH = 64;

const UTF8 = new TextDecoder('utf-8');

/** A field key: field number and wire type. */
export interface FieldKey {
  readonly field: number;
  readonly wire: number;
  /** Offset of the key's first byte in the underlying buffer. */
  readonly start: number;
}

/** Throws the decoder's error: a malformed model. */
export function invalid(message: string, offset?: number): never {
  throw new FormatError(
    'E_ONNX_INVALID',
    `Malformed ONNX model: ${message}${offset === undefined ? '' : ` (at byte ${offset})`}. ` +
      'The file is truncated or not an ONNX model; re-export or re-download it.',
    offset === undefined ? {} : { details: { offset } },
  );
}

/** A cursor over one message's bytes. */
export class ProtoReader {
  /** Current read offset (absolute, into {@link buf}). */
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
    readonly depth = 0,
  ) {
    this.pos = start;
  }

  /** True when the message has no more fields. */
  done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads the next field key. */
  key(): FieldKey {
    const start = this.pos;
    const key = this.varintNumber();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0 || field > 0x1fffffff) invalid(`field number ${field}`, start);
    if (
      wire !== WIRE.varint &&
      wire !== WIRE.fixed64 &&
      wire !== WIRE.len &&
      wire !== WIRE.fixed32
    ) {
      invalid(`unsupported wire type ${wire}`, start);
    }
    return { field, wire, start };
  }

  /** Reads a varint as an unsigned 64-bit bigint. */
  varintBig(): bigint {
    let result = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) invalid('truncated varint', this.pos);
      const byte = this.buf[this.pos++]!;
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if (byte < 0x80) return BigInt.asUintN(64, result);
    }
    return invalid('varint longer than 10 bytes', this.pos);
  }

  /** Reads a non-negative varint that must fit a safe integer (keys, lengths, counts). */
  varintNumber(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) invalid('truncated varint', this.pos);
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (!Number.isSafeInteger(result)) invalid('integer out of range', this.pos);
        return result;
      }
      scale *= 128;
    }
    return invalid('varint longer than 10 bytes', this.pos);
  }

  /** Reads a varint field as a signed int64: a number when safe, else a bigint. */
  int64(key: FieldKey): number | bigint {
    this.expect(key, WIRE.varint);
    const value = BigInt.asIntN(64, this.varintBig());
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }

  /** Reads a varint field that must be a safe non-negative-or-negative integer (int32, enums, versions). */
  int(key: FieldKey, what: string): number {
    const v = this.int64(key);
    if (typeof v === 'bigint') invalid(`${what} ${v} is out of range`, key.start);
    return v;
  }

  /** Reads a 32-bit float field. */
  float(key: FieldKey): number {
    this.expect(key, WIRE.fixed32);
    const pos = this.advance(4);
    return new DataView(this.buf.buffer, this.buf.byteOffset + pos, 4).getFloat32(0, true);
  }

  /** Reads a length-delimited field as a view into the input. */
  bytes(key: FieldKey): Uint8Array {
    this.expect(key, WIRE.len);
    const length = this.varintNumber();
    const pos = this.advance(length);
    return this.buf.subarray(pos, pos + length);
  }

  /** Reads a string field (invalid UTF-8 becomes U+FFFD, as protobuf proto2 readers accept it). */
  string(key: FieldKey): string {
    return UTF8.decode(this.bytes(key));
  }

  /** Returns a reader over a nested message field. */
  message(key: FieldKey): ProtoReader {
    if (this.depth + 1 > MAX_DEPTH) invalid(`messages nested deeper than ${MAX_DEPTH}`, key.start);
    const inner = this.packed(key);
    return new ProtoReader(this.buf, inner.pos, inner.end, this.depth + 1);
  }

  /** Reads a repeated int64 field, packed or not, appending to `out`. */
  int64s(key: FieldKey, out: (number | bigint)[]): void {
    if (key.wire === WIRE.varint) {
      out.push(this.int64(key));
      return;
    }
    const inner = this.packed(key);
    const varintKey: FieldKey = { field: key.field, wire: WIRE.varint, start: key.start };
    while (!inner.done()) out.push(inner.int64(varintKey));
  }

  /** Reads a repeated float field, packed or not, appending to `out`. */
  floats(key: FieldKey, out: number[]): void {
    if (key.wire === WIRE.fixed32) {
      out.push(this.float(key));
      return;
    }
    const data = this.bytes(key);
    if (data.length % 4 !== 0)
      invalid('packed float field length is not a multiple of 4', key.start);
    const view = new DataView(data.buffer, data.byteOffset, data.length);
    for (let i = 0; i < data.length; i += 4) out.push(view.getFloat32(i, true));
  }

  /**
   * Counts the elements of a repeated numeric field without decoding them: `size` is the fixed
   * element size in bytes, or 0 for varints.
   */
  countElements(key: FieldKey, size: 0 | 4 | 8): number {
    if (key.wire !== WIRE.len) {
      this.skip(key);
      return 1;
    }
    const data = this.bytes(key);
    if (size > 0) {
      if (data.length % size !== 0)
        invalid(`packed field length is not a multiple of ${size}`, key.start);
      return data.length / size;
    }
    let count = 0;
    for (const byte of data) if (byte < 0x80) count++;
    if (data.length > 0 && data[data.length - 1]! >= 0x80)
      invalid('truncated packed varint', key.start);
    return count;
  }

  /** Skips a field of any accepted wire type. */
  skip(key: FieldKey): void {
    switch (key.wire) {
      case WIRE.varint:
        this.varintBig();
        return;
      case WIRE.fixed64:
        this.advance(8);
        return;
      case WIRE.fixed32:
        this.advance(4);
        return;
      default:
        this.advance(this.varintNumber());
    }
  }

  private packed(key: FieldKey): ProtoReader {
    const view = this.bytes(key);
    const start = view.byteOffset - this.buf.byteOffset;
    return new ProtoReader(this.buf, start, start + view.length, this.depth);
  }

  private expect(key: FieldKey, wire: number): void {
    if (key.wire !== wire)
      invalid(`field ${key.field} has wire type ${key.wire}, expected ${wire}`, key.start);
  }

  private advance(length: number): number {
    const pos = this.pos;
    if (length > this.end - pos)
      invalid(`field of ${length} bytes runs past the end of its message`, pos);
    this.pos = pos + length;
    return pos;
  }
}
