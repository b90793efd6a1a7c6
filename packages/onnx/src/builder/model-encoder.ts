/**
 * Serialises a built graph as an ONNX `ModelProto`.
 * @internal
 */
import type { Tensor } from '@voirs/core';
import { ONNX_DTYPE_CODES, type OnnxDType } from '../dtypes.js';
import { ProtoMessage } from '../proto/proto-writer.js';
import {
  DIMENSION,
  GRAPH,
  MODEL,
  NODE,
  OPSET_ID,
  SHAPE,
  STRING_ENTRY,
  TENSOR_TYPE,
  TYPE,
  VALUE_INFO,
} from '../proto/onnx-fields.js';
import { encodeAttribute, type AttributeValue } from './attributes.js';
import { encodeTensor } from './tensor-proto.js';
import type { Dim, Value } from './value.js';

/** A declared graph input or output. */
export interface ValueDecl {
  readonly value: Value;
  readonly dtype: OnnxDType;
  readonly shape: readonly Dim[];
}

/** One node; `null` inputs are omitted optional inputs (encoded as ''). */
export interface NodeRecord {
  readonly opType: string;
  readonly domain: string;
  readonly name: string;
  readonly inputs: readonly (Value | null)[];
  readonly outputs: readonly Value[];
  readonly attributes: readonly (readonly [string, AttributeValue])[];
}

/** Everything that goes into the model, in output order. */
export interface ModelSpec {
  readonly irVersion: number;
  readonly opsets: readonly (readonly [string, number])[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number;
  readonly docString: string;
  readonly metadata: readonly (readonly [string, string])[];
  readonly graphName: string;
  readonly inputs: readonly ValueDecl[];
  readonly outputs: readonly ValueDecl[];
  readonly initializers: readonly { readonly value: Value; readonly tensor: Tensor }[];
  readonly nodes: readonly NodeRecord[];
}

function encodeValueInfo(decl: ValueDecl): ProtoMessage {
  const shape = new ProtoMessage();
  for (const d of decl.shape) {
    const dim = new ProtoMessage();
    if (typeof d === 'number') dim.varint(DIMENSION.value, d);
    else dim.string(DIMENSION.param, d);
    shape.message(SHAPE.dim, dim);
  }
  const tensorType = new ProtoMessage()
    .varint(TENSOR_TYPE.elemType, ONNX_DTYPE_CODES[decl.dtype])
    .message(TENSOR_TYPE.shape, shape);
  return new ProtoMessage()
    .string(VALUE_INFO.name, decl.value.name)
    .message(VALUE_INFO.type, new ProtoMessage().message(TYPE.tensorType, tensorType));
}

function encodeNode(node: NodeRecord): ProtoMessage {
  const m = new ProtoMessage();
  for (const input of node.inputs) m.string(NODE.input, input === null ? '' : input.name);
  for (const output of node.outputs) m.string(NODE.output, output.name);
  m.string(NODE.name, node.name).string(NODE.opType, node.opType);
  for (const [name, value] of node.attributes)
    m.message(NODE.attribute, encodeAttribute(name, value));
  if (node.domain !== '') m.string(NODE.domain, node.domain);
  return m;
}

/** Encodes the model; initializer data is copied once, straight into the returned buffer. */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const graph = new ProtoMessage();
  for (const node of spec.nodes) graph.message(GRAPH.node, encodeNode(node));
  graph.string(GRAPH.name, spec.graphName);
  for (const init of spec.initializers)
    graph.message(GRAPH.initializer, encodeTensor(init.value.name, init.tensor));
  for (const input of spec.inputs) graph.message(GRAPH.input, encodeValueInfo(input));
  for (const output of spec.outputs) graph.message(GRAPH.output, encodeValueInfo(output));

  const model = new ProtoMessage().varint(MODEL.irVersion, spec.irVersion);
  model.string(MODEL.producerName, spec.producerName);
  if (spec.producerVersion !== '') model.string(MODEL.producerVersion, spec.producerVersion);
  if (spec.domain !== '') model.string(MODEL.domain, spec.domain);
  if (spec.modelVersion !== 0) model.varint(MODEL.modelVersion, spec.modelVersion);
  if (spec.docString !== '') model.string(MODEL.docString, spec.docString);
  model.message(MODEL.graph, graph);
  for (const [domain, version] of spec.opsets) {
    const opset = new ProtoMessage();
    if (domain !== '') opset.string(OPSET_ID.domain, domain);
    model.message(MODEL.opsetImport, opset.varint(OPSET_ID.version, version));
  }
  for (const [key, value] of spec.metadata) {
    model.message(
      MODEL.metadataProps,
      new ProtoMessage().string(STRING_ENTRY.key, key).string(STRING_ENTRY.value, value),
    );
  }
  return model.encode();
}
