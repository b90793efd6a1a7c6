import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../src/index.js';
import { run1 } from './helpers/ort.js';
import { uniform } from './helpers/random.js';
import {
  as2d,
  conv2d,
  convTranspose2d,
  expectClose,
  matmul,
  params1d,
  type T,
} from './helpers/reference.js';

function tensor(dims: number[], seed: number): T {
  return {
    data: uniform(
      dims.reduce((a, b) => a * b, 1),
      seed,
    ),
    dims,
  };
}

describe('conv', () => {
  const cases = [
    {
      name: 'plain',
      C: 4,
      Co: 6,
      k: 3,
      pads: [1, 1] as [number, number],
      stride: 1,
      dilation: 1,
      group: 1,
    },
    {
      name: 'strided-dilated',
      C: 4,
      Co: 6,
      k: 3,
      pads: [2, 3] as [number, number],
      stride: 2,
      dilation: 3,
      group: 1,
    },
    {
      name: 'grouped',
      C: 6,
      Co: 4,
      k: 5,
      pads: [2, 2] as [number, number],
      stride: 1,
      dilation: 2,
      group: 2,
    },
  ];
  for (const c of cases) {
    it(`Conv1d ${c.name} matches the reference`, async () => {
      const x = tensor([2, c.C, 17], 1);
      const w = tensor([c.Co, c.C / c.group, c.k], 2);
      const b = uniform(c.Co, 3);
      const g = new GraphBuilder({ name: 'conv1d' });
      const xi = g.input('x', 'float32', ['batch', c.C, 'time']);
      const pads = c.pads[0] === c.pads[1] ? c.pads[0] : [c.pads[0], c.pads[1]];
      const y = g.conv(xi, g.initializer('w', w.data, w.dims), g.initializer('b', b, [c.Co]), {
        pads,
        strides: c.stride,
        dilations: c.dilation,
        group: c.group,
      });
      g.output(y, 'y', ['batch', c.Co, 'out_time']);
      const out = await run1(`conv1d-${c.name}`, g, { x });
      const ref = conv2d(as2d(x), as2d(w), b, params1d(c));
      expect(out.dims).toEqual([2, c.Co, ref.dims[3]]);
      expectClose(out.data as Float32Array, ref.data, 1e-5);
    });
  }

  it('Conv2d with per-axis pads, strides and dilations matches the reference', async () => {
    const x = tensor([1, 3, 9, 11], 4);
    const w = tensor([4, 3, 3, 2], 5);
    const p = { pads: [1, 0, 2, 1], strides: [2, 1], dilations: [1, 2], group: 1 };
    const g = new GraphBuilder({ name: 'conv2d' });
    const y = g.conv(
      g.input('x', 'float32', [1, 3, 'h', 'w']),
      g.initializer('w', w.data, w.dims),
      undefined,
      p,
    );
    g.output(y, 'y', [1, 4, 'oh', 'ow']);
    const out = await run1('conv2d', g, { x });
    const ref = conv2d(x, w, undefined, p);
    expect(out.dims).toEqual(ref.dims);
    expectClose(out.data as Float32Array, ref.data);
  });

  it('ConvTranspose1d as in the HiFi-GAN upsampler (k 16, stride 8, padding 4)', async () => {
    const x = tensor([1, 8, 5], 6);
    const w = tensor([8, 4, 16], 7);
    const b = uniform(4, 8);
    const g = new GraphBuilder({ name: 'ups' });
    const y = g.convTranspose(
      g.input('x', 'float32', [1, 8, 'frames']),
      g.initializer('w', w.data, w.dims),
      g.initializer('b', b, [4]),
      {
        strides: 8,
        pads: 4,
      },
    );
    g.output(y, 'y', [1, 4, 'samples']);
    const out = await run1('convtranspose1d', g, { x });
    const ref = convTranspose2d(
      as2d(x),
      as2d(w),
      b,
      params1d({ pads: [4, 4], stride: 8, dilation: 1, group: 1 }),
    );
    expect(out.dims).toEqual([1, 4, 40]);
    expectClose(out.data as Float32Array, ref.data);
  });

  it('ConvTranspose1d with groups, dilation and output padding', async () => {
    const x = tensor([2, 4, 6], 9);
    const w = tensor([4, 3, 3], 10);
    const p = {
      pads: [1, 0] as [number, number],
      stride: 3,
      dilation: 2,
      group: 2,
      outputPadding: 1,
    };
    const g = new GraphBuilder({ name: 'ct' });
    const y = g.convTranspose(
      g.input('x', 'float32', ['n', 4, 't']),
      g.initializer('w', w.data, w.dims),
      undefined,
      {
        pads: [1, 0],
        strides: 3,
        dilations: 2,
        group: 2,
        outputPadding: 1,
      },
    );
    g.output(y, 'y', ['n', 6, 'out_t']);
    const out = await run1('convtranspose1d-group', g, { x });
    const ref = convTranspose2d(as2d(x), as2d(w), undefined, params1d(p));
    expect(out.dims).toEqual([2, 6, ref.dims[3]]);
    expectClose(out.data as Float32Array, ref.data);
  });

  it('ConvTranspose2d as in the DiffWave upsampler (kernel [3, 32], stride [1, 16], padding [1, 8])', async () => {
    const x = tensor([1, 1, 4, 3], 11);
    const w = tensor([1, 1, 3, 32], 12);
    const p = { pads: [1, 8, 1, 8], strides: [1, 16], dilations: [1, 1], group: 1 };
    const g = new GraphBuilder({ name: 'dw' });
    const y = g.convTranspose(
      g.input('x', 'float32', [1, 1, 4, 'frames']),
      g.initializer('w', w.data, w.dims),
      undefined,
      {
        pads: [1, 8, 1, 8],
        strides: [1, 16],
      },
    );
    g.output(y, 'y', [1, 1, 4, 'samples']);
    const out = await run1('convtranspose2d', g, { x });
    const ref = convTranspose2d(x, w, undefined, p);
    expect(out.dims).toEqual([1, 1, 4, 48]);
    expectClose(out.data as Float32Array, ref.data);
  });

  it('works when the weight is computed in the graph, given per-axis options', async () => {
    const x = tensor([1, 2, 6], 13);
    const w = tensor([3, 2, 3], 14);
    const g = new GraphBuilder({ name: 'dynamic-weight' });
    const wv = g.mul(g.initializer('w', w.data, w.dims), 2);
    g.output(
      g.conv(g.input('x', 'float32', [1, 2, 't']), wv, undefined, { pads: [1, 1], strides: [1] }),
      'y',
      [1, 3, 't'],
    );
    const out = await run1('conv-computed-weight', g, { x });
    const w2 = { data: w.data.map((v) => 2 * v), dims: w.dims };
    const ref = conv2d(
      as2d(x),
      as2d(w2),
      undefined,
      params1d({ pads: [1, 1], stride: 1, dilation: 1, group: 1 }),
    );
    expectClose(out.data as Float32Array, ref.data);
  });

  it('rejects inconsistent convolution settings while building', () => {
    const g = new GraphBuilder({ name: 'bad' });
    const x = g.input('x', 'float32', [1, 4, 't']);
    const w = g.initializer('w', new Float32Array(6 * 4 * 3), [6, 4, 3]);
    expect(() => g.conv(x, w, undefined, { pads: [1, 1, 1] })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => g.conv(x, w, undefined, { group: 4 })).toThrowError(/channels|groups/);
    expect(() => g.conv(x, w, g.initializer('b', new Float32Array(5), [5]))).toThrowError(
      /bias must have shape \[6\]/,
    );
    expect(() => g.conv(x, w, undefined, { strides: 0 })).toThrowError(/>= 1/);
    expect(() => g.conv(x, g.mul(w, 1))).toThrowError(/per-axis lists/);
    const y = g.input('y', 'float32', [1, 5, 't']);
    expect(() => g.conv(y, w)).toThrowError(/5 channels/);
    const xi = g.input('xi', 'int64', [1, 4, 't']);
    expect(() => g.conv(xi, w)).toThrowError(/one dtype/);
  });
});

