import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldWeightNorm,
  foldWeightNormStateDict,
  makeTensorData,
  type TensorData,
} from '../src/index.js';
import { catchVocoderError } from './helpers/fixtures.js';

const f32 = (shape: number[], values: number[]) =>
  makeTensorData('float32', shape, new Float32Array(values)) as TensorData;

/** The L2 norm of W's slice j along `axis`. */
function sliceNorm(w: TensorData, axis: number, j: number): number {
  const shape = w.shape;
  const n = shape[axis] as number;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  let sum = 0;
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++)
      sum += ((w.data as Float32Array)[(o * n + j) * inner + i] as number) ** 2;
  return Math.sqrt(sum);
}

describe('foldWeightNorm', () => {
  it('computes g * v / ||v|| over every dim except dim', () => {
    // Conv1d weight [out 2, in 1, k 2]: rows (3, 4) and (0, 2)
    const w = foldWeightNorm(f32([2, 1, 1], [10, -1]), f32([2, 1, 2], [3, 4, 0, 2]));
    expect([...w.data]).toEqual([6, 8, -0, -1]); // g = -1 times 0, as in torch
    expect(w.dtype).toBe('float32');
  });

  it('ConvTranspose1d layout [in, out, k] with g [in, 1, 1]', () => {
    const w = foldWeightNorm(f32([1, 1, 1], [2]), f32([1, 2, 2], [1, 1, 1, 1]));
    expect([...w.data]).toEqual([1, 1, 1, 1]);
  });

  it('other dims, negative dims and dim null', () => {
    const v = f32([2, 2], [3, 0, 4, 5]);
    expect([...foldWeightNorm(f32([1, 2], [1, 1]), v, 1).data].map((x) => +x.toFixed(6))).toEqual([
      0.6, 0, 0.8, 1,
    ]);
    expect([...foldWeightNorm(f32([1, 2], [1, 1]), v, -1).data].map((x) => +x.toFixed(6))).toEqual([
      0.6, 0, 0.8, 1,
    ]);
    const all = foldWeightNorm(f32([], [Math.sqrt(50)]), v, null);
    expect([...all.data].map((x) => +x.toFixed(5))).toEqual([3, 0, 4, 5]);
  });

  it('each folded slice has norm |g| (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (a, b, c, dim, seed) => {
          const shape = [a, b, c];
          let s = seed;
          const rand = () =>
            ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1 || 0.5;
          const v = f32(shape, Array.from({ length: a * b * c }, rand));
          const n = shape[dim] as number;
          const gShape = shape.map((d, i) => (i === dim ? d : 1));
          const g = f32(gShape, Array.from({ length: n }, rand));
          const w = foldWeightNorm(g, v, dim);
          for (let j = 0; j < n; j++)
            expect(sliceNorm(w, dim, j)).toBeCloseTo(
              Math.abs((g.data as Float32Array)[j] as number),
              4,
            );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts half-precision inputs', () => {
    const g = makeTensorData('float16', [1, 1], new Uint16Array([0x4000])) as TensorData; // 2.0
    const v = makeTensorData('bfloat16', [1, 2], new Uint16Array([0x4040, 0x4080])) as TensorData; // 3, 4
    expect([...foldWeightNorm(g, v).data]).toEqual([Math.fround(1.2), Math.fround(1.6)]);
  });

  it('rejects shapes that do not fit and all-zero directions', () => {
    catchVocoderError(
      () => foldWeightNorm(f32([2, 1], [1, 1]), f32([3, 2], [1, 1, 1, 1, 1, 1])),
      'E_INVALID_ARGUMENT',
    );
    catchVocoderError(
      () => foldWeightNorm(f32([2, 2], [1, 1, 1, 1]), f32([2, 2], [1, 1, 1, 1])),
      'E_INVALID_ARGUMENT',
    );
    catchVocoderError(
      () => foldWeightNorm(f32([1], [1]), f32([2], [1, 1]), 3),
      'E_INVALID_ARGUMENT',
    );
    catchVocoderError(
      () => foldWeightNorm(f32([2, 1], [1, 1]), f32([2, 2], [0, 0, 1, 1])),
      'E_INVALID_ARGUMENT',
    );
    expect(() => foldWeightNorm({} as TensorData, f32([1], [1]))).toThrow(TypeError);
    expect(() => foldWeightNorm(f32([1], [1]), f32([1], [1]), 0.5)).toThrow(TypeError);
  });
});

describe('foldWeightNormStateDict', () => {
  it('replaces each pair by weight at the position of weight_g and keeps the rest', () => {
    const sd = new Map<string, TensorData>([
      ['conv.bias', f32([2], [0, 0])],
      ['conv.weight_g', f32([2, 1, 1], [1, 1])],
      ['conv.weight_v', f32([2, 1, 1], [5, -5])],
      ['post.weight', f32([1], [7])],
    ]);
    const out = foldWeightNormStateDict(sd);
    expect([...out.keys()]).toEqual(['conv.bias', 'conv.weight', 'post.weight']);
    expect([...(out.get('conv.weight')?.data ?? [])]).toEqual([1, -1]);
  });

  it('infers dim from the shape of weight_g (full norm when g is all ones)', () => {
    const out = foldWeightNormStateDict(
      new Map([
        ['weight_g', f32([1, 1], [5])],
        ['weight_v', f32([2, 2], [3, 0, 4, 0])],
      ]),
    );
    expect([...(out.get('weight')?.data ?? [])]).toEqual([3, 0, 4, 0]);
  });

  it('reports lone halves, misfits and duplicates as E_CHECKPOINT_INVALID', () => {
    const g = f32([2, 1], [1, 1]);
    const v = f32([2, 2], [1, 1, 1, 1]);
    catchVocoderError(
      () => foldWeightNormStateDict(new Map([['a.weight_g', g]])),
      'E_CHECKPOINT_INVALID',
    );
    catchVocoderError(
      () => foldWeightNormStateDict(new Map([['a.weight_v', v]])),
      'E_CHECKPOINT_INVALID',
    );
    catchVocoderError(
      () =>
        foldWeightNormStateDict(
          new Map([
            ['a.weight_g', f32([2, 2], [1, 1, 1, 1])],
            ['a.weight_v', v],
          ]),
        ),
      'E_CHECKPOINT_INVALID',
    );
    catchVocoderError(
      () =>
        foldWeightNormStateDict(
          new Map([
            ['a.weight', v],
            ['a.weight_g', g],
            ['a.weight_v', v],
          ]),
        ),
      'E_CHECKPOINT_INVALID',
    );
    catchVocoderError(
      () =>
        foldWeightNormStateDict(
          new Map([
            ['a.weight_g', g],
            ['a.weight_v', f32([2, 2], [0, 0, 1, 1])],
          ]),
        ),
      'E_CHECKPOINT_INVALID',
    );
    expect(() => foldWeightNormStateDict({} as Map<string, TensorData>)).toThrow(TypeError);
  });
});
