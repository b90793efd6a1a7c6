/**
 * Canonical JSON of an unpickled value, mirroring `canon()` in
 * tools/reference/checkpoint_common.py so that goldens can be compared structurally.
 */
import {
  GlobalRef,
  InstanceRecord,
  PyDict,
  isTensorData,
  isTuple,
  type PickleValue,
} from '../../src/index.js';
import { tensorBytes, toFloat32 } from '../../src/index.js';
import { sha256 } from './fixtures.js';

function num(v: number): number | string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return v;
}

export function canon(v: PickleValue): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return { $num: num(v) };
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('hex') };
  if (isTensorData(v)) {
    const values =
      v.dtype === 'int64'
        ? [...v.data].map(String)
        : v.dtype === 'bool'
          ? [...v.data]
          : [...toFloat32(v)].map(num);
    return {
      $tensor: { dtype: v.dtype, shape: [...v.shape], sha256: sha256(tensorBytes(v)), values },
    };
  }
  if (v instanceof PyDict) {
    const items = [...v].map(([k, x]) => [canon(k), canon(x)]);
    if (v.pyClass === 'dict') return { $dict: items };
    const out: Record<string, unknown> = { $odict: items };
    if (v.attributes.has('_metadata'))
      out['$attrs'] = { _metadata: canon(v.attributes.get('_metadata') as PickleValue) };
    return out;
  }
  if (isTuple(v)) return { $tuple: v.map(canon) };
  if (Array.isArray(v)) return { $list: (v as PickleValue[]).map(canon) };
  if (v instanceof Set) {
    const items = [...v].map(canon);
    return { $set: items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) };
  }
  if (v instanceof InstanceRecord) return { $instance: v.className };
  if (v instanceof GlobalRef) return { $global: v.fullName };
  return { $opaque: String(v) };
}

/** Float32-rounds the float values of tensors in a golden (TS compares after toFloat32). */
export function roundGolden(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(roundGolden);
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  if ('$tensor' in obj) {
    const t = obj['$tensor'] as { dtype: string; values: unknown[] };
    const values =
      t.dtype === 'int64' || t.dtype === 'bool'
        ? t.values
        : t.values.map((x) => (typeof x === 'number' ? Math.fround(x) : x));
    return { $tensor: { ...t, values } };
  }
  return Object.fromEntries(Object.entries(obj).map(([k, x]) => [k, roundGolden(x)]));
}
