import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVocoderError } from '@voirs/core';
import { GraphBuilder, readOnnxModel } from '../src/index.js';
import { ProtoMessage } from '../src/proto/proto-writer.js';
import { externalModel, nestedModel } from './helpers/craft.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const torchTiny = new Uint8Array(readFileSync(join(FIXTURES, 'torch_tiny.onnx')));

function built(): Uint8Array {
  const g = new GraphBuilder({ name: 'fuzz-seed', opsets: { 'com.microsoft': 1 } });
  const x = g.input('x', 'float32', ['batch', 3, 'frames']);
  const w = g.initializer('w', new Float32Array(18).fill(0.5), [2, 3, 3]);
  const y = g.split(
    g.leakyRelu(g.conv(x, w, undefined, { pads: 1, dilations: 1 }), 0.1),
    [1, 1],
    1,
  );
  g.output(g.concat([y[1]!, g.reduceMean(y[0]!, [2])], 2), 'y', ['batch', 1, 'out']);
  g.setMetadata({ arch: 'fuzz', hop: 256 });
  return g.toBytes();
}

/** Reads bytes, returning the error code when the reader refuses them. */
function outcome(bytes: Uint8Array): string {
  try {
    readOnnxModel(bytes);
    return 'ok';
  } catch (error) {
    if (isVocoderError(error)) return error.code;
    throw error;
  }
}

describe('readOnnxModel', () => {
  it('reads a model exported by torch.onnx.export', () => {
    const info = readOnnxModel(torchTiny);
    expect(info.irVersion).toBe(8);
    expect(info.producerName).toBe('pytorch');
    expect(info.opsetImports).toEqual([{ domain: '', version: 17 }]);
    expect({ ...info.metadata }).toEqual({ arch: 'tiny', sample_rate: '22050', hop: '2' });
    expect(info.graph.inputs).toEqual([
      { name: 'mel', kind: 'tensor', dtype: 'float32', elemType: 1, shape: ['batch', 4, 'frames'] },
    ]);
    expect(info.graph.outputs[0]).toMatchObject({
      name: 'audio',
      dtype: 'float32',
      shape: ['batch', 2, 'samples'],
    });
    expect(
      info.graph.initializers.map((t) => [t.name, t.dims, t.dtype, t.storage, t.byteLength]),
    ).toEqual([
      ['conv.weight', [3, 4, 3], 'float32', 'raw', 144],
      ['conv.bias', [3], 'float32', 'raw', 12],
      ['up.weight', [3, 2, 4], 'float32', 'raw', 96],
      ['up.bias', [2], 'float32', 'raw', 8],
    ]);
    expect({ ...info.graph.opCounts }).toEqual({
      Conv: 1,
      LeakyRelu: 1,
      ConvTranspose: 1,
      Tanh: 1,
    });
    const [, leaky, up] = info.graph.nodes;
    expect(leaky!.attributes.alpha).toEqual({ type: 'float', value: Math.fround(0.1) });
    expect(up!.attributes.strides).toEqual({ type: 'ints', value: [2] });
    expect(up!.attributes.pads).toEqual({ type: 'ints', value: [1, 1] });
  });

  it('reports external data references without reading them', () => {
    const info = readOnnxModel(
      new Uint8Array(readFileSync(join(FIXTURES, 'torch_tiny_external.onnx'))),
    );
    expect(info.graph.initializers.map((t) => [t.storage, t.external])).toEqual([
      [
        'external',
        { location: 'torch_tiny_external.data', offset: 0, length: 144, checksum: undefined },
      ],
      [
        'external',
        { location: 'torch_tiny_external.data', offset: 144, length: 12, checksum: undefined },
      ],
      [
        'external',
        { location: 'torch_tiny_external.data', offset: 156, length: 96, checksum: undefined },
      ],
      [
        'external',
        { location: 'torch_tiny_external.data', offset: 252, length: 8, checksum: undefined },
      ],
    ]);
  });

  it('refuses malformed models with E_ONNX_INVALID', () => {
    const cases: [string, Uint8Array][] = [
      ['empty', new Uint8Array(0)],
      ['text', new TextEncoder().encode('not an onnx model at all')],
      ['truncated', torchTiny.subarray(0, torchTiny.length - 7)],
      ['no graph', new ProtoMessage().varint(1, 8).encode()],
      ['no ir_version', new ProtoMessage().message(7, new ProtoMessage().string(2, 'g')).encode()],
      [
        'two graphs',
        new ProtoMessage()
          .varint(1, 8)
          .message(7, new ProtoMessage())
          .message(7, new ProtoMessage())
          .encode(),
      ],
      ['group wire type', Uint8Array.of(0x0b, 0x0c)],
      ['11-byte varint', Uint8Array.of(0x08, ...Array(10).fill(0xff), 0x01)],
      ['huge length', Uint8Array.of(0x3a, 0xff, 0xff, 0xff, 0xff, 0x0f)],
      ['raw_data size', rawSizeMismatch()],
      ['external without location', externalModel({ offset: '0', length: '8' })],
      ['external bad offset', externalModel({ location: 'w.bin', offset: '-4' })],
      ['external wrong length', externalModel({ location: 'w.bin', length: '12' })],
      ['too deep', nestedModel(40)],
    ];
    for (const [name, bytes] of cases) expect(outcome(bytes), name).toBe('E_ONNX_INVALID');
    expect(outcome(nestedModel(15))).toBe('ok');
    expect(() => readOnnxModel([1, 2] as unknown as Uint8Array)).toThrowError(TypeError);
  });

  it('protects against prototype pollution through names', () => {
    const g = new GraphBuilder({ name: 'proto' });
    g.output(g.relu(g.input('x', 'float32', [1])), 'y', [1]);
    g.setMetadata({ ['__proto__']: 'polluted', constructor: 'c' });
    const info = readOnnxModel(g.toBytes());
    expect(info.metadata['__proto__']).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(info.metadata)).toBeNull();
  });

  const seeds = [torchTiny, built()];
  it('parses or refuses with E_ONNX_INVALID any mutation of a valid model', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (seed, edits) => {
          const bytes = seed.slice();
          for (const [pos, value] of edits) bytes[pos % bytes.length] = value;
          expect(['ok', 'E_ONNX_INVALID']).toContain(outcome(bytes));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parses or refuses any truncation, splice or random byte string', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.nat(),
        fc.nat(),
        fc.uint8Array({ maxLength: 64 }),
        (seed, a, b, junk) => {
          const cut = a % seed.length;
          expect(['ok', 'E_ONNX_INVALID']).toContain(outcome(seed.subarray(0, cut)));
          const at = b % seed.length;
          const spliced = new Uint8Array([...seed.subarray(0, at), ...junk, ...seed.subarray(at)]);
          expect(['ok', 'E_ONNX_INVALID']).toContain(outcome(spliced));
          expect(['ok', 'E_ONNX_INVALID']).toContain(outcome(junk));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

function rawSizeMismatch(): Uint8Array {
  const t = new ProtoMessage().varint(1, 3).varint(2, 1).string(8, 'w').bytes(9, new Uint8Array(8));
  return new ProtoMessage().varint(1, 8).message(7, new ProtoMessage().message(5, t)).encode();
}
