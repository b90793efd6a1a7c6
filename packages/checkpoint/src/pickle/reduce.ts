/**
 * The fixed table of callables REDUCE may apply. Each entry builds an inert value from its
 * arguments; none of them calls anything named by the file. A REDUCE whose callable is anything
 * else (a class, a value, the result of another REDUCE) is refused with `E_CHECKPOINT_UNSAFE`.
 */
import { FormatError, ModelError } from '@voirs/core';
import {
  GlobalRef,
  InstanceRecord,
  PyDict,
  isList,
  isTuple,
  makeTuple,
  type PickleValue,
} from './values.js';

/** How the unpickler lets the torch layer turn storages into tensors. */
export interface TensorHooks {
  /** `_rebuild_tensor(storage, offset, size, stride)`: returns the (inert) tensor value. */
  rebuildTensor(
    storage: PickleValue,
    offset: PickleValue,
    size: PickleValue,
    stride: PickleValue,
  ): PickleValue;
  /** True when `value` was made by {@link rebuildTensor}. */
  isTensor(value: PickleValue): boolean;
}

/** What {@link applyCallable} needs from the unpickler. */
export interface ReduceContext {
  readonly tensors: TensorHooks | undefined;
  /** Charges `n` units of work against the pickle's budget (guards against amplification). */
  charge(n: number): void;
}

function invalid(message: string): FormatError {
  return new FormatError('E_CHECKPOINT_INVALID', message);
}

function argsOf(
  ref: GlobalRef,
  args: PickleValue,
  min: number,
  max: number,
): readonly PickleValue[] {
  if (!isTuple(args)) throw invalid(`REDUCE of ${ref.fullName} needs an argument tuple.`);
  if (args.length < min || args.length > max) {
    throw invalid(
      `${ref.fullName} takes ${min === max ? min : `${min} to ${max}`} arguments, the pickle passes ${args.length}.`,
    );
  }
  return args;
}

function tensorHooks(ctx: ReduceContext, ref: GlobalRef): TensorHooks {
  if (ctx.tensors === undefined)
    throw invalid(`${ref.fullName} appears outside a torch checkpoint.`);
  return ctx.tensors;
}

/** Items of a list/tuple/set argument, charged to the budget. */
function iterableItems(ctx: ReduceContext, value: PickleValue, what: string): PickleValue[] {
  if (Array.isArray(value)) {
    ctx.charge(value.length);
    return [...(value as PickleValue[])];
  }
  if (value instanceof Set) {
    ctx.charge(value.size);
    return [...value];
  }
  throw invalid(`${what} needs a list, tuple or set argument.`);
}

/**
 * Applies the allowed callable `callable` to `args` (REDUCE).
 * @throws ModelError `E_CHECKPOINT_UNSAFE` when `callable` is not an allowed function.
 */
