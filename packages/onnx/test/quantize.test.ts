import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, quantizeTensorPerChannel } from '../src/index.js';
import { run, run1 } from './helpers/ort.js';
import { uniform } from './helpers/random.js';
import { as2d, conv2d, expectClose, params1d } from './helpers/reference.js';

describe('quantizeTensorPerChannel', () => {
  it('reconstructs every value within half a step of its channel, for any axis', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.float({ min: Math.fround(1e-3), max: 1e3, noNaN: true }),
        fc.nat(),
        (dims, axisSeed, range, seed) => {
          const n = dims.reduce((a, b) => a * b, 1);
          const data = uniform(n, seed, -range, range);
          const axis = axisSeed % dims.length;
          const q = quantizeTensorPerChannel(data, dims, axis);
          const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
          for (let i = 0; i < n; i++) {
            const c = Math.floor(i / inner) % dims[axis]!;
            const s = q.scales[c]!;
            expect(Math.abs(q.data[i]!)).toBeLessThanOrEqual(127);
            expect(Math.abs(q.data[i]! * s - data[i]!)).toBeLessThanOrEqual(
              s / 2 + 1e-6 * Math.abs(data[i]!),
            );
          }
          expect(Array.from(q.zeroPoints)).toEqual(Array(dims[axis]).fill(0));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('uses the full int8 range per channel and handles zero channels and a negative axis', () => {
    const q = quantizeTensorPerChannel(Float32Array.of(0, 0, -2, 1, 0.5, 4), [3, 2], -2);
    expect(q.axis).toBe(0);
    expect(Array.from(q.scales)).toEqual([1, Math.fround(2 / 127), Math.fround(4 / 127)]);
    expect(Array.from(q.data)).toEqual([0, 0, -127, 64, 16, 127]);
  });

  it('rejects non-finite values, mismatched dims and bad axes', () => {
    expect(() => quantizeTensorPerChannel(Float32Array.of(1, NaN), [2], 0)).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => quantizeTensorPerChannel(Float32Array.of(1, 2, 3), [2], 0)).toThrowError(
      /do not describe/,
    );
    expect(() => quantizeTensorPerChannel(Float32Array.of(1, 2), [2], 1)).toThrowError(/axis 1/);
    expect(() => quantizeTensorPerChannel([1, 2] as unknown as Float32Array, [2], 0)).toThrowError(
      TypeError,
    );
  });

  it('dequantises in onnxruntime exactly as q * scale (DequantizeLinear with axis)', async () => {
    const w = uniform(6 * 4 * 3, 5, -0.3, 0.3);
    const q = quantizeTensorPerChannel(w, [6, 4, 3], 0);
    const g = new GraphBuilder({ name: 'dq', opset: 13 });
    const deq = g.dequantizeLinear(
      g.initializer('wq', q.data, [6, 4, 3]),
      g.initializer('scale', q.scales, [6]),
      g.initializer('zp', q.zeroPoints, [6]),
      { axis: 0 },
    );
    g.output(deq, 'w', [6, 4, 3]);
    const out = await run1('dequantize-per-channel', g, {});
    expect(Array.from(out.data as Float32Array)).toEqual(
      Array.from(q.data, (v, i) => Math.fround(v * q.scales[Math.floor(i / 12)]!)),
    );
  });
});

describe('quantisation ops', () => {
  it('QuantizeLinear rounds half to even and saturates; DequantizeLinear inverts it', async () => {
    const x = Float32Array.of(-300, -1.5, -0.5, 0.5, 1.5, 2.5, 126.6, 400);
    const g = new GraphBuilder({ name: 'q' });
    const xi = g.input('x', 'float32', [8]);
    const scale = g.initializer('s', Float32Array.of(1), []);
    const zp = g.initializer('zp', Int8Array.of(0), []);
    const q = g.quantizeLinear(xi, scale, zp);
    g.output(q, 'q', [8]);
    g.output(g.dequantizeLinear(q, scale, zp), 'dq', [8]);
    const qu = g.quantizeLinear(xi, scale);
    g.output(qu, 'qu', [8]);
    const out = await run('quantize', g, { x: { data: x, dims: [8] } });
    expect(out.q!.type).toBe('int8');
    expect(Array.from(out.q!.data as Int8Array)).toEqual([-128, -2, 0, 0, 2, 2, 127, 127]);
    expect(Array.from(out.dq!.data as Float32Array)).toEqual([-128, -2, 0, 0, 2, 2, 127, 127]);
    expect(out.qu!.type).toBe('uint8');
    expect(Array.from(out.qu!.data as Uint8Array)).toEqual([0, 0, 0, 0, 2, 2, 127, 255]);
  });

  it('MatMulInteger and ConvInteger give exact int32 results', async () => {
    const a = Int8Array.of(1, -2, 3, 4, 5, -6);
    const b = Int8Array.of(7, 8, -9, 10, 11, 12);
    const g = new GraphBuilder({ name: 'int' });
    const ai = g.input('a', 'int8', [2, 3]);
    g.output(
      g.matMulInteger(ai, g.initializer('b', b, [3, 2]), g.initializer('azp', Int8Array.of(1), [])),
      'mm',
      [2, 2],
    );
    const x = g.input('x', 'int8', [1, 2, 'n']);
    const w = g.initializer('w', Int8Array.of(1, 2, 3, -1, -2, -3), [1, 2, 3]);
    g.output(g.convInteger(x, w, undefined, undefined, { pads: 1 }), 'conv', [1, 1, 'n']);
    const xd = Int8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const out = await run('integer', g, {
      a: { data: a, dims: [2, 3] },
      x: { data: xd, dims: [1, 2, 4] },
    });
    const am = Array.from(a, (v) => v - 1);
    expect(Array.from(out.mm!.data as Int32Array)).toEqual([
      am[0]! * 7 + am[1]! * -9 + am[2]! * 11,
      am[0]! * 8 + am[1]! * 10 + am[2]! * 12,
      am[3]! * 7 + am[4]! * -9 + am[5]! * 11,
      am[3]! * 8 + am[4]! * 10 + am[5]! * 12,
    ]);
    const ref = conv2d(
      as2d({ data: Float32Array.from(xd), dims: [1, 2, 4] }),
      as2d({ data: Float32Array.of(1, 2, 3, -1, -2, -3), dims: [1, 2, 3] }),
      undefined,
      params1d({ pads: [1, 1], stride: 1, dilation: 1, group: 1 }),
    );
    expect(Array.from(out.conv!.data as Int32Array)).toEqual(Array.from(ref.data));
  });

  it('QLinearConv matches dequantise -> conv -> requantise', async () => {
    const xq = Uint8Array.of(120, 130, 140, 150, 100, 90, 80, 128);
    const wq = Int8Array.of(10, -20, 30, -5, 15, 25);
    const [xs, xz, ws, ys, yz] = [0.05, 128, 0.01, 0.02, 100];
    const g = new GraphBuilder({ name: 'qconv' });
    const y = g.qLinearConv(
      {
        x: g.input('x', 'uint8', [1, 2, 'n']),
        xScale: g.initializer('xs', Float32Array.of(xs), []),
        xZeroPoint: g.initializer('xz', Uint8Array.of(xz), []),
        w: g.initializer('w', wq, [1, 2, 3]),
        wScale: g.initializer('ws', Float32Array.of(ws), [1]),
        wZeroPoint: g.initializer('wz', Int8Array.of(0), [1]),
        yScale: g.initializer('ys', Float32Array.of(ys), []),
        yZeroPoint: g.initializer('yz', Uint8Array.of(yz), []),
        bias: g.initializer('bias', Int32Array.of(40), [1]),
      },
      { pads: 1 },
    );
    g.output(y, 'y', [1, 1, 'n']);
    const out = await run1('qlinearconv', g, { x: { data: xq, dims: [1, 2, 4] } });
    expect(out.type).toBe('uint8');
    const xf = { data: Float32Array.from(xq, (v) => (v - xz) * xs), dims: [1, 2, 4] };
    const wf = { data: Float32Array.from(wq, (v) => v * ws), dims: [1, 2, 3] };
    const ref = conv2d(
      as2d(xf),
      as2d(wf),
      Float32Array.of(40 * xs * ws),
      params1d({ pads: [1, 1], stride: 1, dilation: 1, group: 1 }),
    );
    const expected = Array.from(ref.data, (v) =>
      Math.max(0, Math.min(255, Math.round(v / ys) + yz)),
    );
    expectClose(Array.from(out.data as Uint8Array), expected, 1);
  });

  it('refuses float tensors where integers are required', () => {
    const g = new GraphBuilder({ name: 'bad' });
    const x = g.input('x', 'float32', [2, 2]);
    expect(() => g.matMulInteger(x, x)).toThrowError(/int8 or uint8/);
    expect(() =>
      g.quantizeLinear(
        x,
        g.initializer('s', Float32Array.of(1), []),
        g.initializer('z', Int32Array.of(0), []),
      ),
    ).toThrowError(/zero point/);
  });
});
