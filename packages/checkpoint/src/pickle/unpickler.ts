/**
 * A safe pickle virtual machine (protocols 0 to 5). It never imports or calls anything: globals
 * resolve through the allow-list to inert values, REDUCE only applies the fixed table in
 * `reduce.ts`, and every length, memo index and stack access is checked, so malformed input
 * fails with `E_CHECKPOINT_INVALID` and hostile input with `E_CHECKPOINT_UNSAFE`.
 */
import { FormatError, ModelError } from '@voirs/core';
import { resolveGlobal } from './allow-list.js';
import { ByteReader } from './byte-reader.js';
import { HIGHEST_PROTOCOL, OP } from './opcodes.js';
import { applyCallable, type ReduceContext, type TensorHooks } from './reduce.js';
import { decodeLong, parseDecimalInt, parseFloatText, parseQuotedString, parseRawUnicodeEscape } from './text-literals.js';
import { GlobalRef, InstanceRecord, PyDict, isList, isTuple, makeTuple, type PickleValue } from './values.js';

/** Options of {@link unpickle}. */
export interface UnpickleOptions {
  /** Byte offset to start at (default 0). */
  start?: number;
  /** Classes (`module.Class`) allowed besides the built-in list; they become inert records. */
  allowedClasses?: ReadonlySet<string>;
  /** Resolves a persistent id (BINPERSID/PERSID); without it such opcodes are invalid. */
  persistentLoad?: (pid: PickleValue) => PickleValue;
  /** Lets torch rebuild functions create tensors. */
  tensors?: TensorHooks;
}

/** The value a pickle produced and the offset just after its STOP opcode. */
export interface UnpickleResult {
  value: PickleValue;
  end: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Bounds that keep a hostile pickle from exhausting memory or time. */
const MAX_MARK_DEPTH = 100_000;
const MAX_STACK = 10_000_000;
const MAX_MEMO = 10_000_000;
const MAX_LONG_BYTES = 1 << 16;

function invalid(message: string): FormatError {
  return new FormatError('E_CHECKPOINT_INVALID', `Malformed pickle: ${message}`);
}

/**
 * Runs the pickle that starts at `options.start` of `bytes` up to its STOP opcode.
 * @throws FormatError `E_CHECKPOINT_INVALID` for malformed input, `E_CHECKPOINT_UNSUPPORTED` for
 *   features this reader lacks (out-of-band buffers, pickle protocol > 5).
 * @throws ModelError `E_CHECKPOINT_UNSAFE` for a global outside the allow-list or a forbidden call.
 */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions = {}): UnpickleResult {
  return new Unpickler(bytes, options).run();
}

class Unpickler implements ReduceContext {
  private readonly r: ByteReader;
  private readonly stack: PickleValue[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, PickleValue>();
  private readonly allowed: ReadonlySet<string>;
  private readonly persistentLoad: UnpickleOptions['persistentLoad'];
  readonly tensors: TensorHooks | undefined;
  private work = 0;
  private readonly maxWork: number;

  constructor(bytes: Uint8Array, options: UnpickleOptions) {
    this.r = new ByteReader(bytes, options.start ?? 0);
    this.allowed = options.allowedClasses ?? new Set();
    this.persistentLoad = options.persistentLoad;
    this.tensors = options.tensors;
    this.maxWork = 8 * bytes.length + 1_000_000;
  }

  charge(n: number): void {
    this.work += n;
    if (this.work > this.maxWork) {
      throw invalid('it copies far more items than its size allows (an amplification attack?).');
    }
  }

  private push(value: PickleValue): void {
    if (this.stack.length >= MAX_STACK) throw invalid(`stack deeper than ${MAX_STACK} items.`);
    this.stack.push(value);
  }

  private pop(): PickleValue {
    const floor = this.marks.length > 0 ? (this.marks[this.marks.length - 1] as number) : 0;
    if (this.stack.length <= floor) throw invalid(`stack underflow at offset ${this.r.pos - 1}.`);
    return this.stack.pop() as PickleValue;
  }

  private top(): PickleValue {
    const floor = this.marks.length > 0 ? (this.marks[this.marks.length - 1] as number) : 0;
    if (this.stack.length <= floor) throw invalid(`empty stack at offset ${this.r.pos - 1}.`);
    return this.stack[this.stack.length - 1] as PickleValue;
  }

  private popMark(): PickleValue[] {
    const mark = this.marks.pop();
    if (mark === undefined) throw invalid(`no MARK before offset ${this.r.pos - 1}.`);
    const items = this.stack.splice(mark);
    this.charge(items.length);
    return items;
  }

  private memoGet(index: number): PickleValue {
    const value = this.memo.get(index);
    if (value === undefined) throw invalid(`memo key ${index} was never stored.`);
    return value;
  }

  private memoPut(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0) throw invalid(`negative memo key ${index}.`);
    if (this.memo.size >= MAX_MEMO && !this.memo.has(index)) throw invalid(`more than ${MAX_MEMO} memo entries.`);
    this.memo.set(index, this.top());
  }

