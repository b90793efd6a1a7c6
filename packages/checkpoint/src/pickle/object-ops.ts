/**
 * The object-protocol opcodes of the safe unpickler: instantiating allowed classes inertly,
 * filling containers and applying BUILD state. None of them looks up or calls a method.
 */
import { FormatError, ModelError } from '@voirs/core';
import type { ReduceContext } from './reduce.js';
import { GlobalRef, InstanceRecord, PyDict, isList, isTuple, type PickleValue } from './values.js';

function invalid(message: string): FormatError {
  return new FormatError('E_CHECKPOINT_INVALID', `Malformed pickle: ${message}`);
}

/** NEWOBJ/INST/OBJ: an inert record of an allowed class (no constructor runs). */
export function instantiate(
  ctx: ReduceContext,
  cls: PickleValue,
  args: PickleValue,
  opcode: string,
): PickleValue {
  if (cls instanceof GlobalRef && cls.fullName === 'collections.OrderedDict')
    return new PyDict(cls.fullName);
  if (!(cls instanceof GlobalRef) || cls.kind !== 'class') {
    const what = cls instanceof GlobalRef ? cls.fullName : 'a value that is not a class';
    throw new ModelError(
      'E_CHECKPOINT_UNSAFE',
      `${opcode} of ${what} is refused: only allowed classes can be instantiated (inertly).`,
      {
        details: { global: cls instanceof GlobalRef ? cls.fullName : undefined },
      },
    );
  }
  if (!isTuple(args)) throw invalid(`${opcode} needs an argument tuple.`);
  const record = new InstanceRecord(cls.fullName);
  ctx.charge(args.length);
  for (const a of args) record.newArgs.push(a);
  return record;
}

/** APPEND(S): onto a list, or into a list subclass record. */
export function appendItems(target: PickleValue, items: PickleValue[]): void {
  if (isList(target)) for (const item of items) target.push(item);
  else if (target instanceof InstanceRecord) for (const item of items) target.listItems.push(item);
  else throw invalid('APPEND(S) on something that is not a list.');
}

/** SETITEM(S): into a dict, or into a dict subclass record. */
export function setItems(target: PickleValue, items: PickleValue[]): void {
  if (items.length % 2 !== 0) throw invalid('SETITEMS with an odd number of items.');
  const map =
    target instanceof PyDict
      ? target
      : target instanceof InstanceRecord
        ? target.dictItems
        : undefined;
  if (map === undefined) throw invalid('SETITEM(S) on something that is not a dict.');
  for (let i = 0; i < items.length; i += 2)
    map.set(items[i] as PickleValue, items[i + 1] as PickleValue);
}

/** BUILD: copies `__dict__` (and slot) state into a record or an OrderedDict's attributes. */
export function build(ctx: ReduceContext, target: PickleValue, state: PickleValue): void {
  let dictState: PickleValue = state;
  let slotState: PickleValue = null;
  if (isTuple(state) && state.length === 2) {
    dictState = state[0] as PickleValue;
    slotState = state[1] as PickleValue;
  }
  if (target instanceof GlobalRef) {
    throw new ModelError(
      'E_CHECKPOINT_UNSAFE',
      `BUILD on the global ${target.fullName} (setting attributes of a class or function) is refused.`,
      {
        details: { global: target.fullName },
      },
    );
  }
  const attributes =
    target instanceof InstanceRecord || target instanceof PyDict ? target.attributes : undefined;
  if (attributes === undefined) {
    if (ctx.tensors?.isTensor(target))
      throw new FormatError(
        'E_CHECKPOINT_UNSUPPORTED',
        'BUILD on a tensor (tensor state) is not supported.',
      );
    throw invalid('BUILD on a value that has no attributes.');
  }
  copyState(ctx, attributes, dictState);
  if (slotState !== null) {
    if (!(target instanceof InstanceRecord)) throw invalid('slot state on a dict.');
    copyState(ctx, target.slots, slotState);
  }
}

/**
 * Copies BUILD state into `into`. The state is a dict, or a dict-subclass record: a class such
 * as DiffWave's `AttrDict` sets `self.__dict__ = self`, so its pickled state is the instance.
 */
function copyState(ctx: ReduceContext, into: Map<string, PickleValue>, state: PickleValue): void {
  if (state === null) return;
  const items =
    state instanceof PyDict ? state : state instanceof InstanceRecord ? state.dictItems : undefined;
  if (items === undefined) throw invalid('BUILD state is not a dict.');
  ctx.charge(items.size);
  for (const [key, value] of items) {
    if (typeof key !== 'string') throw invalid('BUILD state has a non-string attribute name.');
    into.set(key, value);
  }
}
