/**
 * The float64 reference (reference.ts) and the fixtures' reach (specs.ts) against hand-computed
 * cases, so that the comparisons with the native kernels rest on something checked. These run
 * everywhere: they do not need the addon.
 */
import { describe, expect, it } from 'vitest';
import type { ConvStackConv, ConvStackSpec } from '@voirs/core';
import { conv1d, interleave, referenceConvStack, referenceWindow } from './reference.js';
import {
  buildSpec,
  generousHalo,
  prng,
  resBlock1,
  resBlock2,
  stackReach,
  uniform,
  upsampleOf,
  type StackLayout,
} from './specs.js';

/** A convolution from nested weights [out][in][kernel]. */
function convOf(
  weights: number[][][],
  bias: number[],
  options: { dilation?: number; padLeft: number; padRight: number },
): ConvStackConv {
  return {
    weight: Float32Array.from(weights.flat(2)),
    bias: Float32Array.from(bias),
    outChannels: weights.length,
    inChannels: weights[0]!.length,
    kernel: weights[0]![0]!.length,
    dilation: options.dilation ?? 1,
    padLeft: options.padLeft,
    padRight: options.padRight,
  };
}

const rows = (...r: number[][]) => r.map((x) => Float64Array.from(x));
const plain = (r: Float64Array[]) => r.map((x) => Array.from(x));

describe('reference conv1d', () => {
  it('computes bias + sum of w[o][i][j] * in[i][t - padLeft + j * dilation], zero outside', () => {
    // one input channel [1, 2, 3, 4], kernel [1, 10, 100], dilation 2, pads 1 / 3
    const conv = convOf([[[1, 10, 100]]], [0.5], { dilation: 2, padLeft: 1, padRight: 3 });
    // out[t] = 0.5 + x[t-1] + 10 x[t+1] + 100 x[t+3]
    expect(plain(conv1d(conv, rows([1, 2, 3, 4])))).toEqual([
      [0.5 + 0 + 20 + 400, 0.5 + 1 + 30 + 0, 0.5 + 2 + 40 + 0, 0.5 + 3 + 0 + 0],
    ]);
  });

  it('sums over input channels per output channel', () => {
    const conv = convOf(
      [
        [[1], [2]],
        [[-1], [0.5]],
      ],
      [0, 1],
      { padLeft: 0, padRight: 0 },
    );
    expect(plain(conv1d(conv, rows([1, 2], [10, 20])))).toEqual([
      [21, 42],
      [5, 9],
    ]);
  });
});

describe('reference interleave', () => {
  it('puts phase r of channel c at output[c][m * stride + r] = phases[r * channels + c][m]', () => {
    // stride 2, 2 channels: phases 0, 1 are r = 0 of channels 0, 1; phases 2, 3 are r = 1
    const phases = rows([1, 2], [3, 4], [5, 6], [7, 8]);
    expect(plain(interleave(phases, 2, 2))).toEqual([
      [1, 5, 2, 6],
      [3, 7, 4, 8],
    ]);
  });

  it('handles stride 3 with one channel', () => {
    expect(plain(interleave(rows([1, 2], [3, 4], [5, 6]), 3, 1))).toEqual([[1, 3, 5, 2, 4, 6]]);
  });
});