  private text(bytes: Uint8Array, what: string): string {
    try {
      return UTF8.decode(bytes);
    } catch (cause) {
      throw new FormatError('E_CHECKPOINT_INVALID', `Malformed pickle: ${what} is not valid UTF-8.`, { cause });
    }
  }

  /** A Python 2 `str`: text when it is valid UTF-8 (torch loads with encoding='utf-8'), else bytes. */
  private py2String(bytes: Uint8Array): string | Uint8Array {
    try {
      return UTF8.decode(bytes);
    } catch {
      return bytes.slice();
    }
  }

  private global(module: string, name: string): GlobalRef {
    return resolveGlobal(module, name, this.allowed);
  }

  private lineInt(what: string): number {
    const v = parseDecimalInt(this.r.line(what));
    if (typeof v !== 'number') throw invalid(`${what} is not a decimal integer.`);
    return v;
  }

  run(): UnpickleResult {
    const r = this.r;
    for (;;) {
      const opAt = r.pos;
      if (r.remaining <= 0) throw invalid('the stream ends before its STOP opcode; the file is truncated.');
      const op = r.u8();
      switch (op) {
        case OP.PROTO: {
          const version = r.u8();
          if (version > HIGHEST_PROTOCOL) {
            throw new FormatError('E_CHECKPOINT_UNSUPPORTED', `Pickle protocol ${version} is newer than ${HIGHEST_PROTOCOL}, the highest this reader supports.`);
          }
          break;
        }
        case OP.FRAME:
          r.need(r.u64(), 'a frame');
          break;
        case OP.STOP:
          return { value: this.pop(), end: r.pos };
        case OP.MARK:
          if (this.marks.length >= MAX_MARK_DEPTH) throw invalid(`more than ${MAX_MARK_DEPTH} nested MARKs.`);
          this.marks.push(this.stack.length);
          break;
        case OP.POP: {
          const floor = this.marks.length > 0 ? (this.marks[this.marks.length - 1] as number) : 0;
          if (this.stack.length > floor) this.stack.pop();
          else this.popMark();
          break;
        }
        case OP.POP_MARK:
          this.popMark();
          break;
        case OP.DUP:
          this.push(this.top());
          break;
        // --- constants and numbers
        case OP.NONE:
          this.push(null);
          break;
        case OP.NEWTRUE:
          this.push(true);
          break;
        case OP.NEWFALSE:
          this.push(false);
          break;
        case OP.INT: {
          const line = r.line('an INT');
          if (line === '01' || line === '00') this.push(line === '01');
          else this.push(this.checked(parseDecimalInt(line), 'INT'));
          break;
        }
        case OP.LONG:
          this.push(this.checked(parseDecimalInt(r.line('a LONG').replace(/L$/, '')), 'LONG'));
          break;
        case OP.BININT:
          this.push(r.i32());
          break;
        case OP.BININT1:
          this.push(r.u8());
          break;
        case OP.BININT2:
          this.push(r.u16());
          break;
        case OP.LONG1:
        case OP.LONG4: {
          const n = op === OP.LONG1 ? r.u8() : r.i32();
          if (n < 0) throw invalid('negative LONG4 length.');
          if (n > MAX_LONG_BYTES) throw new FormatError('E_CHECKPOINT_UNSUPPORTED', `A pickled integer of ${n} bytes is larger than this reader accepts.`);
          this.push(decodeLong(r.take(n, 'a LONG')));
          break;
        }
        case OP.FLOAT:
          this.push(this.checked(parseFloatText(r.line('a FLOAT')), 'FLOAT'));
          break;
        case OP.BINFLOAT:
          this.push(r.f64be());
          break;
        // --- strings and bytes
        case OP.STRING:
          this.push(this.checked(parseQuotedString(r.line('a STRING', 1 << 30)), 'STRING'));
          break;
        case OP.BINSTRING: {
          const n = r.i32();
          this.push(this.py2String(r.take(n, 'a BINSTRING')));
          break;
        }
        case OP.SHORT_BINSTRING:
          this.push(this.py2String(r.take(r.u8(), 'a SHORT_BINSTRING')));
          break;
        case OP.UNICODE:
          this.push(this.checked(parseRawUnicodeEscape(r.line('a UNICODE', 1 << 30)), 'UNICODE'));
          break;
        case OP.SHORT_BINUNICODE:
          this.push(this.text(r.take(r.u8(), 'a string'), 'a string'));
          break;
        case OP.BINUNICODE:
          this.push(this.text(r.take(r.u32(), 'a string'), 'a string'));
          break;
        case OP.BINUNICODE8:
          this.push(this.text(r.take(r.u64(), 'a string'), 'a string'));
          break;
        case OP.SHORT_BINBYTES:
          this.push(r.take(r.u8(), 'bytes').slice());
          break;
        case OP.BINBYTES:
          this.push(r.take(r.u32(), 'bytes').slice());
          break;
        case OP.BINBYTES8:
        case OP.BYTEARRAY8:
          this.push(r.take(r.u64(), 'bytes').slice());
          break;
        case OP.NEXT_BUFFER:
          throw new FormatError('E_CHECKPOINT_UNSUPPORTED', 'The pickle uses out-of-band buffers (protocol 5 NEXT_BUFFER), which this reader does not support.');
        case OP.READONLY_BUFFER:
          this.top();
          break;
        // --- containers
        case OP.EMPTY_TUPLE:
          this.push(makeTuple([]));
          break;
        case OP.TUPLE1:
          this.push(makeTuple([this.pop()]));
          break;
        case OP.TUPLE2: {
          const b = this.pop();
          this.push(makeTuple([this.pop(), b]));
          break;
        }
        case OP.TUPLE3: {
          const c = this.pop();
          const b = this.pop();
          this.push(makeTuple([this.pop(), b, c]));
          break;
        }
        case OP.TUPLE:
          this.push(makeTuple(this.popMark()));
          break;
        case OP.EMPTY_LIST:
          this.push([]);
          break;
        case OP.LIST:
          this.push(this.popMark());
          break;
        case OP.EMPTY_DICT:
          this.push(new PyDict());
          break;
        case OP.DICT: {
          const items = this.popMark();
          const dict = new PyDict();
          this.setItems(dict, items);
          this.push(dict);
          break;
        }
        case OP.EMPTY_SET:
          this.push(new Set());
          break;
        case OP.FROZENSET:
          this.push(new Set(this.popMark()));
          break;
        case OP.APPEND: {
          const item = this.pop();
          this.appendItems(this.top(), [item]);
          break;
        }
        case OP.APPENDS: {
          const items = this.popMark();
          this.appendItems(this.top(), items);
          break;
        }
        case OP.SETITEM: {
          const value = this.pop();
          const key = this.pop();
          this.setItems(this.top(), [key, value]);
          break;
        }
        case OP.SETITEMS: {
          const items = this.popMark();
          this.setItems(this.top(), items);
          break;
        }
        case OP.ADDITEMS: {
          const items = this.popMark();
          const set = this.top();
          if (!(set instanceof Set)) throw invalid('ADDITEMS on something that is not a set.');
          for (const item of items) set.add(item);
          break;
        }
        // --- memo
        case OP.PUT:
          this.memoPut(this.lineInt('a PUT index'));
          break;
        case OP.BINPUT:
          this.memoPut(r.u8());
          break;
        case OP.LONG_BINPUT:
          this.memoPut(r.u32());
          break;
        case OP.MEMOIZE:
          this.memoPut(this.memo.size);
          break;
        case OP.GET:
          this.push(this.memoGet(this.lineInt('a GET index')));
          break;
        case OP.BINGET:
          this.push(this.memoGet(r.u8()));
          break;
        case OP.LONG_BINGET:
          this.push(this.memoGet(r.u32()));
          break;
        // --- globals, objects, calls
        case OP.GLOBAL: {
          const module = r.line('a GLOBAL module', 1024);
          const name = r.line('a GLOBAL name', 1024);
          this.push(this.global(module, name));
          break;
        }
        case OP.STACK_GLOBAL: {
          const name = this.pop();
          const module = this.pop();
          if (typeof module !== 'string' || typeof name !== 'string') throw invalid('STACK_GLOBAL needs two strings.');
          this.push(this.global(module, name));
          break;
        }
        case OP.EXT1:
        case OP.EXT2:
        case OP.EXT4:
          throw new ModelError('E_CHECKPOINT_UNSAFE', `The pickle uses an extension-registry code (opcode 0x${op.toString(16)} at offset ${opAt}), which resolves globals this reader cannot check; refused.`);
        case OP.REDUCE: {
          const args = this.pop();
          const callable = this.pop();
          this.push(applyCallable(callable, args, this));
          break;
        }
        case OP.NEWOBJ: {
          const args = this.pop();
          const cls = this.pop();
          this.push(this.instantiate(cls, args, 'NEWOBJ'));
          break;
        }
        case OP.NEWOBJ_EX: {
          const kwargs = this.pop();
          const args = this.pop();
          const cls = this.pop();
          if (!(kwargs instanceof PyDict) || kwargs.size > 0) throw new FormatError('E_CHECKPOINT_UNSUPPORTED', 'NEWOBJ_EX with keyword arguments is not supported.');
          this.push(this.instantiate(cls, args, 'NEWOBJ_EX'));
          break;
        }
        case OP.INST: {
          const module = r.line('an INST module', 1024);
          const name = r.line('an INST name', 1024);
          const cls = this.global(module, name);
          this.push(this.instantiate(cls, makeTuple(this.popMark()), 'INST'));
          break;
        }
        case OP.OBJ: {
          const items = this.popMark();
          const cls = items.shift();
          if (cls === undefined) throw invalid('OBJ without a class.');
          this.push(this.instantiate(cls, makeTuple(items), 'OBJ'));
          break;
        }
        case OP.BUILD: {
          const state = this.pop();
          this.build(this.top(), state);
          break;
        }
        case OP.PERSID:
          this.push(this.persistent(r.line('a PERSID')));
          break;
        case OP.BINPERSID:
          this.push(this.persistent(this.pop()));
          break;
        default:
          throw invalid(`unknown opcode 0x${op.toString(16).padStart(2, '0')} at offset ${opAt}.`);
      }
    }
  }

