/**
 * Rewrites a model whose initializers keep their data in external files into a self-contained
 * model with the data in `raw_data`. Loading the bytes is delegated to a loader, so that the Node
 * entry can confine it to the model's folder and a browser app can fetch.
 */
import { FormatError } from '@voirs/core';
import { GRAPH, MODEL, TENSOR } from '../proto/onnx-fields.js';
import { ProtoReader, WIRE, type FieldKey } from '../proto/proto-reader.js';
import { ProtoMessage } from '../proto/proto-writer.js';
import type { OnnxExternalData, OnnxGraphInfo, OnnxTensorInfo } from '../reader/model-info.js';
import { readOnnxModel } from '../reader/read-model.js';

/** Loads the bytes of one external tensor (exactly `ref.length` bytes when a length is given). */
export type ExternalDataLoader = (ref: OnnxExternalData, tensorName: string) => Promise<Uint8Array>;

/** The largest model protobuf allows (2 GiB - 1). */
const MAX_MODEL_BYTES = 0x7fffffff;

function externalError(message: string, details: Record<string, unknown> = {}): never {
  throw new FormatError('E_ONNX_EXTERNAL_DATA', message, { details });
}

/** Refuses external tensors outside the main graph's initializers (node attributes, subgraphs). */
function checkNoNestedExternal(graph: OnnxGraphInfo, nested: boolean): void {
  if (nested && graph.initializers.some((t) => t.storage === 'external')) {
    externalError(
      'External data in a subgraph initializer is not supported; embed it with the onnx tools first.',
    );
  }
  for (const node of graph.nodes) {
    for (const [name, a] of Object.entries(node.attributes)) {
      const tensors = a.type === 'tensor' ? [a.value] : a.type === 'tensors' ? a.value : [];
      if (tensors.some((t) => t.storage === 'external')) {
        externalError(
          `External data in attribute '${name}' of node '${node.name}' is not supported.`,
        );
      }
      const graphs = a.type === 'graph' ? [a.value] : a.type === 'graphs' ? a.value : [];
      for (const g of graphs) checkNoNestedExternal(g, true);
    }
  }
}

type Edit = (key: FieldKey, body: ProtoReader | undefined) => ProtoMessage | 'keep' | 'drop';

/** Copies a message field by field, verbatim unless `edit` drops or replaces the field. */
function rewrite(r: ProtoReader, edit: Edit): ProtoMessage {
  const out = new ProtoMessage();
  while (!r.done()) {
    const key = r.key();
    let body: ProtoReader | undefined;
    if (key.wire === WIRE.len) body = r.message(key);
    else r.skip(key);
    const decision = edit(key, body);
    if (decision === 'keep') out.raw(r.buf.subarray(key.start, r.pos));
    else if (decision !== 'drop') out.message(key.field, decision);
  }
  return out;
}

/**
 * Returns `model` with every external initializer's data embedded, or `model` itself when it has
 * none. Every other field is kept byte for byte.
 * @throws FormatError `E_ONNX_EXTERNAL_DATA` when data is missing, of the wrong size, referenced
 * from an unsupported place, or too large to embed (over 2 GiB); `E_ONNX_INVALID` for a malformed model.
 */
export async function embedExternalData(
  model: Uint8Array,
  load: ExternalDataLoader,
): Promise<Uint8Array> {
  const info = readOnnxModel(model);
  checkNoNestedExternal(info.graph, false);
  const external = info.graph.initializers.filter((t) => t.storage === 'external');
  if (external.length === 0) return model;

  const checkTotal = (total: number): void => {
    if (total > MAX_MODEL_BYTES) {
      externalError(
        `Embedding the external data would make a model of over ${total} bytes, beyond protobuf's 2 GiB limit; ` +
          'load the model with its external files instead.',
      );
    }
  };
  let total = model.length;
  for (const t of external) total += t.byteLength ?? 0;
  checkTotal(total);
  total = model.length;
  const loaded = new Map<OnnxTensorInfo, Uint8Array>();
  for (const t of external) {
    const bytes = await load(t.external!, t.name);
    if (t.byteLength !== undefined && bytes.length !== t.byteLength) {
      externalError(
        `External data of tensor '${t.name}' has ${bytes.length} bytes; ${t.dtype}[${t.dims.join(', ')}] needs ${t.byteLength}.`,
        { tensor: t.name },
      );
    }
    checkTotal((total += bytes.length));
    loaded.set(t, bytes);
  }

  // Initializers are visited in file order, the order readOnnxModel listed them in.
  let index = 0;
  const tensor = (body: ProtoReader, data: Uint8Array): ProtoMessage =>
    rewrite(body, (key) =>
      key.field === TENSOR.externalData || key.field === TENSOR.dataLocation ? 'drop' : 'keep',
    ).bytes(TENSOR.rawData, data);
  const graph = (body: ProtoReader): ProtoMessage =>
    rewrite(body, (key, field) => {
      if (key.field !== GRAPH.initializer || field === undefined) return 'keep';
      const data = loaded.get(info.graph.initializers[index++]!);
      return data === undefined ? 'keep' : tensor(field, data);
    });
  const result = rewrite(new ProtoReader(model), (key, body) =>
    key.field === MODEL.graph && body !== undefined ? graph(body) : 'keep',
  );
  if (result.byteLength() > MAX_MODEL_BYTES) checkTotal(result.byteLength());
  return result.encode();
}
