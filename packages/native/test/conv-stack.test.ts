/**
 * The native conv stack against the float64 reference (reference.ts): random weights from a seeded
 * PRNG over the layouts of layouts.ts (direct and Winograd stages); lengths from 1 sample to runs
 * that split a stage into several cache tiles; 1 to 3 threads (time windows with halo context,
 * blocks shared between threads on short inputs); Winograd against direct forms; concurrent runs. Skipped, with the reason in the title, where the addon cannot run (status.test.ts decides
 * whether that is acceptable).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConvStack, ConvStackSpec } from '@voirs/core';
import { kernels, skipNative, titled } from './availability.js';
import { LAYOUTS, WINOGRAD_LAYOUTS } from './layouts.js';
import { referenceConvStack, referenceWindow } from './reference.js';
import {
  buildSpec,
  expectClose,
  expectMeaningful,
  isWinogradStage,
  maxError,
  nativeTileLength,
  prng,
  resBlock1,
  resBlock2,
  stackReach,
  uniform,
  upsampleOf,
  windowsOf,
  type StackLayout,
} from './specs.js';

const LENGTHS = [1, 2, 7, 100];

/** Runs `stack` and the reference on random input of `length` samples and compares them. */
async function compare(
  stack: ConvStack,
  spec: ConvStackSpec,
  length: number,
  seed: number,
  what: string,
): Promise<Float32Array> {
  const input = uniform(prng(seed), spec.inChannels * length);
  const reference = referenceConvStack(spec, input, length);
  const output = await stack.run(input, length);
  expect(output).toBeInstanceOf(Float32Array);
  expect(output.length).toBe(length * upsampleOf(spec));
  expectClose(output, reference, what);
  return output;
}

describe.skipIf(skipNative)(titled('native conv stack vs the float64 reference'), () => {
  LAYOUTS.forEach((layout, n) => {
    describe(layout.name, () => {
      const spec = buildSpec(layout, 100 + n);
      let stack: ConvStack;
      beforeAll(() => {
        stack = kernels(1).prepareConvStack(spec);
      });

      it('reports its input channels and upsampling', () => {
        expect(stack.inChannels).toBe(layout.inChannels);
        expect(stack.upsample).toBe(upsampleOf(spec));
      });

      it('is a meaningful test: the reference output is neither ~0 nor saturated', () => {
        const length = 100;
        expectMeaningful(
          referenceConvStack(spec, uniform(prng(1), spec.inChannels * length), length),
          layout.name,
        );
      });

      for (const length of LENGTHS)
        it(`equals the reference for ${length} input sample${length === 1 ? '' : 's'}`, async () => {
          await compare(stack, spec, length, 1000 * n + length, `${layout.name}, length ${length}`);
        });
    });
  });

  describe('long runs whose stages split into several cache tiles', () => {
    const long: readonly { layout: StackLayout; length: number }[] = [
      {
        layout: {
          name: '1 stage, stride 2, 12 channels, ResBlock1 (k3, k7; d 1/3/5)',
          inChannels: 16,
          stages: [
            {
              stride: 2,
              channels: 12,
              upsample: { kernel: 4, padLeft: 1 },
              blocks: [resBlock1(3, [1, 3, 5]), resBlock1(7, [1, 3, 5])],
            },
          ],
          post: { kernel: 7 },
        },
        length: 4000,
      },
      {
        layout: {
          name: '2 stages, strides 2 and 2, 12 -> 16 -> 8 channels, ResBlock1 then ResBlock2',
          inChannels: 12,
          stages: [
            {
              stride: 2,
              channels: 16,
              upsample: { kernel: 4, padLeft: 1 },
              blocks: [resBlock1(3, [1, 3, 5])],
            },
            {
              stride: 2,
              channels: 8,
              upsample: { kernel: 4, padLeft: 2 },
              blocks: [resBlock2(3, [1, 3]), resBlock2(7, [1, 3])],
            },
          ],
          post: { kernel: 7 },
        },
        length: 3000,
      },
      {
        layout: {
          name: 'Winograd: 1 stage, stride 2, 8 -> 32 channels, ResBlock2 (k3, d 1/2)',
          inChannels: 8,
          stages: [
            {
              stride: 2,
              channels: 32,
              upsample: { kernel: 4, padLeft: 1 },
              blocks: [resBlock2(3, [1, 2])],
            },
          ],
          post: { kernel: 7 },
        },
        length: 5000,
      },
    ];

    long.forEach(({ layout, length }, n) => {
      const spec = buildSpec(layout, 200 + n);

      it(`${layout.name}: ${length} input samples, several tiles per stage`, async () => {
        // the test is only worth its time if every stage runs over several tiles
        let samples = length;
        for (const stage of spec.stages) {
          samples *= stage.stride;
          expect(samples / nativeTileLength(stage), 'tiles').toBeGreaterThan(1.4);
        }
        const input = uniform(prng(300 + n), spec.inChannels * length);
        const reference = referenceConvStack(spec, input, length);
        expectMeaningful(reference, layout.name);
        for (const threads of [1, 2]) {
          const output = await kernels(threads).prepareConvStack(spec).run(input, length);
          expectClose(output, reference, `${layout.name}, ${threads} threads`);
        }
      });
    });
  });
});