  private checked<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw invalid(`malformed ${what} argument at offset ${this.r.pos}.`);
    return value;
  }

  private persistent(pid: PickleValue): PickleValue {
    if (this.persistentLoad === undefined) throw invalid('a persistent id appears but this stream has no storages.');
    return this.persistentLoad(pid);
  }

  private instantiate(cls: PickleValue, args: PickleValue, opcode: string): PickleValue {
    if (cls instanceof GlobalRef && cls.fullName === 'collections.OrderedDict') return new PyDict(cls.fullName);
    if (!(cls instanceof GlobalRef) || cls.kind !== 'class') {
      const what = cls instanceof GlobalRef ? cls.fullName : 'a value that is not a class';
      throw new ModelError('E_CHECKPOINT_UNSAFE', `${opcode} of ${what} is refused: only allowed classes can be instantiated (inertly).`, {
        details: { global: cls instanceof GlobalRef ? cls.fullName : undefined },
      });
    }
    if (!isTuple(args)) throw invalid(`${opcode} needs an argument tuple.`);
    const record = new InstanceRecord(cls.fullName);
    this.charge(args.length);
    for (const a of args) record.newArgs.push(a);
    return record;
  }

  private appendItems(target: PickleValue, items: PickleValue[]): void {
    if (isList(target)) for (const item of items) target.push(item);
    else if (target instanceof InstanceRecord) for (const item of items) target.listItems.push(item);
    else throw invalid('APPEND(S) on something that is not a list.');
  }

  private setItems(target: PickleValue, items: PickleValue[]): void {
    if (items.length % 2 !== 0) throw invalid('SETITEMS with an odd number of items.');
    const map = target instanceof PyDict ? target : target instanceof InstanceRecord ? target.dictItems : undefined;
    if (map === undefined) throw invalid('SETITEM(S) on something that is not a dict.');
    for (let i = 0; i < items.length; i += 2) map.set(items[i] as PickleValue, items[i + 1] as PickleValue);
  }

  private build(target: PickleValue, state: PickleValue): void {
    let dictState: PickleValue = state;
    let slotState: PickleValue = null;
    if (isTuple(state) && state.length === 2) {
      dictState = state[0] as PickleValue;
      slotState = state[1] as PickleValue;
    }
    if (target instanceof GlobalRef) {
      throw new ModelError('E_CHECKPOINT_UNSAFE', `BUILD on the global ${target.fullName} (setting attributes of a class or function) is refused.`, {
        details: { global: target.fullName },
      });
    }
    const attributes = target instanceof InstanceRecord || target instanceof PyDict ? target.attributes : undefined;
    if (attributes === undefined) {
      if (this.tensors?.isTensor(target)) throw new FormatError('E_CHECKPOINT_UNSUPPORTED', 'BUILD on a tensor (tensor state) is not supported.');
      throw invalid('BUILD on a value that has no attributes.');
    }
    this.copyState(attributes, dictState);
    if (slotState !== null) {
      if (!(target instanceof InstanceRecord)) throw invalid('slot state on a dict.');
      this.copyState(target.slots, slotState);
    }
  }

  private copyState(into: Map<string, PickleValue>, state: PickleValue): void {
    if (state === null) return;
    if (!(state instanceof PyDict)) throw invalid('BUILD state is not a dict.');
    this.charge(state.size);
    for (const [key, value] of state) {
      if (typeof key !== 'string') throw invalid('BUILD state has a non-string attribute name.');
      into.set(key, value);
    }
  }
}
