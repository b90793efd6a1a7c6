import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../src/index.js';
import { run, run1 } from './helpers/ort.js';
import { expectClose } from './helpers/reference.js';

/** x[n, c, t] = 100 n + 10 c + t, shape [2, 3, 4]. */
const X = Float32Array.from(
  { length: 24 },
  (_, i) => 100 * Math.floor(i / 12) + 10 * (Math.floor(i / 4) % 3) + (i % 4),
);
const feeds = { x: { data: X, dims: [2, 3, 4] } };
const at = (n: number, c: number, t: number): number => 100 * n + 10 * c + t;

function builder(name: string, opset = 17): [GraphBuilder, ReturnType<GraphBuilder['input']>] {
  const g = new GraphBuilder({ name, opset });
  return [g, g.input('x', 'float32', [2, 3, 'time'])];
}

describe('shape ops', () => {
  it('reshape, transpose, unsqueeze, squeeze and concat', async () => {
    const [g, x] = builder('layout');
    g.output(g.reshape(x, [0, -1]), 'flat', [2, 12]);
    g.output(g.transpose(x, [0, 2, 1]), 'tr', [2, 'time', 3]);
    g.output(g.squeeze(g.unsqueeze(x, [1]), [1]), 'same', [2, 3, 'time']);
    g.output(g.concat([x, g.mul(x, -1)], 1), 'cat', [2, 6, 'time']);
    const out = await run('layout', g, feeds);
    expect(out.flat!.dims).toEqual([2, 12]);
    expect(Array.from(out.flat!.data as Float32Array)).toEqual(Array.from(X));
    const tr = out.tr!.data as Float32Array;
    expect(out.tr!.dims).toEqual([2, 4, 3]);
    expect(tr[1 * 12 + 3 * 3 + 2]).toBe(at(1, 2, 3));
    expect(Array.from(out.same!.data as Float32Array)).toEqual(Array.from(X));
    const cat = out.cat!.data as Float32Array;
    expect(out.cat!.dims).toEqual([2, 6, 4]);
    expect(cat[1 * 24 + 4 * 4 + 2]).toBe(-at(1, 1, 2));
  });

  for (const opset of [17, 18]) {
    it(`split by sizes and into equal parts (opset ${opset})`, async () => {
      const [g, x] = builder(`split-${opset}`, opset);
      const [a, b] = g.split(x, [1, 2], 1);
      const halves = g.split(x, 2, 2);
      g.output(a!, 'a', [2, 1, 'time']);
      g.output(b!, 'b', [2, 2, 'time']);
      g.output(halves[0]!, 'h0', [2, 3, 'half']);
      g.output(halves[1]!, 'h1', [2, 3, 'half']);
      const out = await run(`split-${opset}`, g, feeds);
      expect(out.a!.dims).toEqual([2, 1, 4]);
      expect((out.b!.data as Float32Array)[4 + 1]).toBe(at(0, 2, 1));
      expect(out.h1!.dims).toEqual([2, 3, 2]);
      expect(Array.from((out.h1!.data as Float32Array).slice(0, 2))).toEqual([
        at(0, 0, 2),
        at(0, 0, 3),
      ]);
    });
  }

  it('slice with axes, negative bounds and steps; gather with a scalar and a list', async () => {
    const [g, x] = builder('index');
    g.output(g.slice(x, { starts: [1], ends: [Number.MAX_SAFE_INTEGER], axes: [2] }), 'tail', [
      2,
      3,
      'rest',
    ]);
    g.output(g.slice(x, { starts: [-1], ends: [-5], axes: [2], steps: [-2] }), 'rev', [2, 3, 2]);
    g.output(g.gather(x, 2, 1), 'c2', [2, 'time']);
    g.output(g.gather(x, [2, 0], 1), 'c20', [2, 2, 'time']);
    const out = await run('index', g, feeds);
    expect(out.tail!.dims).toEqual([2, 3, 3]);
    expect((out.tail!.data as Float32Array)[0]).toBe(at(0, 0, 1));
    expect(Array.from((out.rev!.data as Float32Array).slice(0, 2))).toEqual([
      at(0, 0, 3),
      at(0, 0, 1),
    ]);
    expect(out.c2!.dims).toEqual([2, 4]);
    expect((out.c2!.data as Float32Array)[5]).toBe(at(1, 2, 1));
    expect((out.c20!.data as Float32Array)[4]).toBe(at(0, 0, 0));
  });

  it('shape (with a range of axes at opset 15+) and expand', async () => {
    const [g, x] = builder('shape');
    g.output(g.shape(x), 'shape', [3]);
    g.output(g.shape(x, { start: 1, end: 2 }), 'channels', [1]);
    const row = g.slice(x, { starts: [0, 0], ends: [1, 1], axes: [0, 1] });
    g.output(g.expand(row, g.shape(x)), 'expanded', [2, 3, 'time']);
    const out = await run('shape', g, feeds);
    expect(Array.from(out.shape!.data as BigInt64Array)).toEqual([2n, 3n, 4n]);
    expect(Array.from(out.channels!.data as BigInt64Array)).toEqual([3n]);
    expect(Array.from((out.expanded!.data as Float32Array).slice(12, 16))).toEqual([0, 1, 2, 3]);
    const old = new GraphBuilder({ name: 'old', opset: 14 });
    expect(() => old.shape(old.input('x', 'float32', [1]), { start: 1 })).toThrowError(/opset 15/);
  });

  it('pad in constant (with a value), reflect and edge modes', async () => {
    const [g, x] = builder('pad');
    g.output(g.pad(x, [0, 0, 2, 0, 0, 1], { value: -1 }), 'const', [2, 3, 'padded']);
    g.output(g.pad(x, [0, 0, 2, 0, 0, 1], { mode: 'reflect' }), 'reflect', [2, 3, 'padded']);
    g.output(g.pad(x, [0, 0, 2, 0, 0, 1], { mode: 'edge' }), 'edge', [2, 3, 'padded']);
    const out = await run('pad', g, feeds);
    const row = (name: string): number[] =>
      Array.from((out[name]!.data as Float32Array).slice(7, 14));
    expect(out.const!.dims).toEqual([2, 3, 7]);
    expect(row('const')).toEqual([-1, -1, 10, 11, 12, 13, -1]);
    expect(row('reflect')).toEqual([12, 11, 10, 11, 12, 13, 12]);
    expect(row('edge')).toEqual([10, 10, 10, 11, 12, 13, 13]);
    expect(() => g.pad(x, [0, 0, 1, 0, 0, 1], { mode: 'wrap' })).toThrowError(/opset 19/);
  });
});