/**
 * A stack whose reach is the same on both sides and dominated by short paths (three convolutions
 * end to end), so that a window one sample short of context on either side changes the output by
 * about 1e-3, far over the tolerance.
 */
const SENSITIVE: StackLayout = {
  name: '1 stage, stride 2, 4 -> 3 channels, upsampler k5, ResBlock2 (k11, d3), post k7',
  inChannels: 4,
  stages: [{ stride: 2, channels: 3, upsample: { kernel: 5 }, blocks: [resBlock2(11, [3])] }],
  post: { kernel: 7 },
};

describe.skipIf(skipNative)(titled('threads: time windows with halo context'), () => {
  for (const [layout, seed] of [
    [SENSITIVE, 400],
    [LAYOUTS[3]!, 401], // 2 stages, strides 2 and 3
    [WINOGRAD_LAYOUTS[1]!, 402], // Winograd, 2 stages
  ] as const)
    describe(layout.name, () => {
      const spec = buildSpec(layout, seed);
      const halo = spec.halo;

      it('uses a spec whose halo is the exact reach of its layers', () => {
        expect(halo).toBe(stackReach(spec));
        expect(halo).toBeGreaterThan(10);
      });

      const lengths = [1, 7, 2 * halo - 1, 2 * halo, 6 * halo + 5, 12 * halo + 1];
      for (const threads of [1, 2, 3])
        describe(`${threads} thread${threads === 1 ? '' : 's'}`, () => {
          let stack: ConvStack;
          beforeAll(() => {
            stack = kernels(threads).prepareConvStack(spec);
          });

          it('binds the thread count', () => {
            expect(kernels(threads).threads).toBe(threads);
          });

          for (const length of lengths) {
            const windows = windowsOf(threads, length, halo);
            it(`equals the reference for ${length} samples (${windows} window${windows === 1 ? '' : 's'})`, async () => {
              const what = `${threads} threads, length ${length}`;
              await compare(stack, spec, length, seed + length, what);
            });
          }
        });
    });

  const spec = buildSpec(SENSITIVE, 400); // as in the tests above
  const halo = spec.halo;

  it('a window shorter than two halos runs its blocks on the spare threads, with the 1-thread output bit for bit (two and three blocks)', async () => {
    for (const layout of [LAYOUTS[0]!, WINOGRAD_LAYOUTS[0]!]) {
      const spec = buildSpec(layout, 610);
      const length = Math.max(2, spec.halo); // one window: each thread takes a group of blocks
      expect(windowsOf(2, length, spec.halo)).toBe(1);
      const input = uniform(prng(611), spec.inChannels * length);
      const one = await kernels(1).prepareConvStack(spec).run(input, length);
      const two = await kernels(2).prepareConvStack(spec).run(input, length);
      expect(two, layout.name).toEqual(one);
      expectClose(two, referenceConvStack(spec, input, length), layout.name);
    }
  });

  it('the windows of these tests are sensitive: one sample less context is off by > 1e-4', () => {
    // on the reference alone (a kernel may take more context than the halo; it may not take less)
    const length = 8 * halo;
    const input = uniform(prng(603), spec.inChannels * length);
    const whole = referenceConvStack(spec, input, length);
    const [from, to] = [3 * halo, 5 * halo];
    const u = upsampleOf(spec);
    const exact = whole.subarray(from * u, to * u);
    const short = referenceWindow(spec, input, length, from, to, halo - 1);
    const half = exact.length / 2;
    const off = (a: number, b: number) =>
      Math.max(...exact.subarray(a, b).map((v, i) => Math.abs(v - short[a + i]!)));
    expect(off(0, half), 'left border').toBeGreaterThan(1e-4);
    expect(off(half, exact.length), 'right border').toBeGreaterThan(1e-4);
  });

  it('runs split into windows: with halo 0 the output differs at the window borders', async () => {
    // the control for the tests above: were a run not split, halo would change nothing
    const length = 6 * halo + 5;
    const input = uniform(prng(600), spec.inChannels * length);
    const reference = referenceConvStack(spec, input, length);
    const noHalo = { ...spec, halo: 0 };
    const single = await kernels(1).prepareConvStack(noHalo).run(input, length);
    expectClose(single, reference, 'halo 0, 1 thread (one window)');
    const split = await kernels(3).prepareConvStack(noHalo).run(input, length);
    expect(maxError(split, reference).error).toBeGreaterThan(1e-3);
  });

  it('a larger halo than the reach changes nothing', async () => {
    const wide = { ...spec, halo: 2 * halo };
    await compare(kernels(3).prepareConvStack(wide), wide, 12 * halo + 1, 601, 'halo 2x reach');
  });
});

