/**
 * Reads an ONNX model's `metadata_props` from its bytes (onnxruntime's JS API does not expose
 * them) and rejects bytes that are not a protobuf ModelProto before the runtime sees them.
 *
 * Only the top level of the ModelProto is scanned; the graph is skipped by its length, so this
 * costs microseconds even for large models. Kept byte-identical in both backend packages.
 */
import { FormatError } from '@voirs/core';

const FIELD_GRAPH = 7;
const FIELD_METADATA_PROPS = 14;
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

export const invalid = (why: string): FormatError =>
  new FormatError(
    'E_ONNX_INVALID',
    `These bytes are not a valid ONNX model (${why}). Pass the complete contents of an .onnx file.`,
  );

/** A bounded protobuf wire-format cursor. */
export class WireReader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
    private readonly end: number,
  ) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw invalid(`truncated varint at byte ${this.pos}`);
      const byte = this.bytes[this.pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw invalid(`overlong varint at byte ${this.pos}`);
  }

  /** Returns [start, end) of a length-delimited field and moves past it. */
  span(): [number, number] {
    const length = this.varint();
    const start = this.pos;
    if (length > this.end - start)
      throw invalid(`a field of ${length} bytes runs past the end at byte ${start}`);
    this.pos = start + length;
    return [start, this.pos];
  }

  skip(wireType: number): void {
    if (wireType === WIRE_VARINT) this.varint();
    else if (wireType === WIRE_LENGTH) this.span();
    else if (wireType === WIRE_FIXED64 || wireType === WIRE_FIXED32) {
      this.pos += wireType === WIRE_FIXED64 ? 8 : 4;
      if (this.pos > this.end) throw invalid('truncated fixed-width field');
    } else throw invalid(`unsupported protobuf wire type ${wireType}`);
  }

  /** Reads one field key; returns [fieldNumber, wireType]. */
  key(): [number, number] {
    const key = this.varint();
    const field = Math.floor(key / 8);
    if (field === 0) throw invalid(`field number 0 at byte ${this.pos}`);
    return [field, key % 8];
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readEntry(bytes: Uint8Array, start: number, end: number): [string, string] {
  const reader = new WireReader(bytes, start, end);
  let key = '';
  let value = '';
  while (!reader.done) {
    const [field, wire] = reader.key();
    if ((field === 1 || field === 2) && wire === WIRE_LENGTH) {
      const [s, e] = reader.span();
      let text: string;
      try {
        text = utf8.decode(bytes.subarray(s, e));
      } catch {
        throw invalid('a metadata prop is not valid UTF-8');
      }
      if (field === 1) key = text;
      else value = text;
    } else reader.skip(wire);
  }
  return [key, value];
}

/**
 * Returns the model's metadata props (key → value; a repeated key keeps its last value).
 * @throws FormatError `E_ONNX_INVALID` when the bytes are not a ModelProto with a graph.
 */
export function readModelMetadata(bytes: Uint8Array): Record<string, string> {
  if (bytes.length === 0) throw invalid('the buffer is empty');
  const reader = new WireReader(bytes, 0, bytes.length);
  const metadata = new Map<string, string>();
  let hasGraph = false;
  while (!reader.done) {
    const [field, wire] = reader.key();
    if (field === FIELD_METADATA_PROPS && wire === WIRE_LENGTH) {
      const [key, value] = readEntry(bytes, ...reader.span());
      metadata.set(key, value);
    } else if (field === FIELD_GRAPH && wire === WIRE_LENGTH) {
      reader.span();
      hasGraph = true;
    } else reader.skip(wire);
  }
  if (!hasGraph) throw invalid('it has no graph');
  // fromEntries defines own properties, so a key such as "__proto__" stays plain data.
  return Object.fromEntries(metadata);
}