describe('matrix products', () => {
  it('MatMul (batched) and Gemm (transB, alpha, beta, bias) match the reference', async () => {
    const a = uniform(2 * 3 * 4, 20);
    const b = uniform(4 * 5, 21);
    const g = new GraphBuilder({ name: 'mm' });
    g.output(
      g.matMul(g.input('a', 'float32', [2, 3, 4]), g.initializer('b', b, [4, 5])),
      'y',
      [2, 3, 5],
    );
    const out = await run1('matmul', g, { a: { data: a, dims: [2, 3, 4] } });
    expectClose(out.data as Float32Array, matmul(a, b, 6, 4, 5));

    // PyTorch Linear: y = x W^T + b with W [out, in].
    const W = uniform(5 * 4, 22);
    const bias = uniform(5, 23);
    const h = new GraphBuilder({ name: 'gemm' });
    const x = h.input('x', 'float32', ['n', 4]);
    h.output(
      h.gemm(x, h.initializer('W', W, [5, 4]), h.initializer('bias', bias, [5]), {
        transB: true,
        alpha: 0.5,
        beta: 2,
      }),
      'y',
      ['n', 5],
    );
    const got = await run1('gemm', h, { x: { data: a.subarray(0, 12), dims: [3, 4] } });
    const Wt = new Float32Array(20);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 4; j++) Wt[j * 5 + i] = W[i * 4 + j]!;
    const ref = matmul(a.subarray(0, 12), Wt, 3, 4, 5).map((v, i) => 0.5 * v + 2 * bias[i % 5]!);
    expectClose(got.data as Float32Array, ref);
  });
});