describe('reference conv stack', () => {
  it('matches a hand-computed ResBlock2 stack (stride 2, two blocks summed)', () => {
    const one = (w: number[][][], b: number[]) => convOf(w, b, { padLeft: 0, padRight: 0 });
    const spec: ConvStackSpec = {
      inChannels: 1,
      halo: 0,
      stages: [
        {
          slope: 0.1,
          stride: 2,
          channels: 1,
          upsample: one([[[1]], [[2]]], [0, 0]),
          blockSlope: 0.3,
          // each block: h = s + (0 * lrelu(s) + 0.5)
          blocks: [[[one([[[0]]], [0.5])]], [[one([[[0]]], [0.5])]]],
        },
      ],
      postSlope: 0.01,
      post: one([[[1]]], [0]),
    };
    // lrelu(x) = [1, -0.1]; s = [1, 2, -0.1, -0.2]; sum of blocks = 2 s + 1
    const out = referenceConvStack(spec, Float32Array.from([1, -1]), 2);
    expect(Array.from(out)).toEqual([3, 5, 0.8, 0.6].map(Math.tanh));
  });

  it('matches a hand-computed ResBlock1 step (conv2(lrelu(conv1(lrelu(h)))) added to h)', () => {
    const one = (w: number, b: number) => convOf([[[w]]], [b], { padLeft: 0, padRight: 0 });
    const spec: ConvStackSpec = {
      inChannels: 1,
      halo: 0,
      stages: [
        {
          slope: 0.5,
          stride: 1,
          channels: 1,
          upsample: one(1, 0),
          blockSlope: 0.5,
          blocks: [[[one(2, 0), one(1, -1)]]],
        },
      ],
      postSlope: 0.2,
      post: one(1, 0),
    };
    // s = lrelu([-2, 3]) = [-1, 3]; conv1(lrelu(s)) = [-1, 6]; conv2(lrelu(.)) = [-1.5, 5]
    // h = [-2.5, 8]; lrelu(0.2) = [-0.5, 8]
    const out = referenceConvStack(spec, Float32Array.from([-2, 3]), 2);
    expect(Array.from(out)).toEqual([Math.tanh(-0.5), Math.tanh(8)]);
  });

  it('clips to [-1, 1] after tanh', () => {
    const conv = convOf([[[1e6]]], [0], { padLeft: 0, padRight: 0 });
    const spec: ConvStackSpec = {
      inChannels: 1,
      halo: 0,
      stages: [
        {
          slope: 1,
          stride: 1,
          channels: 1,
          upsample: conv,
          blockSlope: 1,
          blocks: [[[convOf([[[0]]], [0], { padLeft: 0, padRight: 0 })]]],
        },
      ],
      postSlope: 1,
      post: conv,
    };
    expect(Array.from(referenceConvStack(spec, Float32Array.from([1, -1]), 2))).toEqual([1, -1]);
  });
});

describe('stackReach (the halo the tests give the kernels)', () => {
  const layout = (stride: number): StackLayout => ({
    name: 'reach',
    inChannels: 1,
    stages: [{ stride, channels: 1, upsample: { kernel: 3 }, blocks: [resBlock2(3, [1])] }],
    post: { kernel: 3 },
  });

  it('adds up the paddings at stride 1 and divides the later ones by the stride', () => {
    expect(stackReach(buildSpec(layout(1), 1))).toBe(3);
    // stride 2: upsampler 1 input sample; block and post 2 samples at twice the rate: 1 more
    expect(stackReach(buildSpec(layout(2), 1))).toBe(2);
  });

  it('is never more than the generous bound', () => {
    const spec = buildSpec(layout(3), 1);
    expect(stackReach(spec)).toBeLessThanOrEqual(generousHalo(spec));
  });

  const layouts: StackLayout[] = [
    {
      name: 'stride 2, asymmetric upsampler, ResBlock1',
      inChannels: 2,
      stages: [
        {
          stride: 2,
          channels: 2,
          upsample: { kernel: 4, padLeft: 3 },
          blocks: [resBlock1(3, [1, 3])],
        },
      ],
      post: { kernel: 5, padLeft: 1 },
    },
    {
      name: 'strides 3 and 2, ResBlock2',
      inChannels: 2,
      stages: [
        {
          stride: 3,
          channels: 2,
          upsample: { kernel: 5, padLeft: 0 },
          blocks: [resBlock2(3, [3])],
        },
        { stride: 2, channels: 1, upsample: { kernel: 3 }, blocks: [resBlock2(5, [1, 2])] },
      ],
      post: { kernel: 3 },
    },
  ];

  for (const l of layouts)
    it(`is exactly the context a window needs (${l.name})`, () => {
      const spec = buildSpec(l, 7);
      const reach = stackReach(spec);
      const length = 6 * reach + 20;
      const input = uniform(prng(3), spec.inChannels * length);
      const whole = referenceConvStack(spec, input, length);
      const u = upsampleOf(spec);
      const [from, to] = [2 * reach + 3, 4 * reach + 7];
      const part = whole.subarray(from * u, to * u);
      const maxDiff = (a: Float64Array) => Math.max(...a.map((v, i) => Math.abs(v - part[i]!)));
      expect(maxDiff(referenceWindow(spec, input, length, from, to, reach))).toBeLessThan(1e-12);
      // one sample less changes the output: the reach is not just an upper bound
      expect(maxDiff(referenceWindow(spec, input, length, from, to, reach - 1))).toBeGreaterThan(
        1e-9,
      );
    });
});
