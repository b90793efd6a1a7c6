/**
 * The opcodes that push a scalar read from the stream: integers, floats, strings and bytes
 * (protocols 0 to 5). Each argument length is checked against the remaining input first.
 */
import { FormatError } from '@voirs/core';
import type { ByteReader } from './byte-reader.js';
import { OP } from './opcodes.js';
import {
  decodeLong,
  parseDecimalInt,
  parseFloatText,
  parseQuotedString,
  parseRawUnicodeEscape,
} from './text-literals.js';
import type { PickleValue } from './values.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Pickled integers wider than this are refused (Python would accept them; no checkpoint has them). */
const MAX_LONG_BYTES = 1 << 16;
/** Protocol-0 STRING/UNICODE lines may be long (they hold whole texts). */
const MAX_TEXT_LINE = 1 << 30;

function invalid(message: string): FormatError {
  return new FormatError('E_CHECKPOINT_INVALID', `Malformed pickle: ${message}`);
}

function checked<T>(value: T | undefined, what: string, r: ByteReader): T {
  if (value === undefined) throw invalid(`malformed ${what} argument before offset ${r.pos}.`);
  return value;
}

function utf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch (cause) {
    throw new FormatError(
      'E_CHECKPOINT_INVALID',
      'Malformed pickle: a string is not valid UTF-8.',
      { cause },
    );
  }
}

/** A Python 2 `str`: text when it is valid UTF-8 (torch loads with encoding='utf-8'), else bytes. */
function py2String(bytes: Uint8Array): string | Uint8Array {
  try {
    return UTF8.decode(bytes);
  } catch {
    return new Uint8Array(bytes);
  }
}

/**
 * Reads the argument of scalar opcode `op` and returns the value to push, or `undefined` when
 * `op` is not a scalar opcode. Bytes are copied out of the input (`new Uint8Array` always copies).
 */
export function readScalar(op: number, r: ByteReader): PickleValue | undefined {
  switch (op) {
    case OP.NONE:
      return null;
    case OP.NEWTRUE:
      return true;
    case OP.NEWFALSE:
      return false;
    case OP.INT: {
      const line = r.line('an INT');
      if (line === '01' || line === '00') return line === '01';
      return checked(parseDecimalInt(line), 'INT', r);
    }
    case OP.LONG:
      return checked(parseDecimalInt(r.line('a LONG').replace(/L$/, '')), 'LONG', r);
    case OP.BININT:
      return r.i32();
    case OP.BININT1:
      return r.u8();
    case OP.BININT2:
      return r.u16();
    case OP.LONG1:
    case OP.LONG4: {
      const n = op === OP.LONG1 ? r.u8() : r.i32();
      if (n < 0) throw invalid('negative LONG4 length.');
      if (n > MAX_LONG_BYTES) {
        throw new FormatError(
          'E_CHECKPOINT_UNSUPPORTED',
          `A pickled integer of ${n} bytes is larger than this reader accepts.`,
        );
      }
      return decodeLong(r.take(n, 'a LONG'));
    }
    case OP.FLOAT:
      return checked(parseFloatText(r.line('a FLOAT')), 'FLOAT', r);
    case OP.BINFLOAT:
      return r.f64be();
    case OP.STRING:
      return checked(parseQuotedString(r.line('a STRING', MAX_TEXT_LINE)), 'STRING', r);
    case OP.BINSTRING:
      return py2String(r.take(r.i32(), 'a BINSTRING'));
    case OP.SHORT_BINSTRING:
      return py2String(r.take(r.u8(), 'a SHORT_BINSTRING'));
    case OP.UNICODE:
      return checked(parseRawUnicodeEscape(r.line('a UNICODE', MAX_TEXT_LINE)), 'UNICODE', r);
    case OP.SHORT_BINUNICODE:
      return utf8(r.take(r.u8(), 'a string'));
    case OP.BINUNICODE:
      return utf8(r.take(r.u32(), 'a string'));
    case OP.BINUNICODE8:
      return utf8(r.take(r.u64(), 'a string'));
    case OP.SHORT_BINBYTES:
      return new Uint8Array(r.take(r.u8(), 'bytes'));
    case OP.BINBYTES:
      return new Uint8Array(r.take(r.u32(), 'bytes'));
    case OP.BINBYTES8:
    case OP.BYTEARRAY8:
      return new Uint8Array(r.take(r.u64(), 'bytes'));
    default:
      return undefined;
  }
}