describe.skipIf(skipNative)(titled('runs'), () => {
  const spec = buildSpec(LAYOUTS[0]!, 700);
  const other = buildSpec(LAYOUTS[1]!, 701);

  it('dispose waits for the accepted runs, frees the stack, and later runs fail with E_DISPOSED', async () => {
    const stack = kernels(2).prepareConvStack(spec);
    const input = uniform(prng(704), spec.inChannels * 1500);
    const pending = stack.run(input, 1500);
    const disposed = stack.dispose();
    expectClose(
      await pending,
      referenceConvStack(spec, input, 1500),
      'run accepted before dispose',
    );
    await disposed;
    await stack.dispose(); // idempotent
    await expect(stack.run(input, 1500)).rejects.toMatchObject({ code: 'E_DISPOSED' });
    // another stack of the same spec is unaffected
    await compare(kernels(1).prepareConvStack(spec), spec, 40, 705, 'a fresh stack');
  });

  it('two concurrent runs of one stack both equal the reference', async () => {
    const stack = kernels(2).prepareConvStack(spec);
    const [a, b] = [2000, 300];
    const inputA = uniform(prng(702), spec.inChannels * a);
    const inputB = uniform(prng(703), spec.inChannels * b);
    const [outA, outB] = await Promise.all([stack.run(inputA, a), stack.run(inputB, b)]);
    expectClose(outA!, referenceConvStack(spec, inputA, a), 'concurrent run A');
    expectClose(outB!, referenceConvStack(spec, inputB, b), 'concurrent run B');
  });

  it('long and short runs interleaved on one stack each equal the reference', async () => {
    const stack = kernels(3).prepareConvStack(spec);
    const lengths = [1500, 1, 40, 1500, 7, 800, 2];
    const inputs = lengths.map((n, i) => uniform(prng(710 + i), spec.inChannels * n));
    const outputs = await Promise.all(lengths.map((n, i) => stack.run(inputs[i]!, n)));
    lengths.forEach((n, i) =>
      expectClose(outputs[i]!, referenceConvStack(spec, inputs[i]!, n), `run ${i}, length ${n}`),
    );
  });

  it('concurrent runs of two stacks each equal their reference', async () => {
    const k = kernels(2);
    const [s1, s2] = [k.prepareConvStack(spec), k.prepareConvStack(other)];
    const [n1, n2] = [1200, 900];
    const in1 = uniform(prng(720), spec.inChannels * n1);
    const in2 = uniform(prng(721), other.inChannels * n2);
    const [o1, o2] = await Promise.all([s1.run(in1, n1), s2.run(in2, n2)]);
    expectClose(o1!, referenceConvStack(spec, in1, n1), 'stack 1');
    expectClose(o2!, referenceConvStack(other, in2, n2), 'stack 2');
  });

  it('gives the same output when rerun after runs of other lengths (no stale scratch)', async () => {
    const stack = kernels(2).prepareConvStack(spec);
    const length = 333;
    const input = uniform(prng(730), spec.inChannels * length);
    const first = await stack.run(input, length);
    await stack.run(uniform(prng(731), spec.inChannels * 1000), 1000);
    await stack.run(uniform(prng(732), spec.inChannels * 5), 5);
    expect(await stack.run(input, length)).toEqual(first);
  });

  it('leaves its input unchanged', async () => {
    const length = 64;
    const input = uniform(prng(740), spec.inChannels * length);
    const copy = input.slice();
    await kernels(2).prepareConvStack(spec).run(input, length);
    expect(input).toEqual(copy);
  });

  it('reads an input that is a view into a larger buffer (non-zero byteOffset)', async () => {
    const length = 50;
    const size = spec.inChannels * length;
    const buffer = uniform(prng(750), size + 13);
    const view = buffer.subarray(13, 13 + size);
    expect(view.byteOffset).toBe(52);
    const output = await kernels(1).prepareConvStack(spec).run(view, length);
    expectClose(output, referenceConvStack(spec, view.slice(), length), 'subarray input');
  });

  it('keeps working after the spec object it was prepared from is changed', async () => {
    // prepareConvStack packs the weights: later changes to the spec's arrays do not matter
    const copy = buildSpec(LAYOUTS[0]!, 700);
    const stack = kernels(1).prepareConvStack(copy);
    copy.post.weight.fill(0);
    copy.stages[0]!.upsample.weight.fill(1);
    await compare(stack, spec, 30, 760, 'after mutating the spec');
  });
});

