import { describe, expect, it } from 'vitest';
import {
  GraphBuilder,
  attr,
  float16Value,
  irVersionForOpset,
  readOnnxModel,
  toFloat16Bits,
} from '../src/index.js';
import { run, run1, runBytes } from './helpers/ort.js';
import { expectClose } from './helpers/reference.js';

function tiny(opset = 17): GraphBuilder {
  const g = new GraphBuilder({
    name: 'tiny',
    opset,
    producerVersion: '9.9.9',
    docString: 'a test model',
  });
  const x = g.input('x', 'float32', ['batch', 2, 'frames']);
  const w = g.initializer('w', Float32Array.of(1, -1, 0.5, 2, 0, 1), [1, 2, 3]);
  g.output(g.tanh(g.conv(x, w, undefined, { pads: 1 })), 'y', ['batch', 1, 'frames']);
  g.setMetadata({
    arch: 'tiny',
    sample_rate: 22050,
    hop: 256,
    mel_preset: 'hifigan',
    streaming: false,
  });
  return g;
}

describe('GraphBuilder', () => {
  it('serialises deterministically', () => {
    expect(tiny().toBytes()).toEqual(tiny().toBytes());
  });

  it('writes the IR version that each opset needs, and onnxruntime loads every supported opset', async () => {
    const table: [number, number][] = [
      [13, 7],
      [14, 7],
      [15, 8],
      [17, 8],
      [18, 8],
      [19, 9],
      [20, 9],
      [21, 10],
      [22, 10],
      [23, 11],
      [24, 12],
    ];
    for (const [opset, ir] of table) {
      expect(irVersionForOpset(opset)).toBe(ir);
      const bytes = tiny(opset).toBytes();
      const info = readOnnxModel(bytes);
      expect(info.irVersion).toBe(ir);
      expect(info.opsetImports).toEqual([{ domain: '', version: opset }]);
      const out = await runBytes(`opset-${opset}`, bytes, {
        x: { data: Float32Array.of(1, 2, 3, 4, 5, 6), dims: [1, 2, 3] },
      });
      expect(out.y!.dims).toEqual([1, 1, 3]);
    }
    for (const bad of [12, 25, 17.5]) {
      expect(() => new GraphBuilder({ name: 'x', opset: bad })).toThrowError(
        expect.objectContaining({ code: 'E_CONFIG_INVALID' }),
      );
    }
  });

  it('round-trips metadata, producer and doc string through the reader', () => {
    const info = readOnnxModel(tiny().toBytes());
    expect({ ...info.metadata }).toEqual({
      arch: 'tiny',
      sample_rate: '22050',
      hop: '256',
      mel_preset: 'hifigan',
      streaming: 'false',
    });
    expect(info.producerName).toBe('@voirs/onnx');
    expect(info.producerVersion).toBe('9.9.9');
    expect(info.docString).toBe('a test model');
    expect(info.graph.name).toBe('tiny');
    expect(info.graph.inputs).toEqual([
      { name: 'x', kind: 'tensor', dtype: 'float32', elemType: 1, shape: ['batch', 2, 'frames'] },
    ]);
    expect(info.graph.outputs[0]!.shape).toEqual(['batch', 1, 'frames']);
    expect({ ...info.graph.opCounts }).toEqual({ Conv: 1, Tanh: 1 });
    const w = info.graph.initializers[0]!;
    expect(w).toMatchObject({
      name: 'w',
      dtype: 'float32',
      dims: [1, 2, 3],
      storage: 'raw',
      byteLength: 24,
    });
    expect(new Float32Array(w.rawData!.slice().buffer)).toEqual(
      Float32Array.of(1, -1, 0.5, 2, 0, 1),
    );
    const conv = info.graph.nodes[0]!;
    expect(conv.attributes.pads).toEqual({ type: 'ints', value: [1, 1] });
    expect(conv.attributes.kernel_shape).toEqual({ type: 'ints', value: [3] });
  });

  it('names nodes by scope and keeps tensor names unique', () => {
    const g = new GraphBuilder({ name: 'names' });
    const x = g.input('x', 'float32', [1]);
    const y = g.scope('ups.0', () => g.scope('res', () => g.relu(x)));
    expect(y.name).toBe('/ups.0/res/Relu_0');
    g.output(y, 'audio', [1]);
    expect(y.name).toBe('audio');
    g.output(y, 'audio_copy', [1]);
    g.output(x, 'passthrough', [1]);
    const nodes = readOnnxModel(g.toBytes()).graph.nodes;
    expect(nodes.map((n) => [n.opType, n.name, n.inputs, n.outputs])).toEqual([
      ['Relu', '/ups.0/res/Relu_0', ['x'], ['audio']],
      ['Identity', '/Identity_1', ['audio'], ['audio_copy']],
      ['Identity', '/Identity_2', ['x'], ['passthrough']],
    ]);
    expect(() => g.initializer('x', Float32Array.of(1), [1])).toThrowError(/already used/);
    expect(() => g.output(y, 'audio', [1])).toThrowError(/already a graph output/);
    expect(() => g.output(x, 'x', [1])).toThrowError(/another name/);
  });

  it('refuses values of another builder, untyped attribute numbers and undeclared domains', () => {
    const a = new GraphBuilder({ name: 'a' });
    const b = new GraphBuilder({ name: 'b' });
    const xa = a.input('x', 'float32', [1]);
    expect(() => b.relu(xa)).toThrowError(TypeError);
    expect(() => b.relu('x' as never)).toThrowError(TypeError);
    expect(() => a.op('LeakyRelu', [xa], { alpha: 0.1 as never })).toThrowError(
      /attr.int\(0.1\) or attr.float\(0.1\)/,
    );
    expect(() => a.op('Gelu', [xa], {}, { domain: 'com.microsoft' })).toThrowError(/not declared/);
    expect(() => a.add(xa, a.input('i', 'int64', [1]))).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => a.toBytes()).toThrowError(/no outputs/);
    expect(() => a.input('bad', 'float32', [-1])).toThrowError(/dimension/);
    expect(() => a.initializer('w', Float32Array.of(1, 2), [3])).toThrowError(/need 3/);
    expect(() =>
      a.initializer('v', { dtype: 'float16', data: new Float32Array(1), dims: [1] }),
    ).toThrowError(/Uint16Array/);
    expect(() => attr.int(1.5)).toThrowError(TypeError);
  });

  it('runs generic ops with typed attributes, including a custom domain', async () => {
    const g = new GraphBuilder({ name: 'generic', opsets: { 'com.microsoft': 1 } });
    const x = g.input('x', 'float32', [4]);
    const [hs] = g.op(
      'HardSigmoid',
      [x],
      { alpha: attr.float(0.5), beta: attr.float(0.25) },
      { dtypes: ['float32'] },
    );
    g.output(hs!, 'hs', [4]);
    const [gelu] = g.op('Gelu', [x], {}, { domain: 'com.microsoft' });
    g.output(gelu!, 'gelu', [4], 'float32');
    const data = Float32Array.of(-2, -0.5, 0.5, 2);
    const out = await run('generic', g, { x: { data, dims: [4] } });
    expectClose(
      out.hs!.data as Float32Array,
      Array.from(data, (v) => Math.min(1, Math.max(0, 0.5 * v + 0.25))),
    );
    expectClose(
      out.gelu!.data as Float32Array,
      [-0.04550026, -0.15426877, 0.34573123, 1.95449974],
      1e-6,
    );
    const info = readOnnxModel(g.toBytes());
    expect(info.opsetImports).toEqual([
      { domain: '', version: 17 },
      { domain: 'com.microsoft', version: 1 },
    ]);
    expect({ ...info.graph.opCounts }).toEqual({ HardSigmoid: 1, 'com.microsoft:Gelu': 1 });
    expect(info.graph.nodes[0]!.attributes.alpha).toEqual({ type: 'float', value: 0.5 });
  });

  it('encodes every attribute type', () => {
    const g = new GraphBuilder({ name: 'attrs', opsets: { 'org.voirs.test': 1 } });
    const x = g.input('x', 'float32', [1]);
    const [y] = g.op(
      'Custom',
      [x, null],
      {
        i: attr.int(-7),
        big: attr.int(2n ** 62n),
        f: attr.float(0.25),
        s: 'text',
        ints: attr.ints([1, -2, 3]),
        floats: attr.floats([0.5, -1]),
        strings: attr.strings(['a', 'b']),
        t: attr.tensor({ dtype: 'int32', data: Int32Array.of(5, 6), dims: [2] }),
        skipped: undefined,
      },
      { domain: 'org.voirs.test', dtypes: ['float32'] },
    );
    g.output(y!, 'y', [1]);
    const node = readOnnxModel(g.toBytes()).graph.nodes[0]!;
    expect(node.inputs).toEqual(['x', '']);
    const a = node.attributes;
    expect(Object.keys(a)).toEqual(['i', 'big', 'f', 's', 'ints', 'floats', 'strings', 't']);
    expect(a.i).toEqual({ type: 'int', value: -7 });
    expect(a.big).toEqual({ type: 'int', value: 2n ** 62n });
    expect(a.f).toEqual({ type: 'float', value: 0.25 });
    expect(a.s).toEqual({ type: 'string', value: 'text' });
    expect(a.ints).toEqual({ type: 'ints', value: [1, -2, 3] });
    expect(a.floats).toEqual({ type: 'floats', value: [0.5, -1] });
    expect(a.strings).toEqual({ type: 'strings', value: ['a', 'b'] });
    expect(a.t).toMatchObject({
      type: 'tensor',
      value: { dtype: 'int32', dims: [2], elementCount: 2, storage: 'raw' },
    });
  });

  it('stores float16 (Uint16Array bits) and bool (Tensor) initializers', async () => {
    const values = [0.1, -2.5, 1000, 1e-6];
    const g = new GraphBuilder({ name: 'half' });
    const h = g.initializer('h', toFloat16Bits(values), [4]);
    expect(h.dtype).toBe('float16');
    const mask = g.initializer('mask', {
      dtype: 'bool',
      data: Uint8Array.of(1, 0, 1, 0),
      dims: [4],
    });
    g.output(g.where(mask, g.cast(h, 'float32'), -1), 'y', [4]);
    const out = await run1('float16-bool', g, {});
    const halves = Array.from(toFloat16Bits(values), float16Value);
    expect(Array.from(out.data as Float32Array)).toEqual(
      [halves[0]!, -1, halves[2]!, -1].map(Math.fround),
    );
  });

  it('writes inline numbers as constants of a float16 operand', async () => {
    const g = new GraphBuilder({ name: 'half-math' });
    const x = g.input('x', 'float16', [3]);
    const y = g.clip(g.mul(g.add(x, 0.5), 2), { max: 3 });
    expect(y.dtype).toBe('float16');
    g.output(y, 'y', [3]);
    const data = toFloat16Bits([0.25, 1, 2]);
    const out = await run1('float16-literals', g, { x: { data, dims: [3], dtype: 'float16' } });
    expect(out.type).toBe('float16');
    expect(Array.from(out.data as unknown as Uint16Array, float16Value)).toEqual([1.5, 3, 3]);
  });
});
