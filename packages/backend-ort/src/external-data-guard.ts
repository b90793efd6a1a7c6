/**
 * Refuses model bytes that keep tensor data in external files. Bytes carry no folder, and
 * onnxruntime then resolves external locations against the process's working directory: a model
 * naming `secret.bin` would load whatever file of that name the current directory holds.
 * `loadOnnxFile` / `resolveExternalData` from `@voirs/onnx/node` embed such data from the model's
 * own folder (and only from there) first.
 *
 * Walks every place a TensorProto can sit: graph initializers and sparse initializers, node
 * attributes (tensors, sparse tensors, subgraphs), model-local functions and training info. Kept byte-identical in
 * both backend packages' shared layer.
 */
import { FormatError } from '@voirs/core';
import { WireReader, invalid } from './model-metadata.js';

const WIRE_VARINT = 0;
const WIRE_LENGTH = 2;
const MAX_DEPTH = 64;

type Kind =
  'model' | 'training' | 'function' | 'graph' | 'node' | 'attribute' | 'sparse' | 'tensor';

/** Message fields holding nested messages, by message kind (onnx.proto field numbers). */
const CHILDREN: Record<Exclude<Kind, 'tensor'>, Readonly<Record<number, Kind>>> = {
  model: { 7: 'graph', 20: 'training', 25: 'function' },
  training: { 1: 'graph', 2: 'graph' },
  function: { 7: 'node' },
  graph: { 1: 'node', 5: 'tensor', 15: 'sparse' },
  node: { 5: 'attribute' },
  attribute: { 5: 'tensor', 6: 'graph', 10: 'tensor', 11: 'graph', 22: 'sparse', 23: 'sparse' },
  sparse: { 1: 'tensor', 2: 'tensor' },
};

const TENSOR_NAME = 8;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const DATA_LOCATION_EXTERNAL = 1;

function checkTensor(bytes: Uint8Array, start: number, end: number): void {
  const reader = new WireReader(bytes, start, end);
  let name = '';
  let external = false;
  while (!reader.done) {
    const [field, wire] = reader.key();
    if (field === TENSOR_NAME && wire === WIRE_LENGTH) {
      const [s, e] = reader.span();
      name = new TextDecoder().decode(bytes.subarray(s, e));
    } else if (field === TENSOR_DATA_LOCATION && wire === WIRE_VARINT) {
      if (reader.varint() === DATA_LOCATION_EXTERNAL) external = true;
    } else if (field === TENSOR_EXTERNAL_DATA && wire === WIRE_LENGTH) {
      reader.span();
      external = true;
    } else reader.skip(wire);
  }
  if (external) {
    throw new FormatError(
      'E_ONNX_EXTERNAL_DATA',
      `The model keeps the data of tensor '${name}' in an external file, which bytes cannot locate ` +
        '(onnxruntime would look in the current working directory). Load the model with loadOnnxFile() ' +
        "or resolveExternalData() from @voirs/onnx/node, which embed the data from the model's own folder.",
      { details: { tensor: name } },
    );
  }
}

function walk(bytes: Uint8Array, start: number, end: number, kind: Kind, depth: number): void {
  if (kind === 'tensor') return checkTensor(bytes, start, end);
  if (depth > MAX_DEPTH) throw invalid(`it nests messages deeper than ${MAX_DEPTH} levels`);
  const children = CHILDREN[kind];
  const reader = new WireReader(bytes, start, end);
  while (!reader.done) {
    const [field, wire] = reader.key();
    const child = children[field];
    if (child !== undefined && wire === WIRE_LENGTH)
      walk(bytes, ...reader.span(), child, depth + 1);
    else reader.skip(wire);
  }
}

/**
 * Throws when any tensor of the model refers to external data.
 * @throws FormatError `E_ONNX_EXTERNAL_DATA` naming the tensor; `E_ONNX_INVALID` for bytes that are
 * not a well-formed ModelProto.
 */
export function assertNoExternalData(model: Uint8Array): void {
  walk(model, 0, model.length, 'model', 0);
}
