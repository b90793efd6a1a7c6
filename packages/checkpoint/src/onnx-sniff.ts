/**
 * A cheap, conservative test for an ONNX model (a protobuf `ModelProto`).
 *
 * Protobuf has no magic number, so the heuristic walks the top-level fields only (the graph is one
 * length-delimited field, so this touches a handful of bytes even for a large model) and accepts
 * the buffer when: the first field is `ir_version` (field 1, varint) with a value from 1 to 100;
 * every top-level field is a `ModelProto` field with its proper wire type (1 ir_version and
 * 5 model_version varints; 2-4, 6 strings; 7 graph; 8 opset_import; 14 metadata_props;
 * 20 training_info; 25 functions); every length fits and the fields end exactly at the end of
 * the buffer; and a `graph` (field 7) is present. Serializers write fields in number order, so
 * real models start with ir_version; random or other binary data almost never passes all checks.
 */
const VARINT_FIELDS = new Set([1, 5]);
const BYTES_FIELDS = new Set([2, 3, 4, 6, 7, 8, 14, 20, 25]);

/** Reads a varint at `at`; returns [value, next offset] or undefined when malformed. */
function varint(bytes: Uint8Array, at: number): [number, number] | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const b = bytes[at + i];
    if (b === undefined) return undefined;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return [value, at + i + 1];
  }
  return undefined;
}

/** True when `bytes` looks like a serialised ONNX ModelProto (see the module comment). */
export function looksLikeOnnx(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x08) return false;
  let at = 0;
  let hasGraph = false;
  let first = true;
  while (at < bytes.length) {
    const tag = varint(bytes, at);
    if (tag === undefined) return false;
    const field = Math.floor(tag[0] / 8);
    const wire = tag[0] % 8;
    at = tag[1];
    if (wire === 0 && VARINT_FIELDS.has(field)) {
      const v = varint(bytes, at);
      if (v === undefined) return false;
      if (first && (field !== 1 || v[0] < 1 || v[0] > 100)) return false;
      at = v[1];
    } else if (wire === 2 && BYTES_FIELDS.has(field)) {
      const len = varint(bytes, at);
      if (len === undefined || len[1] + len[0] > bytes.length) return false;
      at = len[1] + len[0];
      if (field === 7) hasGraph = true;
    } else {
      return false;
    }
    first = false;
  }
  return hasGraph && at === bytes.length;
}
