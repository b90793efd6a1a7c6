/**
 * Parsers for the text arguments of protocol-0 opcodes (INT, LONG, FLOAT, STRING, UNICODE).
 * Each returns `undefined` on malformed text; the unpickler turns that into `E_CHECKPOINT_INVALID`.
 */

/** Python's default limit on the digits of an int parsed from text. */
const MAX_INT_DIGITS = 4300;
const INT_RE = /^[+-]?[0-9]+$/;
const FLOAT_RE =
  /^[+-]?(?:[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)$/i;

/** A decimal integer as a number when it is exact, else a bigint. */
export function parseDecimalInt(text: string): number | bigint | undefined {
  const t = text.trim();
  if (!INT_RE.test(t) || t.length > MAX_INT_DIGITS) return undefined;
  const big = BigInt(t);
  return narrowInt(big);
}

/** A bigint as a number when it is within the safe integer range. */
export function narrowInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

/** A Python float literal (`repr(float)`, including `inf` and `nan`). */
export function parseFloatText(text: string): number | undefined {
  const t = text.trim();
  if (!FLOAT_RE.test(t)) return undefined;
  const lower = t.toLowerCase().replace(/^\+/, '');
  if (lower === 'inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (lower.endsWith('nan')) return NaN;
  return Number(t);
}

/** A little-endian two's-complement integer of any width (LONG1/LONG4). */
export function decodeLong(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--)
    hex += (bytes[i] as number).toString(16).padStart(2, '0');
  let value = BigInt(`0x${hex}`);
  if (((bytes[bytes.length - 1] as number) & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8);
  return narrowInt(value);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

/** The body of a protocol-0 STRING argument: a quoted Python 2 `repr` with backslash escapes. */
export function parseQuotedString(text: string): string | undefined {
  if (text.length < 2) return undefined;
  const quote = text[0];
  if ((quote !== "'" && quote !== '"') || text[text.length - 1] !== quote) return undefined;
  const body = text.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return undefined;
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
    } else if (e === 'x') {
      const hex = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))?.[0] ?? e;
      out += String.fromCharCode(parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else {
      out += `\\${e}`;
    }
  }
  return out;
}

/** A protocol-0 UNICODE argument (`raw-unicode-escape`: latin-1 text with \uXXXX and \UXXXXXXXX). */
export function parseRawUnicodeEscape(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && (text[i + 1] === 'u' || text[i + 1] === 'U')) {
      const width = text[i + 1] === 'u' ? 4 : 8;
      const hex = text.slice(i + 2, i + 2 + width);
      if (hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      i += 1 + width;
    } else {
      out += c;
    }
  }
  return out;
}