describe('tensor ops across opsets', () => {
  for (const opset of [13, 17, 18, 24]) {
    it(`reduceMean / reduceSum (opset ${opset})`, async () => {
      const [g, x] = builder(`reduce-${opset}`, opset);
      g.output(g.reduceMean(x, [2]), 'mean', [2, 3, 1]);
      g.output(g.reduceSum(x, [1, 2], { keepDims: false }), 'sum', [2]);
      const out = await run(`reduce-${opset}`, g, feeds);
      expectClose(out.mean!.data as Float32Array, [1.5, 11.5, 21.5, 101.5, 111.5, 121.5]);
      expectClose(out.sum!.data as Float32Array, [0 + 40 + 80 + 3 * 6, 3 * 4 * 100 + 138]);
    });
  }

  it('range, constantOfShape and constant', async () => {
    const [g, x] = builder('create');
    const t = g.gather(g.shape(x), 2);
    g.output(g.range(0, t, 1), 'idx', ['time']);
    g.output(g.range(0.5, 2, 0.5, 'float32'), 'steps', [3]);
    g.output(g.constantOfShape(g.shape(x), 0.25), 'filled', [2, 3, 'time']);
    g.output(g.constantOfShape([2], 7, 'int32'), 'sevens', [2]);
    g.output(g.constant({ dtype: 'int8', data: Int8Array.of(-3, 4), dims: [2] }), 'const', [2]);
    const out = await run('create', g, feeds);
    expect(Array.from(out.idx!.data as BigInt64Array)).toEqual([0n, 1n, 2n, 3n]);
    expectClose(out.steps!.data as Float32Array, [0.5, 1, 1.5]);
    expect(out.filled!.dims).toEqual([2, 3, 4]);
    expect((out.filled!.data as Float32Array).every((v) => v === 0.25)).toBe(true);
    expect(Array.from(out.sevens!.data as Int32Array)).toEqual([7, 7]);
    expect(Array.from(out.const!.data as Int8Array)).toEqual([-3, 4]);
    expect(() => g.range(0, 4, 1)).toThrowError(/no dtype/);
  });

  it('runs the same model with two lengths (dynamic axes)', async () => {
    const g = new GraphBuilder({ name: 'dyn' });
    const x = g.input('x', 'float32', ['batch', 2, 'frames']);
    const w = g.initializer('w', Float32Array.of(1, 2, 3, 4, 5, 6), [1, 2, 3]);
    g.output(g.conv(x, w, undefined, { pads: 1 }), 'y', ['batch', 1, 'frames']);
    const bytes = g.toBytes();
    for (const frames of [5, 11]) {
      const data = Float32Array.from({ length: 2 * frames }, (_, i) => i % 3);
      const y = await run1('dyn', g, { x: { data, dims: [1, 2, frames] } });
      expect(y.dims).toEqual([1, 1, frames]);
      const ref = Array.from({ length: frames }, (_, t) => {
        let s = 0;
        for (let c = 0; c < 2; c++)
          for (let k = 0; k < 3; k++) {
            const i = t + k - 1;
            if (i >= 0 && i < frames) s += data[c * frames + i]! * (c * 3 + k + 1);
          }
        return s;
      });
      expectClose(y.data as Float32Array, ref);
    }
    expect(g.toBytes()).toEqual(bytes);
  });
});
