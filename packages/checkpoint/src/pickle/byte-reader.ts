/**
 * A bounds-checked cursor over a byte array. Every read checks the remaining length first, so a
 * truncated or lying file fails with `E_CHECKPOINT_INVALID` instead of a RangeError.
 */
import { FormatError } from '@voirs/core';

const LATIN1 = new TextDecoder('latin1');

export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  /** Current offset into {@link bytes}. */
  pos: number;
  /** Offset at which reading must stop. */
  readonly end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = end;
  }

  /** Bytes left before {@link end}. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws unless `n` more bytes are available. */
  need(n: number, what: string): void {
    if (!(n >= 0) || n > this.remaining) {
      throw new FormatError(
        'E_CHECKPOINT_INVALID',
        `The data ends inside ${what} (needs ${n} bytes, ${this.remaining} left at offset ${this.pos}); the file is truncated or corrupt.`,
      );
    }
  }

  u8(): number {
    this.need(1, 'an opcode argument');
    return this.bytes[this.pos++] as number;
  }

  u16(): number {
    this.need(2, 'a 2-byte integer');
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4, 'a 4-byte integer');
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  i32(): number {
    this.need(4, 'a 4-byte integer');
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** An unsigned little-endian 64-bit length; values beyond 2^53 fail the bounds check. */
  u64(): number {
    this.need(8, 'an 8-byte length');
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }

  /** A big-endian IEEE 754 double (pickle's BINFLOAT). */
  f64be(): number {
    this.need(8, 'a float');
    const v = this.view.getFloat64(this.pos, false);
    this.pos += 8;
    return v;
  }

  /** `n` bytes as a view into the input (checked against the remaining length first). */
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A newline-terminated line (without the newline) decoded as latin-1, at most `max` bytes. */
  line(what: string, max = 1 << 16): string {
    const limit = Math.min(this.end, this.pos + max + 1);
    for (let i = this.pos; i < limit; i++) {
      if (this.bytes[i] === 0x0a) {
        const text = LATIN1.decode(this.bytes.subarray(this.pos, i));
        this.pos = i + 1;
        return text;
      }
    }
    throw new FormatError(
      'E_CHECKPOINT_INVALID',
      `The pickle has no newline ending ${what} within ${max} bytes at offset ${this.pos}; the file is truncated or corrupt.`,
    );
  }
}
