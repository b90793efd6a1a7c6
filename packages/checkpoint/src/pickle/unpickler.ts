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
import { PickleStack } from './pickle-stack.js';
import { readScalar } from './scalar-ops.js';
import { parseDecimalInt } from './text-literals.js';
import { appendItems, build, instantiate, setItems } from './object-ops.js';
import { PyDict, makeTuple, type GlobalRef, type PickleValue } from './values.js';

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
  private readonly s: PickleStack;
  private readonly allowed: ReadonlySet<string>;
  private readonly persistentLoad: UnpickleOptions['persistentLoad'];
  readonly tensors: TensorHooks | undefined;

  constructor(bytes: Uint8Array, options: UnpickleOptions) {
    this.r = new ByteReader(bytes, options.start ?? 0);
    this.s = new PickleStack(8 * bytes.length + 1_000_000);
    this.allowed = options.allowedClasses ?? new Set();
    this.persistentLoad = options.persistentLoad;
    this.tensors = options.tensors;
  }

  charge(n: number): void {
    this.s.charge(n);
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
    const s = this.s;
    for (;;) {
      const opAt = r.pos;
      if (r.remaining <= 0)
        throw invalid('the stream ends before its STOP opcode; the file is truncated.');
      const op = r.u8();
      switch (op) {
        case OP.PROTO: {
          const version = r.u8();
          if (version > HIGHEST_PROTOCOL) {
            throw new FormatError(
              'E_CHECKPOINT_UNSUPPORTED',
              `Pickle protocol ${version} is newer than ${HIGHEST_PROTOCOL}, the highest this reader supports.`,
            );
          }
          break;
        }
        case OP.FRAME:
          r.need(r.u64(), 'a frame');
          break;
        case OP.STOP:
          return { value: s.pop(), end: r.pos };
        case OP.MARK:
          s.mark();
          break;
        case OP.POP:
          s.discard();
          break;
        case OP.POP_MARK:
          s.popMark();
          break;
        case OP.DUP:
          s.push(s.top());
          break;
        case OP.NEXT_BUFFER:
          throw new FormatError(
            'E_CHECKPOINT_UNSUPPORTED',
            'The pickle uses out-of-band buffers (protocol 5 NEXT_BUFFER), which this reader does not support.',
          );
        case OP.READONLY_BUFFER:
          s.top();
          break;
        // --- containers
        case OP.EMPTY_TUPLE:
          s.push(makeTuple([]));
          break;
        case OP.TUPLE1:
          s.push(makeTuple([s.pop()]));
          break;
        case OP.TUPLE2: {
          const b = s.pop();
          s.push(makeTuple([s.pop(), b]));
          break;
        }
        case OP.TUPLE3: {
          const c = s.pop();
          const b = s.pop();
          s.push(makeTuple([s.pop(), b, c]));
          break;
        }
        case OP.TUPLE:
          s.push(makeTuple(s.popMark()));
          break;
        case OP.EMPTY_LIST:
          s.push([]);
          break;
        case OP.LIST:
          s.push(s.popMark());
          break;
        case OP.EMPTY_DICT:
          s.push(new PyDict());
          break;
        case OP.DICT: {
          const items = s.popMark();
          const dict = new PyDict();
          setItems(dict, items);
          s.push(dict);
          break;
        }
        case OP.EMPTY_SET:
          s.push(new Set());
          break;
        case OP.FROZENSET:
          s.push(new Set(s.popMark()));
          break;
        case OP.APPEND: {
          const item = s.pop();
          appendItems(s.top(), [item]);
          break;
        }
        case OP.APPENDS: {
          const items = s.popMark();
          appendItems(s.top(), items);
          break;
        }
        case OP.SETITEM: {
          const value = s.pop();
          const key = s.pop();
          setItems(s.top(), [key, value]);
          break;
        }
        case OP.SETITEMS: {
          const items = s.popMark();
          setItems(s.top(), items);
          break;
        }
        case OP.ADDITEMS: {
          const items = s.popMark();
          const set = s.top();
          if (!(set instanceof Set)) throw invalid('ADDITEMS on something that is not a set.');
          for (const item of items) set.add(item);
          break;
        }
        // --- memo
        case OP.PUT:
          s.memoPut(this.lineInt('a PUT index'));
          break;
        case OP.BINPUT:
          s.memoPut(r.u8());
          break;
        case OP.LONG_BINPUT:
          s.memoPut(r.u32());
          break;
        case OP.MEMOIZE:
          s.memoPut();
          break;
        case OP.GET:
          s.push(s.memoGet(this.lineInt('a GET index')));
          break;
        case OP.BINGET:
          s.push(s.memoGet(r.u8()));
          break;
        case OP.LONG_BINGET:
          s.push(s.memoGet(r.u32()));
          break;
        // --- globals, objects, calls
        case OP.GLOBAL: {
          const module = r.line('a GLOBAL module', 1024);
          const name = r.line('a GLOBAL name', 1024);
          s.push(this.global(module, name));
          break;
        }
        case OP.STACK_GLOBAL: {
          const name = s.pop();
          const module = s.pop();
          if (typeof module !== 'string' || typeof name !== 'string')
            throw invalid('STACK_GLOBAL needs two strings.');
          s.push(this.global(module, name));
          break;
        }
        case OP.EXT1:
        case OP.EXT2:
        case OP.EXT4:
          throw new ModelError(
            'E_CHECKPOINT_UNSAFE',
            `The pickle uses an extension-registry code (opcode 0x${op.toString(16)} at offset ${opAt}), which resolves globals this reader cannot check; refused.`,
          );
        case OP.REDUCE: {
          const args = s.pop();
          const callable = s.pop();
          s.push(applyCallable(callable, args, this));
          break;
        }
        case OP.NEWOBJ: {
          const args = s.pop();
          const cls = s.pop();
          s.push(instantiate(this, cls, args, 'NEWOBJ'));
          break;
        }
        case OP.NEWOBJ_EX: {
          const kwargs = s.pop();
          const args = s.pop();
          const cls = s.pop();
          if (!(kwargs instanceof PyDict) || kwargs.size > 0)
            throw new FormatError(
              'E_CHECKPOINT_UNSUPPORTED',
              'NEWOBJ_EX with keyword arguments is not supported.',
            );
          s.push(instantiate(this, cls, args, 'NEWOBJ_EX'));
          break;
        }
        case OP.INST: {
          const module = r.line('an INST module', 1024);
          const name = r.line('an INST name', 1024);
          const cls = this.global(module, name);
          s.push(instantiate(this, cls, makeTuple(s.popMark()), 'INST'));
          break;
        }
        case OP.OBJ: {
          const items = s.popMark();
          const cls = items.shift();
          if (cls === undefined) throw invalid('OBJ without a class.');
          s.push(instantiate(this, cls, makeTuple(items), 'OBJ'));
          break;
        }
        case OP.BUILD: {
          const state = s.pop();
          build(this, s.top(), state);
          break;
        }
        case OP.PERSID:
          s.push(this.persistent(r.line('a PERSID')));
          break;
        case OP.BINPERSID:
          s.push(this.persistent(s.pop()));
          break;
        default: {
          const scalar = readScalar(op, r);
          if (scalar === undefined)
            throw invalid(
              `unknown opcode 0x${op.toString(16).padStart(2, '0')} at offset ${opAt}.`,
            );
          s.push(scalar);
        }
      }
    }
  }

  private persistent(pid: PickleValue): PickleValue {
    if (this.persistentLoad === undefined)
      throw invalid('a persistent id appears but this stream has no storages.');
    return this.persistentLoad(pid);
  }
}
