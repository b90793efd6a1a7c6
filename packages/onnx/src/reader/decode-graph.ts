/**
 * Decoding of `GraphProto`, `NodeProto`, `AttributeProto` and `ValueInfoProto`.
 * @internal
 */
import { dtypeFromCode } from '../dtypes.js';
import { ATTRIBUTE, ATTRIBUTE_TYPE, DIMENSION, GRAPH, NODE, SHAPE, TENSOR_TYPE, TYPE, VALUE_INFO } from '../proto/onnx-fields.js';
import { invalid, type ProtoReader } from '../proto/proto-reader.js';
import { decodeTensor } from './decode-tensor.js';
import type { OnnxAttribute, OnnxDim, OnnxGraphInfo, OnnxNodeInfo, OnnxTensorInfo, OnnxValueInfo } from './model-info.js';

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

function decodeValueInfo(r: ProtoReader): OnnxValueInfo {
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
  return { name, kind, dtype: kind === 'tensor' || kind === 'sparse_tensor' ? dtypeFromCode(elemType) : undefined, elemType, shape };
}

function decodeAttribute(r: ProtoReader): [string, OnnxAttribute] {
  let name = '';
  let type: number | undefined;
  const f: number[] = [];
  const i: (number | bigint)[] = [];
  const s: string[] = [];
  const t: OnnxTensorInfo[] = [];
  const g: OnnxGraphInfo[] = [];
  let set: number | undefined; // the singular field seen, to infer a missing type
  while (!r.done()) {
    const key = r.key();
    switch (key.field) {
      case ATTRIBUTE.name: name = r.string(key); break;
      case ATTRIBUTE.type: type = r.int(key, 'attribute type'); break;
      case ATTRIBUTE.f: f.push(r.float(key)); set = ATTRIBUTE_TYPE.float; break;
      case ATTRIBUTE.i: i.push(r.int64(key)); set = ATTRIBUTE_TYPE.int; break;
      case ATTRIBUTE.s: s.push(r.string(key)); set = ATTRIBUTE_TYPE.string; break;
      case ATTRIBUTE.t: t.push(decodeTensor(r.message(key))); set = ATTRIBUTE_TYPE.tensor; break;
      case ATTRIBUTE.g: g.push(decodeGraph(r.message(key))); set = ATTRIBUTE_TYPE.graph; break;
      case ATTRIBUTE.floats: r.floats(key, f); set ??= ATTRIBUTE_TYPE.floats; break;
      case ATTRIBUTE.ints: r.int64s(key, i); set ??= ATTRIBUTE_TYPE.ints; break;
      case ATTRIBUTE.strings: s.push(r.string(key)); set ??= ATTRIBUTE_TYPE.strings; break;
      case ATTRIBUTE.tensors: t.push(decodeTensor(r.message(key))); set ??= ATTRIBUTE_TYPE.tensors; break;
      case ATTRIBUTE.graphs: g.push(decodeGraph(r.message(key))); set ??= ATTRIBUTE_TYPE.graphs; break;
      default: r.skip(key);
    }
  }
  const code = type ?? set ?? ATTRIBUTE_TYPE.undefined;
  const one = <T>(list: T[]): T => list.at(-1) ?? invalid(`attribute '${name}' has no value`);
  switch (code) {
    case ATTRIBUTE_TYPE.float: return [name, { type: 'float', value: one(f) }];
    case ATTRIBUTE_TYPE.int: return [name, { type: 'int', value: one(i) }];
    case ATTRIBUTE_TYPE.string: return [name, { type: 'string', value: one(s) }];
    case ATTRIBUTE_TYPE.tensor: return [name, { type: 'tensor', value: one(t) }];
    case ATTRIBUTE_TYPE.graph: return [name, { type: 'graph', value: one(g) }];
    case ATTRIBUTE_TYPE.floats: return [name, { type: 'floats', value: f }];
    case ATTRIBUTE_TYPE.ints: return [name, { type: 'ints', value: i }];
    case ATTRIBUTE_TYPE.strings: return [name, { type: 'strings', value: s }];
    case ATTRIBUTE_TYPE.tensors: return [name, { type: 'tensors', value: t }];
    case ATTRIBUTE_TYPE.graphs: return [name, { type: 'graphs', value: g }];
    default: return [name, { type: 'other', typeCode: code }];
  }
}

function decodeNode(r: ProtoReader): OnnxNodeInfo {
  const node = { name: '', opType: '', domain: '', inputs: [] as string[], outputs: [] as string[] };
  const attributes: Record<string, OnnxAttribute> = Object.create(null) as Record<string, OnnxAttribute>;
  while (!r.done()) {
    const key = r.key();
    switch (key.field) {
      case NODE.input: node.inputs.push(r.string(key)); break;
      case NODE.output: node.outputs.push(r.string(key)); break;
      case NODE.name: node.name = r.string(key); break;
      case NODE.opType: node.opType = r.string(key); break;
      case NODE.domain: node.domain = r.string(key); break;
      case NODE.attribute: {
        const [name, value] = decodeAttribute(r.message(key));
        attributes[name] = value;
        break;
      }
      default: r.skip(key);
    }
  }
  if (node.opType === '') invalid(`node '${node.name}' has no op_type`);
  return { ...node, attributes };
}

/** Decodes a `GraphProto` (recursively, for subgraphs; depth is bounded by the reader). */
export function decodeGraph(r: ProtoReader): OnnxGraphInfo {
  let name = '';
  let docString = '';
  let sparseInitializerCount = 0;
  const inputs: OnnxValueInfo[] = [];
  const outputs: OnnxValueInfo[] = [];
  const valueInfo: OnnxValueInfo[] = [];
  const initializers: OnnxTensorInfo[] = [];
  const nodes: OnnxNodeInfo[] = [];
  while (!r.done()) {
    const key = r.key();
    switch (key.field) {
      case GRAPH.node: nodes.push(decodeNode(r.message(key))); break;
      case GRAPH.name: name = r.string(key); break;
      case GRAPH.initializer: initializers.push(decodeTensor(r.message(key))); break;
      case GRAPH.docString: docString = r.string(key); break;
      case GRAPH.input: inputs.push(decodeValueInfo(r.message(key))); break;
      case GRAPH.output: outputs.push(decodeValueInfo(r.message(key))); break;
      case GRAPH.valueInfo: valueInfo.push(decodeValueInfo(r.message(key))); break;
      case GRAPH.sparseInitializer: r.skip(key); sparseInitializerCount++; break;
      default: r.skip(key);
    }
  }
  const opCounts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const node of nodes) {
    const op = node.domain === '' || node.domain === 'ai.onnx' ? node.opType : `${node.domain}:${node.opType}`;
    opCounts[op] = (opCounts[op] ?? 0) + 1;
  }
  return { name, docString, inputs, outputs, valueInfo, initializers, sparseInitializerCount, nodes, opCounts };
}
