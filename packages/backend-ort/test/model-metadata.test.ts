import { isVocoderError } from '@voirs/core';
import { BACKEND_TEST_METADATA } from '@voirs/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readModelMetadata } from '../src/index.js';
import { models } from '../../backend-node/test/fixtures.js'; // the shared backend fixture models

const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  return [...out, n];
};
const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const field = (n: number, wire: number, payload: number[] = []) => [
  ...varint(n * 8 + wire),
  ...(wire === 2 ? varint(payload.length) : []),
  ...payload,
];
const prop = (key: string, value: string) =>
  field(14, 2, [...field(1, 2, utf8(key)), ...field(2, 2, utf8(value))]);
const GRAPH = field(7, 2, field(1, 2, utf8('Identity')));
const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());

const expectInvalid = (input: Uint8Array, mention?: string) => {
  let error: unknown;
  try {
    readModelMetadata(input);
  } catch (e) {
    error = e;
  }
  expect(isVocoderError(error, 'E_ONNX_INVALID'), String(error)).toBe(true);
  if (mention) expect((error as Error).message).toContain(mention);
};

describe('readModelMetadata', () => {
  it('reads the metadata props of a real model', () => {
    expect(readModelMetadata(models.conv)).toEqual(BACKEND_TEST_METADATA);
    expect(readModelMetadata(models.gather)).toEqual({});
  });

  it('skips other fields of every wire type and keeps the last of repeated keys', () => {
    const model = bytes(
      field(1, 0, varint(8)), // ir_version
      field(2, 2, utf8('producer')),
      field(9, 1, [1, 2, 3, 4, 5, 6, 7, 8]),
      field(10, 5, [1, 2, 3, 4]),
      prop('sample_rate', '22050'),
      GRAPH,
      prop('sample_rate', '24000'),
      prop('note', 'ünïcödé ✓'),
      field(14, 2, [...field(3, 0, [1]), ...field(1, 2, utf8('k'))]), // unknown field inside an entry
    );
    expect(readModelMetadata(model)).toEqual({ sample_rate: '24000', note: 'ünïcödé ✓', k: '' });
  });

  it('keeps a "__proto__" key as plain data', () => {
    const meta = readModelMetadata(bytes(prop('__proto__', 'x'), GRAPH));
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(Object.keys(meta)).toEqual(['__proto__']);
  });

  it('rejects bytes that are not a ModelProto with a graph', () => {
    expectInvalid(new Uint8Array(0), 'empty');
    expectInvalid(bytes(field(1, 0, [8])), 'no graph');
    expectInvalid(bytes(GRAPH, varint(7 * 8 + 2), varint(50), [1, 2]), 'runs past the end');
    expectInvalid(bytes(GRAPH, field(5, 3)), 'wire type 3');
    expectInvalid(bytes([0x00, 0x01], GRAPH), 'field number 0');
    expectInvalid(bytes(GRAPH, field(1, 0), Array(11).fill(0xff)), 'overlong varint');
    expectInvalid(bytes(field(14, 2, field(1, 2, [0xc3, 0x28])), GRAPH), 'UTF-8');
    expectInvalid(models.conv.subarray(0, models.conv.length - 3));
  });

  it('either reads or refuses with E_ONNX_INVALID, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (input) => {
        try {
          expect(typeof readModelMetadata(input)).toBe('object');
        } catch (e) {
          expect(isVocoderError(e, 'E_ONNX_INVALID'), String(e)).toBe(true);
        }
      }),
    );
  });

  it('round-trips any string map', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (map) => {
        const model = bytes(...Object.entries(map).map(([k, v]) => prop(k, v)), GRAPH);
        expect(readModelMetadata(model)).toEqual(map);
      }),
    );
  });
});
