/**
 * Decoding of `ValueInfoProto` and its `TypeProto` / `TensorShapeProto`.
 * @internal
 */
import { dtypeFromCode } from '../dtypes.js';
import { DIMENSION, SHAPE, TENSOR_TYPE, TYPE, VALUE_INFO } from '../proto/onnx-fields.js';
import { invalid, type ProtoReader } from '../proto/proto-reader.js';
import type { OnnxDim, OnnxValueInfo } from './model-info.js';

const KIND_BY_FIELD = new Map<number, OnnxValueInfo['kind']>([
  [TYPE.tensorType, 'tensor'],
  [TYPE.sparseTensorType, 'sparse_tensor'],
  [TYPE.sequenceType, 'sequence'],
  [TYPE.mapType, 'map'],
  [TYPE.optionalType, 'optional'],
]);

function decodeShape(r: ProtoReader): OnnxDim[] {
  const dims: OnnxDim[] = [];
  while (!r.done()) {
    const key = r.key();
    if (key.field !== SHAPE.dim) {
      r.skip(key);
      continue;
    }
    const d = r.message(key);
    let dim: OnnxDim = null;
    while (!d.done()) {
      const dk = d.key();
      if (dk.field === DIMENSION.value) {
        const v = d.int64(dk);
        if (typeof v === 'bigint') invalid(`dimension ${v} is out of range`, dk.start);
        dim = v >= 0 ? v : null; // some exporters write -1 for "unknown"
      } else if (dk.field === DIMENSION.param) dim = d.string(dk);
      else d.skip(dk);
    }
    dims.push(dim);
  }
  return dims;
}

/** Decodes a `ValueInfoProto` (name, kind, element type and shape). */
export function decodeValueInfo(r: ProtoReader): OnnxValueInfo {
  let name = '';
  let kind: OnnxValueInfo['kind'] = 'none';
  let elemType = 0;
  let shape: OnnxDim[] | undefined;
  while (!r.done()) {
    const key = r.key();
    if (key.field === VALUE_INFO.name) name = r.string(key);
    else if (key.field === VALUE_INFO.type) {
      const t = r.message(key);
      while (!t.done()) {
        const tk = t.key();
        const k = KIND_BY_FIELD.get(tk.field);
        if (k === undefined) {
          t.skip(tk);
          continue;
        }
        kind = k;
        if (k !== 'tensor' && k !== 'sparse_tensor') {
          t.skip(tk);
          continue;
        }
        const tensor = t.message(tk);
        while (!tensor.done()) {
          const ek = tensor.key();
          if (ek.field === TENSOR_TYPE.elemType) elemType = tensor.int(ek, 'elem_type');
          else if (ek.field === TENSOR_TYPE.shape) shape = decodeShape(tensor.message(ek));
          else tensor.skip(ek);
        }
      }
    } else r.skip(key);
  }
  return {
    name,
    kind,
    dtype: kind === 'tensor' || kind === 'sparse_tensor' ? dtypeFromCode(elemType) : undefined,
    elemType,
    shape,
  };
}
