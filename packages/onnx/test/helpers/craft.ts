/**
 * Hand-made ONNX bytes for reader and external-data tests, written with the package's own wire
 * encoder (field numbers from onnx.proto).
 */
import { ProtoMessage } from '../../src/proto/proto-writer.js';

/** An external data reference; values are written verbatim as strings. */
export interface ExternalRef {
  location?: string;
  offset?: string;
  length?: string;
}

function valueInfo(name: string, dims: number[]): ProtoMessage {
  const shape = new ProtoMessage();
  for (const d of dims) shape.message(1, new ProtoMessage().varint(1, d));
  const tensorType = new ProtoMessage().varint(1, 1).message(2, shape);
  return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
}

/** A float32 tensor whose data lives in an external file. */
export function externalTensor(name: string, dims: number[], ref: ExternalRef): ProtoMessage {
  const t = new ProtoMessage();
  for (const d of dims) t.varint(1, d);
  t.varint(2, 1).string(8, name);
  for (const [key, value] of Object.entries(ref)) {
    if (value !== undefined) t.message(13, new ProtoMessage().string(1, key).string(2, value));
  }
  return t.varint(14, 1);
}

/**
 * A model `y = Identity(w)` whose initializer `w` (float32[n]) is external, or, with `inAttribute`,
 * `y = Constant()` holding the external tensor as its `value` attribute.
 */
export function externalModel(ref: ExternalRef, n = 2, inAttribute = false): Uint8Array {
  const tensor = externalTensor('w', [n], ref);
  const graph = new ProtoMessage();
  if (inAttribute) {
    const a = new ProtoMessage().string(1, 'value').message(5, tensor).varint(20, 4);
    graph.message(1, new ProtoMessage().string(2, 'y').string(4, 'Constant').message(5, a));
  } else {
    graph.message(1, new ProtoMessage().string(1, 'w').string(2, 'y').string(4, 'Identity'));
  }
  graph.string(2, 'external');
  if (!inAttribute) graph.message(5, tensor);
  graph.message(12, valueInfo('y', [n]));
  return new ProtoMessage()
    .varint(1, 8)
    .string(2, 'craft')
    .message(7, graph)
    .message(8, new ProtoMessage().varint(2, 17))
    .encode();
}

/** A model whose graph nests `depth` If-style subgraphs through graph attributes. */
export function nestedModel(depth: number): Uint8Array {
  let graph = new ProtoMessage().string(2, 'leaf');
  for (let i = 0; i < depth; i++) {
    const a = new ProtoMessage().string(1, 'then_branch').message(6, graph).varint(20, 5);
    graph = new ProtoMessage()
      .message(1, new ProtoMessage().string(4, 'If').message(5, a))
      .string(2, `g${i}`);
  }
  return new ProtoMessage().varint(1, 8).message(7, graph).encode();
}