/**
 * Specs at the edges of the contract: blocks mixing one- and two-convolution steps (HiFi-GAN never
 * builds them; they once read a stale activation) and convolutions that would change the length
 * (refused).
 */
describe.skipIf(skipNative)(titled('Winograd stages (channels last)'), () => {
  it('the Winograd layouts run in Winograd form: direct kernels (winograd: false) round differently', async () => {
    for (const layout of WINOGRAD_LAYOUTS) {
      const spec = buildSpec(layout, 500);
      expect(spec.stages.some(isWinogradStage), layout.name).toBe(true);
      const length = 300;
      const input = uniform(prng(501), spec.inChannels * length);
      const reference = referenceConvStack(spec, input, length);
      expectMeaningful(reference, layout.name);
      const fast = await kernels(1).prepareConvStack(spec).run(input, length);
      const direct = await kernels(1)
        .prepareConvStack({ ...spec, winograd: false })
        .run(input, length);
      expectClose(fast, reference, `${layout.name}, Winograd`);
      expectClose(direct, reference, `${layout.name}, direct`);
      let differ = 0;
      for (let i = 0; i < fast.length; i++) if (fast[i] !== direct[i]) differ++;
      expect(differ, `${layout.name}: samples where the two forms differ`).toBeGreaterThan(
        fast.length / 10,
      );
    }
  });

  it('a stage with a convolution that has no Winograd form (2 taps; 48 channels) runs direct, equal to the reference', async () => {
    for (const [channels, kernel] of [
      [32, 2],
      [48, 3],
    ] as const) {
      const layout: StackLayout = {
        name: `${channels} channels, ResBlock2 (k${kernel}, k3)`,
        inChannels: 8,
        stages: [
          {
            stride: 2,
            channels,
            upsample: { kernel: 4, padLeft: 1 },
            blocks: [resBlock2(kernel, [1, 3]), resBlock2(3, [1])],
          },
        ],
        post: { kernel: 7 },
      };
      const spec = buildSpec(layout, 510 + channels);
      expect(isWinogradStage(spec.stages[0]!)).toBe(false);
      for (const length of [1, 150])
        await compare(kernels(2).prepareConvStack(spec), spec, length, 520, layout.name);
    }
  });
});

describe.skipIf(skipNative)(titled('blocks and convolutions at the edges of the contract'), () => {
  it('a block mixing step kinds (1-conv step at an odd index, then a 2-conv step) equals the reference', async () => {
    // each step must read the activation the step before wrote, whichever buffer that was (a
    // stale one was off by ~4e-2)
    const layout: StackLayout = {
      name: 'mixed block',
      inChannels: 8,
      stages: [
        {
          stride: 2,
          channels: 8,
          upsample: { kernel: 4, padLeft: 1 },
          blocks: [
            [
              [{ kernel: 3 }],
              [{ kernel: 3, dilation: 3 }],
              [{ kernel: 3, dilation: 5 }, { kernel: 3 }],
            ],
          ],
        },
      ],
      post: { kernel: 7 },
    };
    const spec = buildSpec(layout, 800);
    await compare(kernels(1).prepareConvStack(spec), spec, 100, 801, layout.name);
  });

  it('refuses a convolution whose padding does not keep the length', () => {
    // padLeft + padRight != (kernel - 1) * dilation: PyTorch's output would be length - 2 samples
    const spec = buildSpec(LAYOUTS[0]!, 810);
    const post = { ...spec.post, kernel: 3, padLeft: 0, padRight: 0 };
    const bad: ConvStackSpec = {
      ...spec,
      post: { ...post, weight: new Float32Array(post.inChannels * 3) },
    };
    expect(() => kernels(1).prepareConvStack(bad)).toThrow(/length|padding/);
  });
});
