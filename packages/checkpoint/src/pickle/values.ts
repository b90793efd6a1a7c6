/**
 * The inert values the safe unpickler produces. Nothing here can run code: classes become
 * {@link InstanceRecord}s, allowed callables become {@link GlobalRef}s that only the unpickler's
 * fixed table of rebuild functions interprets.
 */
import type { TensorData } from '../tensor-data.js';

/** A Python `dict` or `collections.OrderedDict`, in insertion order. */
export class PyDict extends Map<PickleValue, PickleValue> {
  /** `'dict'` or `'collections.OrderedDict'`. */
  readonly pyClass: string;
  /** Instance attributes set by BUILD (an OrderedDict state dict's `_metadata`, for instance). */
  readonly attributes = new Map<string, PickleValue>();

  constructor(pyClass = 'dict') {
    super();
    this.pyClass = pyClass;
  }
}

/**
 * An instance of an allowed class (a `torch.nn` module, `WeightNorm`, or a class the caller
 * allowed), created without running any of its code. BUILD fills {@link attributes} from the
 * pickled `__dict__`; dict or list subclasses also receive their items.
 */
export class InstanceRecord {
  /** `module.QualifiedName` of the class, e.g. `torch.nn.modules.conv.Conv1d`. */
  readonly className: string;
  /** The instance's `__dict__`, in pickle order. */
  readonly attributes = new Map<string, PickleValue>();
  /** Items of a dict subclass instance (SETITEM(S) on the record). */
  readonly dictItems = new Map<PickleValue, PickleValue>();
  /** Items of a list subclass instance (APPEND(S) on the record). */
  readonly listItems: PickleValue[] = [];
  /** Arguments given to NEWOBJ (usually none). */
  readonly newArgs: PickleValue[] = [];
  /** Slot state passed to BUILD as the second half of a `(state, slotstate)` pair. */
  readonly slots = new Map<string, PickleValue>();

  constructor(className: string) {
    this.className = className;
  }

  /** The attribute `name`, or `undefined`. */
  attr(name: string): PickleValue | undefined {
    return this.attributes.get(name);
  }
}

/**
 * What an allowed global resolved to. `class` globals may only be instantiated inertly (NEWOBJ,
 * `copyreg._reconstructor`); `callable` globals are interpreted by the unpickler's fixed table;
 * `storage` globals name a torch storage type; `marker` globals are opaque names (`builtins.object`).
 */
export class GlobalRef {
  readonly kind: 'class' | 'callable' | 'storage' | 'marker';
  /** Module part of the global, e.g. `torch._utils`. */
  readonly module: string;
  /** Name part of the global, e.g. `_rebuild_tensor_v2`. */
  readonly name: string;

  constructor(kind: GlobalRef['kind'], module: string, name: string) {
    this.kind = kind;
    this.module = module;
    this.name = name;
  }

  /** `module.name`. */
  get fullName(): string {
    return `${this.module}.${this.name}`;
  }
}

/**
 * Any value a pickle can produce here. Tuples are frozen arrays ({@link isTuple}); lists are
 * ordinary arrays. Python ints beyond 2^53 are bigints; Python `bytes` are Uint8Arrays.
 */
export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | readonly PickleValue[]
  | PyDict
  | Set<PickleValue>
  | InstanceRecord
  | GlobalRef
  | TensorData
  | PickleOpaque;

/** A value a persistent-load hook returned that the unpickler treats as an opaque leaf. */
export interface PickleOpaque {
  readonly opaque: string;
}

/** A Python tuple (a frozen array). */
export function makeTuple(items: PickleValue[]): readonly PickleValue[] {
  return Object.freeze(items);
}

/** True when `value` is a Python tuple. */
export function isTuple(value: unknown): value is readonly PickleValue[] {
  return Array.isArray(value) && Object.isFrozen(value);
}

/** True when `value` is a Python list. */
export function isList(value: unknown): value is PickleValue[] {
  return Array.isArray(value) && !Object.isFrozen(value);
}

/**
 * A short, bounded description of a value for error messages (never recurses into containers,
 * so hostile nesting cannot overflow the stack).
 */
export function describeValue(value: PickleValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (
    value === null ||
    typeof value === 'boolean' ||
    typeof value === 'number' ||
    typeof value === 'bigint'
  )
    return String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (Array.isArray(value)) return `a ${isTuple(value) ? 'tuple' : 'list'} of ${value.length}`;
  if (value instanceof PyDict) return `a ${value.pyClass}`;
  if (value instanceof Set) return 'a set';
  if (value instanceof InstanceRecord) return `a ${value.className}`;
  if (value instanceof GlobalRef) return value.fullName;
  return 'an object';
}
