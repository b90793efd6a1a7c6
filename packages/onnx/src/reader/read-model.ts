/**
 * Reads an ONNX `ModelProto` into an {@link OnnxModelInfo}.
 */
import { FUNCTION, MODEL, OPSET_ID, STRING_ENTRY } from '../proto/onnx-fields.js';
import { ProtoReader, invalid } from '../proto/proto-reader.js';
import { decodeGraph } from './decode-graph.js';
import type { OnnxGraphInfo, OnnxModelInfo, OnnxOpsetImport } from './model-info.js';

function decodeFunctionName(r: ProtoReader): string {
  let name = '';
  let domain = '';
  while (!r.done()) {
    const key = r.key();
    if (key.field === FUNCTION.name) name = r.string(key);
    else if (key.field === FUNCTION.domain) domain = r.string(key);
    else r.skip(key);
  }
  return domain === '' ? name : `${domain}:${name}`;
}

/**
 * Parses ONNX model bytes without copying tensor data, checking the wire format, that a graph and
 * an IR version are present, and that every tensor's data matches its dims and type.
 *
 * Any byte string either parses or throws, in time linear in its length.
 * @throws FormatError `E_ONNX_INVALID` for malformed bytes, including malformed external data
 * references (the files themselves are not read here).
 * @throws TypeError when `bytes` is not a Uint8Array.
 */
export function readOnnxModel(bytes: Uint8Array): OnnxModelInfo {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('readOnnxModel expects a Uint8Array');
  if (bytes.length === 0) invalid('the file is empty');
  const r = new ProtoReader(bytes);
  let irVersion = 0;
  let producerName = '';
  let producerVersion = '';
  let domain = '';
  let modelVersion: number | bigint = 0;
  let docString = '';
  let graph: OnnxGraphInfo | undefined;
  const opsetImports: OnnxOpsetImport[] = [];
  const metadata: Record<string, string> = Object.create(null) as Record<string, string>;
  const functions: string[] = [];
  while (!r.done()) {
    const key = r.key();
    switch (key.field) {
      case MODEL.irVersion:
        irVersion = r.int(key, 'ir_version');
        break;
      case MODEL.producerName:
        producerName = r.string(key);
        break;
      case MODEL.producerVersion:
        producerVersion = r.string(key);
        break;
      case MODEL.domain:
        domain = r.string(key);
        break;
      case MODEL.modelVersion:
        modelVersion = r.int64(key);
        break;
      case MODEL.docString:
        docString = r.string(key);
        break;
      case MODEL.graph:
        if (graph !== undefined) invalid('the model has two graph fields', key.start);
        graph = decodeGraph(r.message(key));
        break;
      case MODEL.opsetImport: {
        const o = r.message(key);
        const entry = { domain: '', version: 0 };
        while (!o.done()) {
          const k = o.key();
          if (k.field === OPSET_ID.domain) entry.domain = o.string(k);
          else if (k.field === OPSET_ID.version) entry.version = o.int(k, 'opset version');
          else o.skip(k);
        }
        opsetImports.push(entry);
        break;
      }
      case MODEL.metadataProps: {
        const m = r.message(key);
        let k = '';
        let v = '';
        while (!m.done()) {
          const mk = m.key();
          if (mk.field === STRING_ENTRY.key) k = m.string(mk);
          else if (mk.field === STRING_ENTRY.value) v = m.string(mk);
          else m.skip(mk);
        }
        metadata[k] = v;
        break;
      }
      case MODEL.functions:
        functions.push(decodeFunctionName(r.message(key)));
        break;
      default:
        r.skip(key);
    }
  }
  if (graph === undefined) invalid('the model has no graph');
  if (irVersion <= 0) invalid(`the model has no valid ir_version (${irVersion})`);
  return {
    irVersion,
    opsetImports,
    producerName,
    producerVersion,
    domain,
    modelVersion,
    docString,
    metadata,
    graph,
    functions,
  };
}
