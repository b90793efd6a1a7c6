/**
 * Decoding of `GraphProto`, `NodeProto` and `AttributeProto`.
 * @internal
 */
import { ATTRIBUTE, ATTRIBUTE_TYPE, GRAPH, NODE } from '../proto/onnx-fields.js';
import { invalid, type ProtoReader } from '../proto/proto-reader.js';
import { decodeTensor } from './decode-tensor.js';
import { decodeValueInfo } from './decode-value-info.js';
import type {
  OnnxAttribute,
  OnnxGraphInfo,
  OnnxNodeInfo,
  OnnxTensorInfo,
  OnnxValueInfo,
} from './model-info.js';

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
      case ATTRIBUTE.name:
        name = r.string(key);
        break;
      case ATTRIBUTE.type:
        type = r.int(key, 'attribute type');
        break;
      case ATTRIBUTE.f:
        f.push(r.float(key));
        set = ATTRIBUTE_TYPE.float;
        break;
      case ATTRIBUTE.i:
        i.push(r.int64(key));
        set = ATTRIBUTE_TYPE.int;
        break;
      case ATTRIBUTE.s:
        s.push(r.string(key));
        set = ATTRIBUTE_TYPE.string;
        break;
      case ATTRIBUTE.t:
        t.push(decodeTensor(r.message(key)));
        set = ATTRIBUTE_TYPE.tensor;
        break;
      case ATTRIBUTE.g:
        g.push(decodeGraph(r.message(key)));
        set = ATTRIBUTE_TYPE.graph;
        break;
      case ATTRIBUTE.floats:
        r.floats(key, f);
        set ??= ATTRIBUTE_TYPE.floats;
        break;
      case ATTRIBUTE.ints:
        r.int64s(key, i);
        set ??= ATTRIBUTE_TYPE.ints;
        break;
      case ATTRIBUTE.strings:
        s.push(r.string(key));
        set ??= ATTRIBUTE_TYPE.strings;
        break;
      case ATTRIBUTE.tensors:
        t.push(decodeTensor(r.message(key)));
        set ??= ATTRIBUTE_TYPE.tensors;
        break;
      case ATTRIBUTE.graphs:
        g.push(decodeGraph(r.message(key)));
        set ??= ATTRIBUTE_TYPE.graphs;
        break;
      default:
        r.skip(key);
    }
  }
  const code = type ?? set ?? ATTRIBUTE_TYPE.undefined;
  const one = <T>(list: T[]): T => list.at(-1) ?? invalid(`attribute '${name}' has no value`);
  switch (code) {
    case ATTRIBUTE_TYPE.float:
      return [name, { type: 'float', value: one(f) }];
    case ATTRIBUTE_TYPE.int:
      return [name, { type: 'int', value: one(i) }];
    case ATTRIBUTE_TYPE.string:
      return [name, { type: 'string', value: one(s) }];
    case ATTRIBUTE_TYPE.tensor:
      return [name, { type: 'tensor', value: one(t) }];
    case ATTRIBUTE_TYPE.graph:
      return [name, { type: 'graph', value: one(g) }];
    case ATTRIBUTE_TYPE.floats:
      return [name, { type: 'floats', value: f }];
    case ATTRIBUTE_TYPE.ints:
      return [name, { type: 'ints', value: i }];
    case ATTRIBUTE_TYPE.strings:
      return [name, { type: 'strings', value: s }];
    case ATTRIBUTE_TYPE.tensors:
      return [name, { type: 'tensors', value: t }];
    case ATTRIBUTE_TYPE.graphs:
      return [name, { type: 'graphs', value: g }];
    default:
      return [name, { type: 'other', typeCode: code }];
  }
}

function decodeNode(r: ProtoReader): OnnxNodeInfo {
  const node = {
    name: '',
    opType: '',
    domain: '',
    inputs: [] as string[],
    outputs: [] as string[],
  };
  const attributes: Record<string, OnnxAttribute> = Object.create(null) as Record<
    string,
    OnnxAttribute
  >;
  while (!r.done()) {
    const key = r.key();
    switch (key.field) {
      case NODE.input:
        node.inputs.push(r.string(key));
        break;
      case NODE.output:
        node.outputs.push(r.string(key));
        break;
      case NODE.name:
        node.name = r.string(key);
        break;
      case NODE.opType:
        node.opType = r.string(key);
        break;
      case NODE.domain:
        node.domain = r.string(key);
        break;
      case NODE.attribute: {
        const [name, value] = decodeAttribute(r.message(key));
        attributes[name] = value;
        break;
      }
      default:
        r.skip(key);
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
      case GRAPH.node:
        nodes.push(decodeNode(r.message(key)));
        break;
      case GRAPH.name:
        name = r.string(key);
        break;
      case GRAPH.initializer:
        initializers.push(decodeTensor(r.message(key)));
        break;
      case GRAPH.docString:
        docString = r.string(key);
        break;
      case GRAPH.input:
        inputs.push(decodeValueInfo(r.message(key)));
        break;
      case GRAPH.output:
        outputs.push(decodeValueInfo(r.message(key)));
        break;
      case GRAPH.valueInfo:
        valueInfo.push(decodeValueInfo(r.message(key)));
        break;
      case GRAPH.sparseInitializer:
        r.skip(key);
        sparseInitializerCount++;
        break;
      default:
        r.skip(key);
    }
  }
  const opCounts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const node of nodes) {
    const op =
      node.domain === '' || node.domain === 'ai.onnx'
        ? node.opType
        : `${node.domain}:${node.opType}`;
    opCounts[op] = (opCounts[op] ?? 0) + 1;
  }
  return {
    name,
    docString,
    inputs,
    outputs,
    valueInfo,
    initializers,
    sparseInitializerCount,
    nodes,
    opCounts,
  };
}
