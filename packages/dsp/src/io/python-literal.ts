/**
 * A strict parser for the Python literal subset that `.npy` headers use: a dict of string keys to
 * strings, booleans, `None`, integers and tuples/lists of those. Nothing is evaluated; anything
 * outside the subset (names, floats, expressions, deep nesting) is rejected.
 */
import { FormatError } from '@voirs/core';

/** A parsed Python literal. Integers are bigints so that absurd values stay exact. */
export type PyLiteral =
  string | boolean | null | bigint | readonly PyLiteral[] | ReadonlyMap<string, PyLiteral>;

/** Nesting deeper than this is rejected (npy headers nest at most 3 levels for structured dtypes). */
const MAX_DEPTH = 16;

const invalid = (message: string): FormatError =>
  new FormatError(
    'E_NPY_INVALID',
    `Invalid .npy header: ${message}. Re-save the array with numpy.save().`,
  );

class Parser {
  #pos = 0;
  constructor(readonly text: string) {}

  parseDocument(): PyLiteral {
    const value = this.#value(0);
    this.#skipSpace();
    if (this.#pos !== this.text.length)
      throw invalid(`unexpected text after the literal at offset ${this.#pos}`);
    return value;
  }

  #skipSpace(): void {
    while (this.#pos < this.text.length && ' \t\n\r'.includes(this.text[this.#pos]!)) this.#pos++;
  }

  #value(depth: number): PyLiteral {
    if (depth > MAX_DEPTH) throw invalid(`nesting deeper than ${MAX_DEPTH} levels`);
    this.#skipSpace();
    const c = this.text[this.#pos];
    if (c === undefined) throw invalid('unexpected end of header');
    if (c === '{') return this.#dict(depth);
    if (c === '(') return this.#sequence(depth, ')');
    if (c === '[') return this.#sequence(depth, ']');
    if (c === "'" || c === '"') return this.#string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.#integer();
    for (const [word, value] of [
      ['True', true],
      ['False', false],
      ['None', null],
    ] as const) {
      if (this.text.startsWith(word, this.#pos)) {
        this.#pos += word.length;
        return value;
      }
    }
    throw invalid(`unexpected character ${JSON.stringify(c)} at offset ${this.#pos}`);
  }

  #expect(char: string): void {
    this.#skipSpace();
    if (this.text[this.#pos] !== char) throw invalid(`expected "${char}" at offset ${this.#pos}`);
    this.#pos++;
  }

  /** Parses `{k: v, ...}`; string keys only, duplicates rejected, trailing comma allowed. */
  #dict(depth: number): ReadonlyMap<string, PyLiteral> {
    this.#pos++;
    const map = new Map<string, PyLiteral>();
    for (;;) {
      this.#skipSpace();
      if (this.text[this.#pos] === '}') {
        this.#pos++;
        return map;
      }
      const c = this.text[this.#pos];
      if (c !== "'" && c !== '"') throw invalid(`dict keys must be strings (offset ${this.#pos})`);
      const key = this.#string();
      if (map.has(key)) throw invalid(`duplicate key "${key}"`);
      this.#expect(':');
      map.set(key, this.#value(depth + 1));
      this.#skipSpace();
      if (this.text[this.#pos] === ',') this.#pos++;
      else if (this.text[this.#pos] !== '}')
        throw invalid(`expected "," or "}" at offset ${this.#pos}`);
    }
  }

  /** Parses a tuple or list; `(x)` without a comma is a parenthesised value, as in Python. */
  #sequence(depth: number, close: ')' | ']'): PyLiteral {
    this.#pos++;
    const items: PyLiteral[] = [];
    let sawComma = false;
    for (;;) {
      this.#skipSpace();
      if (this.text[this.#pos] === close) {
        this.#pos++;
        if (close === ')' && items.length === 1 && !sawComma) return items[0]!;
        return items;
      }
      items.push(this.#value(depth + 1));
      this.#skipSpace();
      if (this.text[this.#pos] === ',') {
        this.#pos++;
        sawComma = true;
      } else if (this.text[this.#pos] !== close) {
        throw invalid(`expected "," or "${close}" at offset ${this.#pos}`);
      }
    }
  }

  /** A quoted string without escapes other than `\\`, `\'` and `\"` (npy descr strings never need more). */
  #string(): string {
    const quote = this.text[this.#pos]!;
    this.#pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.#pos];
      if (c === undefined || c === '\n') throw invalid('unterminated string');
      this.#pos++;
      if (c === quote) return out;
      if (c === '\\') {
        const next = this.text[this.#pos];
        if (next !== '\\' && next !== "'" && next !== '"')
          throw invalid(`unsupported escape at offset ${this.#pos}`);
        out += next;
        this.#pos++;
      } else {
        out += c;
      }
    }
  }

  /** A decimal integer, optionally with Python 2's `L` suffix (numpy < 1.10 on Python 2 wrote `3L`). */
  #integer(): bigint {
    const match = /^-?[0-9]{1,40}L?/.exec(this.text.slice(this.#pos, this.#pos + 42));
    if (match === null) throw invalid(`bad number at offset ${this.#pos}`);
    const digits = match[0].endsWith('L') ? match[0].slice(0, -1) : match[0];
    const next = this.text[this.#pos + match[0].length];
    if (next !== undefined && /[0-9A-Za-z_.]/.test(next))
      throw invalid(`bad number at offset ${this.#pos}`);
    this.#pos += match[0].length;
    return BigInt(digits);
  }
}

/**
 * Parses a Python literal (dict, tuple, list, str, int, bool, None) without evaluating anything.
 * @throws FormatError `E_NPY_INVALID` for anything outside that subset.
 */
export function parsePythonLiteral(text: string): PyLiteral {
  return new Parser(text).parseDocument();
}
