/**
 * Extraction of PyTorch-style state dicts (dotted names to tensors) from an unpickled checkpoint,
 * whether it stores a state dict or a whole pickled module (NVIDIA WaveGlow).
 */
import { FormatError } from '@voirs/core';
import { InstanceRecord, PyDict, describeValue, type PickleValue } from '../pickle/values.js';
import { isTensorData, type TensorData } from '../tensor-data.js';

/** Keys under which training scripts store the weights, tried in this order. */
export const STATE_DICT_KEYS = ['generator', 'model', 'state_dict'] as const;
const MAX_DEPTH = 64;
/** Bound on nodes visited, so that shared sub-trees (a DAG) cannot blow up exponentially. */
const MAX_VISITS = 1_000_000;

interface Walk {
  visiting: Set<object>;
  visits: number;
}

function enter(walk: Walk, node: object, depth: number): void {
  if (depth > MAX_DEPTH)
    throw invalid(`The checkpoint nests dicts or modules more than ${MAX_DEPTH} deep.`);
  if (walk.visiting.has(node)) throw invalid('The checkpoint contains a reference cycle.');
  if (++walk.visits > MAX_VISITS)
    throw invalid(
      `The checkpoint's object tree has more than ${MAX_VISITS} nodes (shared sub-trees?).`,
    );
  walk.visiting.add(node);
}

function invalid(message: string): FormatError {
  return new FormatError('E_CHECKPOINT_INVALID', message);
}

/** A dict key as a path component (strings and numbers as is, anything else described). */
function keyText(key: PickleValue): string {
  return typeof key === 'string' || typeof key === 'number' ? String(key) : describeValue(key);
}

function describeKeys(dict: PyDict): string {
  const keys = [...dict.keys()].map((k) => (typeof k === 'string' ? k : describeValue(k)));
  return keys.length === 0
    ? '(none)'
    : keys.slice(0, 20).join(', ') + (keys.length > 20 ? ', …' : '');
}

/** True when `value` is a pickled `torch.nn.Module` (it has `_parameters` or `_modules`). */
export function isModuleRecord(value: unknown): value is InstanceRecord {
  return (
    value instanceof InstanceRecord &&
    (value.attributes.get('_parameters') instanceof PyDict ||
      value.attributes.get('_modules') instanceof PyDict)
  );
}

/**
 * The part of a checkpoint that holds the weights: `object[key]` when `key` is given, else the
 * value under `generator`, `model` or `state_dict` (first present), else the object itself.
 * @throws FormatError `E_CHECKPOINT_INVALID` when `key` is missing.
 */
export function weightsRoot(object: PickleValue, key?: string): PickleValue {
  if (key !== undefined) {
    if (typeof key !== 'string') throw new TypeError('stateDict key must be a string.');
    if (!(object instanceof PyDict) || !object.has(key)) {
      const have = object instanceof PyDict ? describeKeys(object) : 'the checkpoint is not a dict';
      throw invalid(`The checkpoint has no "${key}" entry (it has: ${have}).`);
    }
    return object.get(key) as PickleValue;
  }
  if (object instanceof PyDict) {
    for (const k of STATE_DICT_KEYS) if (object.has(k)) return object.get(k) as PickleValue;
  }
  return object;
}

/**
 * A state dict (`name -> tensor`, in PyTorch order) from an unpickled checkpoint.
 *
 * The weights are looked up with {@link weightsRoot}. A dict contributes its tensor values
 * (nested dicts are flattened with dots, other values such as step counters are skipped); a
 * pickled module contributes `_parameters`, persistent `_buffers` and then its `_modules`
 * recursively, named like `module.state_dict()` would name them.
 * @throws FormatError `E_CHECKPOINT_INVALID` when nothing there holds a tensor.
 */
export function stateDict(object: PickleValue, key?: string): Map<string, TensorData> {
  const root = weightsRoot(object, key);
  const out = new Map<string, TensorData>();
  collect(root, '', out, { visiting: new Set(), visits: 0 }, 0);
  if (out.size === 0) {
    const where =
      key ??
      (object instanceof PyDict
        ? `the checkpoint (keys: ${describeKeys(object)})`
        : 'the checkpoint');
    throw invalid(`No tensors found under ${where}; pass the key that holds the state dict.`);
  }
  return out;
}

function collect(
  value: PickleValue,
  prefix: string,
  out: Map<string, TensorData>,
  walk: Walk,
  depth: number,
): void {
  if (isTensorData(value)) {
    if (prefix === '') throw invalid('The checkpoint is a single tensor, not a state dict.');
    out.set(prefix, value);
    return;
  }
  if (!(value instanceof PyDict) && !(value instanceof InstanceRecord)) return;
  enter(walk, value, depth);
  const name = (k: PickleValue): string => (prefix === '' ? keyText(k) : `${prefix}.${keyText(k)}`);
  if (value instanceof PyDict) {
    for (const [k, v] of value)
      if (typeof k === 'string' || typeof k === 'number') collect(v, name(k), out, walk, depth + 1);
  } else if (isModuleRecord(value)) {
    const params = value.attributes.get('_parameters');
    const buffers = value.attributes.get('_buffers');
    const skip = value.attributes.get('_non_persistent_buffers_set');
    for (const [group, dict] of [
      ['_parameters', params],
      ['_buffers', buffers],
    ] as const) {
      if (!(dict instanceof PyDict)) continue;
      for (const [k, v] of dict) {
        if (v === null || (group === '_buffers' && skip instanceof Set && skip.has(k))) continue;
        if (!isTensorData(v))
          throw invalid(`${value.className} ${group} entry ${keyText(k)} is not a tensor.`);
        out.set(name(k), v);
      }
    }
    const modules = value.attributes.get('_modules');
    if (modules instanceof PyDict) {
      for (const [k, v] of modules) if (v !== null) collect(v, name(k), out, walk, depth + 1);
    }
  }
  walk.visiting.delete(value);
}

/**
 * The module records of a whole pickled module, by dotted path (`''` for the root), so that a
 * model package can read configuration attributes (`n_flows`, `n_group`, kernel sizes…) and
 * weight-norm hooks (`_forward_pre_hooks`).
 * @throws FormatError `E_CHECKPOINT_INVALID` when the weights are not a pickled module.
 */
export function moduleRecords(object: PickleValue, key?: string): Map<string, InstanceRecord> {
  const root = weightsRoot(object, key);
  if (!isModuleRecord(root))
    throw invalid('The checkpoint does not hold a pickled torch.nn.Module.');
  const out = new Map<string, InstanceRecord>();
  const state: Walk = { visiting: new Set(), visits: 0 };
  const visit = (record: InstanceRecord, path: string, depth: number): void => {
    enter(state, record, depth);
    out.set(path, record);
    const modules = record.attributes.get('_modules');
    if (modules instanceof PyDict) {
      for (const [k, v] of modules) {
        if (isModuleRecord(v))
          visit(v, path === '' ? keyText(k) : `${path}.${keyText(k)}`, depth + 1);
      }
    }
    state.visiting.delete(record);
  };
  visit(root, '', 0);
  return out;
}
