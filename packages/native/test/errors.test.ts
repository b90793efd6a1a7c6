/**
 * Validation: specs the kernels cannot run, bad run() inputs and bad thread counts throw
 * ConfigError E_INVALID_ARGUMENT with a message naming the problem (and the layer).
 */
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  type ConvStackConv,
  type ConvStackSpec,
  type ConvStackStage,
} from '@voirs/core';
import { loadNativeKernels, MAX_PADDING } from '../src/index.js';
import { kernels, skipNative, titled } from './availability.js';
import { buildSpec, prng, resBlock1, resBlock2, uniform, type StackLayout } from './specs.js';

/** Expects `run` to throw (or reject with) ConfigError E_INVALID_ARGUMENT matching `message`. */
async function expectInvalid(run: () => unknown, message: RegExp): Promise<void> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'throws').toBeInstanceOf(ConfigError);
  expect((caught as ConfigError).code).toBe('E_INVALID_ARGUMENT');
  expect((caught as ConfigError).message).toMatch(message);
}

describe('loadNativeKernels thread count', () => {
  // checked before the addon is loaded: these run everywhere
  for (const threads of [0, 65, 1.5, -1, Number.NaN, Number.POSITIVE_INFINITY])
    it(`refuses threads: ${threads}`, async () => {
      await expectInvalid(
        () => loadNativeKernels({ threads }),
        /threads must be an integer in \[1, 64\]/,
      );
    });

  it('accepts threads 1 and 64', () => {
    for (const threads of [1, 64]) {
      const k = loadNativeKernels({ threads });
      if (k !== undefined) expect(k.threads).toBe(threads);
    }
  });
});

