/**
 * Typed node attributes. ONNX distinguishes `int` from `float` attributes, so numbers must be
 * tagged: `{ alpha: attr.float(0.1), axis: attr.int(1) }`. Plain strings are string attributes.
 */
import type { Tensor } from '@voirs/core';
import { ProtoMessage } from '../proto/proto-writer.js';
import { ATTRIBUTE, ATTRIBUTE_TYPE } from '../proto/onnx-fields.js';
import { encodeTensor } from './tensor-proto.js';

/** A typed attribute value. */
export type AttributeValue =
  | { readonly type: 'int'; readonly value: number | bigint }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'ints'; readonly value: readonly (number | bigint)[] }
  | { readonly type: 'floats'; readonly value: readonly number[] }
  | { readonly type: 'strings'; readonly value: readonly string[] }
  | { readonly type: 'tensor'; readonly value: Tensor };

/** Attributes of one node: typed values or plain strings; `undefined` entries are omitted. */
export type Attributes = Readonly<Record<string, AttributeValue | string | undefined>>;

function checkInt(v: number | bigint): number | bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new TypeError(`an int attribute needs a safe integer or a bigint, got ${String(v)}`);
  }
  return v;
}

function checkFloat(v: number): number {
  if (typeof v !== 'number')
    throw new TypeError(`a float attribute needs a number, got ${typeof v}`);
  return v;
}

/** Constructors of typed attribute values. */
export const attr = {
  /** An `INT` attribute (int64). */
  int: (value: number | bigint): AttributeValue => ({ type: 'int', value: checkInt(value) }),
  /** A `FLOAT` attribute (float32). */
  float: (value: number): AttributeValue => ({ type: 'float', value: checkFloat(value) }),
  /** A `STRING` attribute. */
  string: (value: string): AttributeValue => ({ type: 'string', value: String(value) }),
  /** An `INTS` attribute. */
  ints: (value: readonly (number | bigint)[]): AttributeValue => ({
    type: 'ints',
    value: value.map(checkInt),
  }),
  /** A `FLOATS` attribute. */
  floats: (value: readonly number[]): AttributeValue => ({
    type: 'floats',
    value: value.map(checkFloat),
  }),
  /** A `STRINGS` attribute. */
  strings: (value: readonly string[]): AttributeValue => ({
    type: 'strings',
    value: value.map(String),
  }),
  /** A `TENSOR` attribute. */
  tensor: (value: Tensor): AttributeValue => ({ type: 'tensor', value }),
};

/**
 * Normalises one attribute entry.
 * @throws TypeError for an untagged number or anything that is not an attribute value.
 */
export function toAttributeValue(name: string, value: AttributeValue | string): AttributeValue {
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'number' || typeof value === 'bigint') {
    throw new TypeError(
      `attribute '${name}' is a bare number: write attr.int(${value}) or attr.float(${value}) (ONNX types them differently)`,
    );
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as { type?: unknown }).type !== 'string'
  ) {
    throw new TypeError(
      `attribute '${name}' must be made with attr.int/float/string/ints/floats/strings/tensor`,
    );
  }
  return value;
}

/** Encodes an `AttributeProto`. */
export function encodeAttribute(name: string, value: AttributeValue): ProtoMessage {
  const m = new ProtoMessage().string(ATTRIBUTE.name, name);
  switch (value.type) {
    case 'int':
      return m.varint(ATTRIBUTE.i, value.value).varint(ATTRIBUTE.type, ATTRIBUTE_TYPE.int);
    case 'float':
      return m.float(ATTRIBUTE.f, value.value).varint(ATTRIBUTE.type, ATTRIBUTE_TYPE.float);
    case 'string':
      return m.string(ATTRIBUTE.s, value.value).varint(ATTRIBUTE.type, ATTRIBUTE_TYPE.string);
    case 'ints':
      for (const v of value.value) m.varint(ATTRIBUTE.ints, v);
      return m.varint(ATTRIBUTE.type, ATTRIBUTE_TYPE.ints);
    case 'floats':
      for (const v of value.value) m.float(ATTRIBUTE.floats, v);
      return m.varint(ATTRIBUTE.type, ATTRIBUTE_TYPE.floats);
    case 'strings':
      for (const s of value.value) m.string(ATTRIBUTE.strings, s);
      return m.varint(ATTRIBUTE.type, ATTRIBUTE_TYPE.strings);
    case 'tensor':
      return m
        .message(ATTRIBUTE.t, encodeTensor('', value.value))
        .varint(ATTRIBUTE.type, ATTRIBUTE_TYPE.tensor);
  }
}
