import { describe, expect, it } from 'vitest';
import { GraphBuilder, float16Bits, float16Value, type Value } from '../src/index.js';
import { run, run1 } from './helpers/ort.js';
import { uniform } from './helpers/random.js';
import { expectClose } from './helpers/reference.js';

const X = uniform(24, 1, -2, 2);
const POS = uniform(24, 2, 0.1, 3);
const DIMS = [2, 3, 4];

/** Builds y = f(g, x) for x [2, 3, 'n'] and returns y for the given data. */
async function unary(
  name: string,
  data: Float32Array,
  f: (g: GraphBuilder, x: Value) => Value,
): Promise<Float32Array> {
  const g = new GraphBuilder({ name });
  g.output(f(g, g.input('x', 'float32', [2, 3, 'n'])), 'y', [2, 3, 'n']);
  return (await run1(name, g, { x: { data, dims: DIMS } })).data as Float32Array;
}

/** The error function by its Maclaurin series (accurate to ~1e-12 for |x| <= 2). */
function erf(x: number): number {
  let sum = 0;
  let term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('element-wise ops', () => {
  const cases: [
    string,
    (g: GraphBuilder, x: Value) => Value,
    (v: number) => number,
    Float32Array,
  ][] = [
    ['relu', (g, x) => g.relu(x), (v) => Math.max(0, v), X],
    ['tanh', (g, x) => g.tanh(x), Math.tanh, X],
    ['sigmoid', (g, x) => g.sigmoid(x), (v) => 1 / (1 + Math.exp(-v)), X],
    ['exp', (g, x) => g.exp(x), Math.exp, X],
    ['log', (g, x) => g.log(x), Math.log, POS],
    ['sqrt', (g, x) => g.sqrt(x), Math.sqrt, POS],
    ['neg', (g, x) => g.neg(x), (v) => -v, X],
    ['erf', (g, x) => g.erf(x), erf, X],
    ['identity', (g, x) => g.identity(x), (v) => v, X],
    ['leakyRelu', (g, x) => g.leakyRelu(x, 0.1), (v) => (v < 0 ? 0.1 * v : v), X],
    ['add-number', (g, x) => g.add(x, 1.5), (v) => v + 1.5, X],
    ['sub-number-first', (g, x) => g.sub(1, x), (v) => 1 - v, X],
    ['mul-number', (g, x) => g.mul(2.5, x), (v) => 2.5 * v, X],
    ['div-number', (g, x) => g.div(x, 4), (v) => v / 4, X],
    ['pow-number', (g, x) => g.pow(x, 2), (v) => v * v, X],
    [
      'clip-both',
      (g, x) => g.clip(x, { min: -0.5, max: 0.75 }),
      (v) => Math.min(0.75, Math.max(-0.5, v)),
      X,
    ],
    ['clip-min', (g, x) => g.clip(x, { min: 1e-5 }), (v) => Math.max(1e-5, v), X],
    ['clip-max', (g, x) => g.clip(x, { max: 0 }), (v) => Math.min(0, v), X],
    ['log-clamp', (g, x) => g.log(g.clip(x, { min: 1e-5 })), (v) => Math.log(Math.max(1e-5, v)), X],
  ];
  for (const [name, build, ref, data] of cases) {
    it(`${name} matches Math`, async () => {
      const got = await unary(name, data, build);
      expectClose(
        got,
        Array.from(data, (v) => Math.fround(ref(v))),
        1e-6,
        2e-6,
      );
    });
  }

  it('binary ops broadcast Values of one dtype', async () => {
    const b = uniform(4, 3, 0.5, 1.5);
    const g = new GraphBuilder({ name: 'binary' });
    const x = g.input('x', 'float32', [2, 3, 4]);
    const w = g.initializer('b', b, [4]);
    g.output(g.add(x, w), 'add', [2, 3, 4]);
    g.output(g.sub(x, w), 'sub', [2, 3, 4]);
    g.output(g.mul(x, w), 'mul', [2, 3, 4]);
    g.output(g.div(x, w), 'div', [2, 3, 4]);
    g.output(g.pow(g.clip(x, { min: 0 }), w), 'pow', [2, 3, 4]);
    const out = await run('binary', g, { x: { data: X, dims: DIMS } });
    const at = (i: number): number => b[i % 4]!;
    expectClose(
      out.add!.data as Float32Array,
      Array.from(X, (v, i) => v + at(i)),
    );
    expectClose(
      out.sub!.data as Float32Array,
      Array.from(X, (v, i) => v - at(i)),
    );
    expectClose(
      out.mul!.data as Float32Array,
      Array.from(X, (v, i) => v * at(i)),
    );
    expectClose(
      out.div!.data as Float32Array,
      Array.from(X, (v, i) => v / at(i)),
    );
    expectClose(
      out.pow!.data as Float32Array,
      Array.from(X, (v, i) => Math.max(0, v) ** at(i)),
      1e-6,
      1e-5,
    );
  });

  it('clip takes Value bounds, where selects, softmax normalises an axis', async () => {
    const g = new GraphBuilder({ name: 'misc' });
    const x = g.input('x', 'float32', [2, 3, 4]);
    const lo = g.initializer('lo', Float32Array.of(-0.25), []);
    g.output(g.clip(x, { min: lo, max: 0.5 }), 'clip', [2, 3, 4]);
    const positive = g.op(
      'Greater',
      [x, g.initializer('zero', Float32Array.of(0), [])],
      {},
      { dtypes: ['bool'] },
    )[0]!;
    g.output(g.where(positive, x, 0), 'where', [2, 3, 4]);
    g.output(g.softmax(x, 1), 'softmax', [2, 3, 4]);
    const out = await run('misc', g, { x: { data: X, dims: DIMS } });
    expectClose(
      out.clip!.data as Float32Array,
      Array.from(X, (v) => Math.min(0.5, Math.max(-0.25, v))),
    );
    expectClose(
      out.where!.data as Float32Array,
      Array.from(X, (v) => (v > 0 ? v : 0)),
    );
    const sm = new Float32Array(24);
    for (let n = 0; n < 2; n++)
      for (let k = 0; k < 4; k++) {
        const idx = [0, 1, 2].map((c) => n * 12 + c * 4 + k);
        const e = idx.map((i) => Math.exp(X[i]!));
        const s = e.reduce((a, b) => a + b, 0);
        idx.forEach((i, j) => (sm[i] = e[j]! / s));
      }
    expectClose(out.softmax!.data as Float32Array, sm, 1e-6, 1e-5);
  });

  it('cast converts between dtypes (float16 bits match float16Bits)', async () => {
    const g = new GraphBuilder({ name: 'cast' });
    const x = g.input('x', 'float32', [2, 3, 4]);
    g.output(g.cast(x, 'float16'), 'half', [2, 3, 4]);
    g.output(g.cast(g.mul(x, 10), 'int64'), 'long', [2, 3, 4]);
    const out = await run('cast', g, { x: { data: X, dims: DIMS } });
    expect(out.half!.type).toBe('float16');
    const bits = out.half!.data as unknown as Uint16Array;
    expect(Array.from(bits)).toEqual(Array.from(X, (v) => float16Bits(v)));
    expect(Array.from(out.long!.data as BigInt64Array)).toEqual(
      Array.from(X, (v) => BigInt(Math.trunc(Math.fround(v * 10)))),
    );
  });
});

describe('float16', () => {
  it('converts known values exactly, rounding half to even', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [65504, 0x7bff],
      [65520, 0x7c00],
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000],
      [1.5 * 2 ** -25, 0x0001],
      [2 ** -14, 0x0400],
      [0.1, 0x2e66],
      [1 + 2 ** -11, 0x3c00],
      [1 + 3 * 2 ** -11, 0x3c02],
    ];
    for (const [v, bits] of cases) expect(float16Bits(v), `${v}`).toBe(bits);
    expect(float16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(Number.isNaN(float16Value(float16Bits(NaN)))).toBe(true);
    for (let b = 0; b < 0x7c00; b += 37) expect(float16Bits(float16Value(b))).toBe(b);
  });
});