/** Two stages so that errors in the second one must name "stage 1". */
const LAYOUT: StackLayout = {
  name: 'errors',
  inChannels: 4,
  stages: [
    { stride: 2, channels: 8, upsample: { kernel: 4 }, blocks: [resBlock1(3, [1, 3])] },
    { stride: 3, channels: 3, upsample: { kernel: 3 }, blocks: [resBlock2(3, [1])] },
  ],
  post: { kernel: 7 },
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type StageEdit = Partial<Mutable<ConvStackStage>>;

describe.skipIf(skipNative)(titled('prepareConvStack refuses a bad spec'), () => {
  const good = buildSpec(LAYOUT, 1);
  const stage = (s: number): ConvStackStage => good.stages[s]!;
  const withStage = (s: number, edit: StageEdit): ConvStackSpec => ({
    ...good,
    stages: good.stages.map((st, i) => (i === s ? { ...st, ...edit } : st)),
  });
  const withUpsample = (s: number, edit: Partial<Mutable<ConvStackConv>>) =>
    withStage(s, { upsample: { ...stage(s).upsample, ...edit } });
  const withPost = (edit: Partial<Mutable<ConvStackConv>>): ConvStackSpec => ({
    ...good,
    post: { ...good.post, ...edit },
  });
  /** Stage s, block 0, step 0, conv 0 replaced by `conv`. */
  const withBlockConv = (s: number, conv: ConvStackConv): ConvStackSpec => {
    const [first, ...rest] = stage(s).blocks[0]!;
    return withStage(s, {
      blocks: [[[conv, ...first!.slice(1)], ...rest], ...stage(s).blocks.slice(1)],
    });
  };
  const blockConv = (s: number) => stage(s).blocks[0]![0]![0]!;
  const prepare = (spec: ConvStackSpec) => () => kernels(1).prepareConvStack(spec);

  it('accepts the unmodified spec (the control)', () => {
    expect(kernels(1).prepareConvStack(good).upsample).toBe(6);
  });

  const cases: [string, () => ConvStackSpec, RegExp][] = [
    [
      'a weight of the wrong length',
      () => withUpsample(1, { weight: new Float32Array(stage(1).upsample.weight.length - 1) }),
      /stage 1 upsampler: weight has \d+ values, \[out, in, kernel\] needs \d+/,
    ],
    [
      'a bias of the wrong length',
      () => withPost({ bias: new Float32Array(2) }),
      /post convolution: bias has 2 values, not 1/,
    ],
    [
      'weights in a Float64Array',
      () =>
        withBlockConv(0, {
          ...blockConv(0),
          weight: Float64Array.from(blockConv(0).weight) as never,
        }),
      /stage 0 block 0 step 0 conv 0: weight and bias must be Float32Arrays/,
    ],
    [
      `padLeft ${MAX_PADDING + 1} (over MAX_PADDING)`,
      () =>
        withBlockConv(1, {
          ...blockConv(1),
          dilation: MAX_PADDING + 1,
          padLeft: MAX_PADDING + 1,
          padRight: MAX_PADDING + 1,
        }),
      /stage 1 block 0 step 0 conv 0: padLeft must be an integer in \[0, 64\], got 65/,
    ],
    [
      'a negative padRight',
      () => withPost({ padRight: -1 }),
      /post convolution: padRight must be an integer in \[0, 64\], got -1/,
    ],
    [
      'a negative slope',
      () => withStage(0, { slope: -0.1 }),
      /stage 0: leaky ReLU slopes must be in \[0, 1\]/,
    ],
    [
      'a NaN block slope',
      () => withStage(1, { blockSlope: Number.NaN }),
      /stage 1: leaky ReLU slopes/,
    ],
    ['a slope over 1', () => withStage(0, { slope: 1.5 }), /stage 0: leaky ReLU slopes/],
    ['a postSlope over 1', () => ({ ...good, postSlope: 2 }), /postSlope must be in \[0, 1\]/],
    [
      'a NaN postSlope',
      () => ({ ...good, postSlope: Number.NaN }),
      /postSlope must be in \[0, 1\]/,
    ],
    [
      'an upsampler whose outputs are not stride * channels',
      () => withStage(1, { channels: 4 }),
      /stage 1: the upsampler must map 8 channels to stride \* channels = 12/,
    ],
    [
      "an upsampler whose inputs are not the previous stage's channels",
      () => ({ ...good, inChannels: 5 }),
      /stage 0: the upsampler must map 5 channels/,
    ],
    [
      'a residual convolution that changes the channels',
      () => {
        const c = blockConv(0);
        return withBlockConv(0, {
          ...c,
          outChannels: 4,
          weight: new Float32Array(4 * c.inChannels * c.kernel),
          bias: new Float32Array(4),
        });
      },
      /stage 0 block 0 step 0: residual convolutions keep the stage's 8 channels/,
    ],
    ['a stage without blocks', () => withStage(1, { blocks: [] }), /stage 1: no residual blocks/],
    ['a block without steps', () => withStage(0, { blocks: [[]] }), /stage 0 block 0: no steps/],
    [
      'a step of three convolutions',
      () => withStage(1, { blocks: [[[blockConv(1), blockConv(1), blockConv(1)]]] }),
      /stage 1 block 0 step 0: a step has one or two convolutions/,
    ],
    [
      'a post convolution with 2 output channels',
      () =>
        withPost({
          outChannels: 2,
          weight: new Float32Array(2 * good.post.inChannels * good.post.kernel),
          bias: new Float32Array(2),
        }),
      /the post convolution must map 3 channels to 1/,
    ],
    [
      'a non-integer kernel',
      () => withUpsample(0, { kernel: 4.5 }),
      /stage 0 upsampler: kernel must be a positive integer, got 4.5/,
    ],
    [
      'a zero dilation',
      () => withPost({ dilation: 0 }),
      /post convolution: dilation must be a positive integer/,
    ],
    ['a negative halo', () => ({ ...good, halo: -1 }), /halo must be a non-negative integer/],
    ['a non-integer halo', () => ({ ...good, halo: 2.5 }), /halo must be a non-negative integer/],
    [
      'a winograd flag that is not a boolean',
      () => ({ ...good, winograd: 1 as unknown as boolean }),
      /winograd must be a boolean/,
    ],
    [
      'a zero stride',
      () => withStage(0, { stride: 0 }),
      /stage 0: stride and channels must be positive integers/,
    ],
    [
      'a kernel whose padding does not keep the length',
      () => withPost({ kernel: 7, dilation: 20, padLeft: 0, padRight: 0 }),
      /post convolution: padLeft \+ padRight must be \(kernel - 1\) \* dilation = 120/,
    ],
    [
      'stages that are not an array',
      () => ({ ...good, stages: {} as never }),
      /stages must be an array/,
    ],
    [
      'a dilation the addon refuses (its own check, wrapped)',
      // kernel 1: no padding needed, so only the addon's [1, 1024] range catches it
      () =>
        withPost({
          kernel: 1,
          dilation: 2000,
          padLeft: 0,
          padRight: 0,
          weight: new Float32Array(3),
        }),
      /^Conv stack: dilation must be an integer in \[1, 1024\]\.$/,
    ],
  ];

  for (const [what, spec, message] of cases)
    it(`refuses ${what}`, async () => {
      await expectInvalid(prepare(spec()), message);
    });
});

describe.skipIf(skipNative)(titled('run() refuses bad input'), () => {
  const spec = buildSpec(LAYOUT, 2);

  const cases: [string, () => [unknown, number]][] = [
    ['an input one float short', () => [new Float32Array(4 * 10 - 1), 10]],
    ['an input for another channel count', () => [new Float32Array(3 * 10), 10]],
    ['a Float64Array', () => [new Float64Array(4 * 10), 10]],
    ['a plain array', () => [Array.from({ length: 40 }, () => 0), 10]],
    ['length 0', () => [new Float32Array(0), 0]],
    ['a negative length', () => [new Float32Array(0), -1]],
    ['a non-integer length', () => [new Float32Array(6), 1.5]],
  ];

  for (const [what, args] of cases)
    it(`refuses ${what} with a rejected promise`, async () => {
      const stack = kernels(1).prepareConvStack(spec);
      const [input, length] = args();
      await expectInvalid(
        () => stack.run(input as Float32Array, length),
        /Conv stack input must be a Float32Array of 4 x length floats/,
      );
    });

  it('still runs after refusing an input', async () => {
    const stack = kernels(1).prepareConvStack(spec);
    await expect(stack.run(new Float32Array(3), 1)).rejects.toBeInstanceOf(ConfigError);
    const output = await stack.run(uniform(prng(1), 4 * 5), 5);
    expect(output.length).toBe(30);
  });
});
