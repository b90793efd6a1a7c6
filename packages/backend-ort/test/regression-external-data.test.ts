/**
 * Regression (found by the hardening suites): model bytes whose tensors live in external files
 * reached onnxruntime, which resolves such locations against the process's working directory, so
 * `vocode --model evil.onnx` loaded `./secret.bin` from wherever the command ran. Sessions now
 * refuse any external data reference before the runtime sees the bytes.
 */
import { isVocoderError } from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { assertNoExternalData, openOrtSession } from '../src/index.js';
import { models } from '../../backend-node/test/fixtures.js';

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
const entry = (key: string, value: string) =>
  field(13, 2, [...field(1, 2, utf8(key)), ...field(2, 2, utf8(value))]);
/** A float tensor `w` whose data is in `secret.bin` (data_location = EXTERNAL). */
const EXTERNAL = [
  ...field(1, 0, [2]),
  ...field(2, 0, [1]),
  ...field(8, 2, utf8('w')),
  ...entry('location', 'secret.bin'),
  ...entry('length', '8'),
  ...field(14, 0, [1]),
];
/** The same reference without the data_location flag (external_data alone). */
const REFERENCE_ONLY = [...field(8, 2, utf8('w')), ...entry('location', 'secret.bin')];
const node = (...attributes: number[][]) =>
  field(1, 2, [...field(4, 2, utf8('Constant')), ...attributes.map((a) => field(5, 2, a)).flat()]);
const model = (...graph: number[][]) =>
  Uint8Array.from([...field(1, 0, [8]), ...field(7, 2, graph.flat())]);

const cases: [string, Uint8Array][] = [
  ['an initializer', model(field(5, 2, EXTERNAL))],
  ['an initializer with only external_data entries', model(field(5, 2, REFERENCE_ONLY))],
  [
    'a Constant node attribute',
    model(node([...field(1, 2, utf8('value')), ...field(5, 2, EXTERNAL)])),
  ],
  [
    'an attribute tensor list',
    model(node([...field(1, 2, utf8('values')), ...field(10, 2, EXTERNAL)])),
  ],
  ['a sparse initializer', model(field(15, 2, field(1, 2, EXTERNAL)))],
  [
    'a subgraph initializer',
    model(node([...field(1, 2, utf8('then_branch')), ...field(6, 2, field(5, 2, EXTERNAL))])),
  ],
  [
    'a model-local function',
    Uint8Array.from([
      ...model(),
      ...field(
        25,
        2,
        field(7, 2, field(5, 2, [...field(1, 2, utf8('value')), ...field(5, 2, EXTERNAL)])),
      ),
    ]),
  ],
];

describe('regression: external data in model bytes', () => {
  it.each(cases)('refuses external data in %s with E_ONNX_EXTERNAL_DATA', (_name, bytes) => {
    let error: unknown;
    try {
      assertNoExternalData(bytes);
    } catch (e) {
      error = e;
    }
    expect(isVocoderError(error, 'E_ONNX_EXTERNAL_DATA'), String(error)).toBe(true);
    expect((error as Error).message).toContain("'w'");
  });

  it('accepts self-contained models', () => {
    for (const bytes of Object.values(models))
      expect(() => assertNoExternalData(bytes)).not.toThrow();
  });

  it('refuses before the runtime is asked to create a session', async () => {
    let created = false;
    const opening = openOrtSession(cases[0]![1], {
      create: async () => {
        created = true;
        throw new Error('unreachable');
      },
      makeTensor: () => {
        throw new Error('unreachable');
      },
      providers: ['cpu'],
      defaultProviders: ['cpu'],
    });
    await expect(opening).rejects.toMatchObject({ code: 'E_ONNX_EXTERNAL_DATA' });
    expect(created).toBe(false);
  });

  it('answers nesting deeper than 64 levels with E_ONNX_INVALID, not a stack overflow', () => {
    let graph: number[] = field(5, 2, [...field(8, 2, utf8('x'))]);
    for (let i = 0; i < 100; i++) graph = node([...field(1, 2, utf8('g')), ...field(6, 2, graph)]);
    expect(() => assertNoExternalData(model(graph))).toThrowError(
      expect.objectContaining({ code: 'E_ONNX_INVALID' }),
    );
  });
});
