/**
 * Moves an ONNX model's initializers into "external data" with any `location` (`../x`, `/abs`,
 * `a/../../x`, a symlink…): the hostile models of the confinement tests. A minimal protobuf
 * field walker (ModelProto.graph = 7, GraphProto.initializer = 5, TensorProto.name = 8,
 * raw_data = 9, external_data = 13, data_location = 14).
 */

interface Field {
  readonly field: number;
  readonly wire: number;
  /** The whole field (key and value). */
  readonly raw: Uint8Array;
  /** The payload of a length-delimited field. */
  readonly body?: Uint8Array;
}

function varint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let pos = at; pos < bytes.length; pos++) {
    const b = bytes[pos]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, pos + 1];
    scale *= 128;
  }
  throw new Error('truncated varint');
}

function encodeVarint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function fieldsOf(bytes: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const start = pos;
    const [key, afterKey] = varint(bytes, pos);
    const wire = key % 8;
    pos = afterKey;
    let body: Uint8Array | undefined;
    if (wire === 0) pos = varint(bytes, pos)[1];
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const [length, afterLength] = varint(bytes, pos);
      body = bytes.subarray(afterLength, afterLength + length);
      pos = afterLength + length;
    } else throw new Error(`wire type ${wire}`);
    out.push({
      field: Math.floor(key / 8),
      wire,
      raw: bytes.subarray(start, pos),
      ...(body ? { body } : {}),
    });
  }
  return out;
}

function concat(parts: readonly (Uint8Array | number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, p) => n + p.length, 0));
  arrays.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

const lengthField = (field: number, body: Uint8Array) =>
  concat([encodeVarint(field * 8 + 2), encodeVarint(body.length), body]);
const stringField = (field: number, text: string) =>
  lengthField(field, new TextEncoder().encode(text));
const varintField = (field: number, value: number) =>
  Uint8Array.from([...encodeVarint(field * 8), ...encodeVarint(value)]);

/** The result: the rewritten model and, per location, the bytes the tensor data would need. */
export interface ExternalizedModel {
  readonly model: Uint8Array;
  /** The raw data moved out, concatenated in initializer order (offset 0 is the first). */
  readonly data: Uint8Array;
}

/**
 * Moves the raw data of every initializer (of at least `minBytes`) to external data at
 * `location`, packed one after another from offset 0.
 */
export function externalizeInitializers(
  model: Uint8Array,
  location: string,
  minBytes = 64,
): ExternalizedModel {
  const moved: Uint8Array[] = [];
  let offset = 0;
  const rewriteTensor = (tensor: Uint8Array): Uint8Array => {
    const fields = fieldsOf(tensor);
    const raw = fields.find((f) => f.field === 9)?.body;
    if (raw === undefined || raw.length < minBytes) return tensor;
    const entry = (key: string, value: string) =>
      lengthField(13, concat([stringField(1, key), stringField(2, value)]));
    const out = concat([
      ...fields.filter((f) => f.field !== 9).map((f) => f.raw),
      entry('location', location),
      entry('offset', String(offset)),
      entry('length', String(raw.length)),
      varintField(14, 1),
    ]);
    moved.push(raw);
    offset += raw.length;
    return out;
  };
  const rewriteGraph = (graph: Uint8Array) =>
    concat(
      fieldsOf(graph).map((f) =>
        f.field === 5 && f.body ? lengthField(5, rewriteTensor(f.body)) : f.raw,
      ),
    );
  const out = concat(
    fieldsOf(model).map((f) =>
      f.field === 7 && f.body ? lengthField(7, rewriteGraph(f.body)) : f.raw,
    ),
  );
  return { model: out, data: concat(moved) };
}