export function applyCallable(
  callable: PickleValue,
  args: PickleValue,
  ctx: ReduceContext,
  nested = false,
): PickleValue {
  if (!(callable instanceof GlobalRef) || callable.kind !== 'callable') {
    const what =
      callable instanceof GlobalRef
        ? `${callable.fullName} (a ${callable.kind}, which may only be created inertly)`
        : 'a value that is not an allowed function';
    throw new ModelError(
      'E_CHECKPOINT_UNSAFE',
      `The checkpoint asks to call ${what}; refused, nothing was executed.`,
      {
        details: { global: callable instanceof GlobalRef ? callable.fullName : undefined },
      },
    );
  }
  const name = callable.fullName;
  switch (callable.name) {
    case 'OrderedDict': {
      const a = argsOf(callable, args, 0, 1);
      const dict = new PyDict('collections.OrderedDict');
      if (a[0] !== undefined) {
        for (const pair of iterableItems(ctx, a[0], name)) {
          if (!Array.isArray(pair) || pair.length !== 2)
            throw invalid('OrderedDict items must be key/value pairs.');
          dict.set(pair[0] as PickleValue, pair[1] as PickleValue);
        }
      }
      return dict;
    }
    case '_rebuild_tensor':
    case '_rebuild_tensor_v2': {
      const a = argsOf(callable, args, 4, callable.name === '_rebuild_tensor' ? 4 : 7);
      return tensorHooks(ctx, callable).rebuildTensor(
        a[0] as PickleValue,
        a[1] as PickleValue,
        a[2] as PickleValue,
        a[3] as PickleValue,
      );
    }
    case '_rebuild_parameter':
    case '_rebuild_parameter_with_state': {
      const a = argsOf(
        callable,
        args,
        callable.name === '_rebuild_parameter' ? 3 : 4,
        callable.name === '_rebuild_parameter' ? 3 : 4,
      );
      const tensor = a[0] as PickleValue;
      if (!tensorHooks(ctx, callable).isTensor(tensor))
        throw invalid(`${name} needs a tensor as its first argument.`);
      return tensor;
    }
    case '_rebuild_from_type':
    case '_rebuild_from_type_v2': {
      const a = argsOf(callable, args, 4, 4);
      const type = a[1];
      if (
        !(type instanceof GlobalRef) ||
        !/^(?:torch\.Tensor|torch\.nn\.parameter\.Parameter)$/.test(type.fullName)
      ) {
        throw new ModelError(
          'E_CHECKPOINT_UNSAFE',
          `${name} with a tensor subclass other than Tensor/Parameter is refused.`,
        );
      }
      if (nested) throw new ModelError('E_CHECKPOINT_UNSAFE', `Nested ${name} calls are refused.`);
      return applyCallable(a[0] as PickleValue, a[2] as PickleValue, ctx, true);
    }
    case 'Parameter': {
      // torch < 1.0 pickled parameters as Parameter(data, requires_grad)
      const a = argsOf(callable, args, 1, 2);
      if (!tensorHooks(ctx, callable).isTensor(a[0] as PickleValue)) {
        throw invalid(`${name} needs a tensor as its first argument.`);
      }
      return a[0] as PickleValue;
    }
    case 'set':
    case 'frozenset': {
      const a = argsOf(callable, args, 0, 1);
      return new Set(a[0] === undefined ? [] : iterableItems(ctx, a[0], name));
    }
    case 'bytes': {
      argsOf(callable, args, 0, 0);
      return new Uint8Array(0);
    }
    case 'encode': {
      // Python 3 writes bytes under protocol < 3 as _codecs.encode(latin1_text, 'latin1').
      const a = argsOf(callable, args, 2, 2);
      if (typeof a[0] !== 'string' || (a[1] !== 'latin1' && a[1] !== 'latin-1')) {
        throw new ModelError(
          'E_CHECKPOINT_UNSAFE',
          '_codecs.encode is only allowed as encode(text, "latin1").',
        );
      }
      ctx.charge(a[0].length);
      const text = a[0];
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c > 0xff) throw invalid('_codecs.encode text is not latin-1.');
        out[i] = c;
      }
      return out;
    }
    case '_reconstructor':
      return reconstruct(callable, argsOf(callable, args, 3, 3), ctx);
    case 'Size': {
      const a = argsOf(callable, args, 0, 1);
      return makeTuple(a[0] === undefined ? [] : iterableItems(ctx, a[0], name));
    }
    case 'device': {
      const a = argsOf(callable, args, 1, 2);
      if (typeof a[0] !== 'string') throw invalid('torch.device needs a device name.');
      if (a[1] !== undefined && a[1] !== null && typeof a[1] !== 'number')
        throw invalid('torch.device index is not an integer.');
      return a[1] === undefined || a[1] === null ? a[0] : `${a[0]}:${a[1]}`;
    }
    case '_get_thnn_function_backend':
      argsOf(callable, args, 0, 0);
      return new InstanceRecord('torch.nn.backends.thnn.THNNFunctionBackend');
    default:
      throw new ModelError('E_CHECKPOINT_UNSAFE', `No inert interpretation of ${name}; refused.`);
  }
}

/** `copyreg._reconstructor(cls, base, state)`: an inert instance of an allowed class. */
function reconstruct(
  ref: GlobalRef,
  a: readonly PickleValue[],
  ctx: ReduceContext,
): InstanceRecord {
  const [cls, base, state] = a;
  if (!(cls instanceof GlobalRef) || cls.kind !== 'class') {
    const what = cls instanceof GlobalRef ? cls.fullName : 'a non-class value';
    throw new ModelError(
      'E_CHECKPOINT_UNSAFE',
      `${ref.fullName} of ${what} is refused; only allowed classes can be reconstructed.`,
    );
  }
  if (
    !(base instanceof GlobalRef) ||
    base.kind !== 'marker' ||
    !/\.(?:object|dict|list)$/.test(base.fullName)
  ) {
    throw new ModelError(
      'E_CHECKPOINT_UNSAFE',
      `${ref.fullName} with base ${base instanceof GlobalRef ? base.fullName : 'value'} is refused.`,
    );
  }
  const record = new InstanceRecord(cls.fullName);
  if (base.name === 'dict' && state instanceof PyDict) {
    ctx.charge(state.size);
    for (const [k, v] of state) record.dictItems.set(k, v);
  } else if (base.name === 'list' && isList(state)) {
    ctx.charge(state.length);
    for (const item of state) record.listItems.push(item);
  } else if (state !== null && state !== undefined) {
    throw invalid(`${ref.fullName} state does not match its base ${base.fullName}.`);
  }
  return record;
}
