/**
 * Test fixtures: a seeded PRNG, conv stack specs with random weights built from a compact layout,
 * the stack's reach (its exact halo), mirrors of the kernels' window and tile sizes (to check that
 * a test really splits a run), and comparisons with the float64 reference.
 */
import type { ConvStackConv, ConvStackSpec, ConvStackStage } from '@voirs/core';
import { expect } from 'vitest';

/** mulberry32: a small seeded PRNG with uniform output in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform floats in [-scale, scale). */
export function uniform(random: () => number, n: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * random() - 1) * scale;
  return out;
}

/** One convolution's geometry; padLeft defaults to centred, padRight is always the rest. */
export interface ConvLayout {
  readonly kernel: number;
  readonly dilation?: number;
  readonly padLeft?: number;
}

/** A residual block: steps of one or two convolutions. */
export type BlockLayout = readonly (readonly ConvLayout[])[];

/** HiFi-GAN's ResBlock1: per dilation d, conv(k, d) then conv(k, 1). */
export const resBlock1 = (kernel: number, dilations: readonly number[]): BlockLayout =>
  dilations.map((dilation) => [{ kernel, dilation }, { kernel }]);

/** HiFi-GAN's ResBlock2: per dilation d, one conv(k, d). */
export const resBlock2 = (kernel: number, dilations: readonly number[]): BlockLayout =>
  dilations.map((dilation) => [{ kernel, dilation }]);

export interface StageLayout {
  readonly stride: number;
  readonly channels: number;
  /** The upsampler (stride * channels outputs, dilation 1). */
  readonly upsample: ConvLayout;
  readonly blocks: readonly BlockLayout[];
  readonly slope?: number;
  readonly blockSlope?: number;
}

export interface StackLayout {
  readonly name: string;
  readonly inChannels: number;
  readonly stages: readonly StageLayout[];
  readonly post: ConvLayout;
  readonly postSlope?: number;
}

/** Weights uniform(-WEIGHT_SCALE, WEIGHT_SCALE) / sqrt(fan_in): outputs well inside tanh's range. */
const WEIGHT_SCALE = 1;

function makeConv(
  random: () => number,
  layout: ConvLayout,
  inChannels: number,
  outChannels: number,
): ConvStackConv {
  const { kernel } = layout;
  const dilation = layout.dilation ?? 1;
  const span = (kernel - 1) * dilation;
  const padLeft = layout.padLeft ?? Math.floor(span / 2);
  if (padLeft < 0 || padLeft > span) throw new Error(`padLeft ${padLeft} outside [0, ${span}]`);
  const fanIn = inChannels * kernel;
  return {
    weight: uniform(random, outChannels * inChannels * kernel, WEIGHT_SCALE / Math.sqrt(fanIn)),
    bias: uniform(random, outChannels, 0.1),
    outChannels,
    inChannels,
    kernel,
    dilation,
    padLeft,
    padRight: span - padLeft,
  };
}

/** A spec with random weights for `layout`; halo defaults to the stack's exact reach. */
export function buildSpec(layout: StackLayout, seed: number, halo?: number): ConvStackSpec {
  const random = prng(seed);
  let channels = layout.inChannels;
  const stages = layout.stages.map((s): ConvStackStage => {
    const stage: ConvStackStage = {
      slope: s.slope ?? 0.1,
      blockSlope: s.blockSlope ?? 0.1,
      stride: s.stride,
      channels: s.channels,
      upsample: makeConv(random, s.upsample, channels, s.stride * s.channels),
      blocks: s.blocks.map((block) =>
        block.map((step) => step.map((conv) => makeConv(random, conv, s.channels, s.channels))),
      ),
    };
    channels = s.channels;
    return stage;
  });
  const spec: ConvStackSpec = {
    inChannels: layout.inChannels,
    stages,
    postSlope: layout.postSlope ?? 0.01,
    post: makeConv(random, layout.post, channels, 1),
    halo: 0,
  };
  return { ...spec, halo: halo ?? stackReach(spec) };
}

/** Output samples per input sample. */
export const upsampleOf = (spec: ConvStackSpec): number =>
  spec.stages.reduce((u, s) => u * s.stride, 1);

/** Context a stage's residual blocks need on the left and right (the largest block's). */
function blockReach(stage: ConvStackStage): { left: number; right: number } {
  let left = 0;
  let right = 0;
  for (const block of stage.blocks) {
    const convs = block.flat();
    left = Math.max(
      left,
      convs.reduce((n, c) => n + c.padLeft, 0),
    );
    right = Math.max(
      right,
      convs.reduce((n, c) => n + c.padRight, 0),
    );
  }
  return { left, right };
}

/**
 * The stack's exact reach in input samples: the context a time window [from, to) of input
 * samples needs on either side for its output samples [from * U, to * U) to equal the whole
 * input's. Follows the first and last output sample of an input sample back through every layer
 * (each convolution reads [t - padLeft, t + padRight]; upsampler output m * stride + r reads its
 * input around m). Any halo >= this is valid.
 */
export function stackReach(spec: ConvStackSpec): number {
  const u = upsampleOf(spec);
  const at = 1_000_000; // an input sample far from both ends
  let first = at * u - spec.post.padLeft;
  let last = at * u + u - 1 + spec.post.padRight;
  for (const stage of [...spec.stages].reverse()) {
    const blocks = blockReach(stage);
    first = Math.floor((first - blocks.left) / stage.stride) - stage.upsample.padLeft;
    last = Math.floor((last + blocks.right) / stage.stride) + stage.upsample.padRight;
  }
  return Math.max(at - first, last - at, 0);
}

/** A generous halo: every padding of the stack plus 2 (each layer reaches at most its padding). */
export function generousHalo(spec: ConvStackSpec): number {
  const convs = [spec.post, ...spec.stages.flatMap((s) => [s.upsample, ...s.blocks.flat(2)])];
  return convs.reduce((n, c) => n + c.padLeft + c.padRight, 2);
}

/** Time windows a run of `length` samples uses (mirrors src/index.ts). */
export const windowsOf = (threads: number, length: number, halo: number): number =>
  Math.max(1, Math.min(threads, Math.floor(length / Math.max(1, 2 * halo))));

/**
 * Whether the kernels run a stage channels last in Winograd form (mirrors winogradSuits in
 * binding/winograd.cpp, for every residual convolution; `winograd: false` switches it off).
 */
export const isWinogradStage = (stage: ConvStackStage): boolean =>
  stage.blocks
    .flat(2)
    .every(
      (c) =>
        c.inChannels >= 32 &&
        c.inChannels % 32 === 0 &&
        c.outChannels % 32 === 0 &&
        c.kernel >= 3 &&
        c.kernel <= 16,
    );

/**
 * Samples per time tile of a stage's residual blocks (mirrors tileLength in
 * conv-stack-avx512.cpp, or runWinogradBlocksAvx512's tile for a Winograd stage).
 */
export function nativeTileLength(stage: ConvStackStage): number {
  const reach = Math.max(
    0,
    ...stage.blocks.map((block) =>
      block.flat().reduce((n, c) => n + Math.max(c.padLeft, c.padRight), 0),
    ),
  );
  if (isWinogradStage(stage)) return Math.ceil(Math.max(4096, 32 * reach) / 16) * 16;
  const fit = Math.floor((1 << 20) / (6 * stage.channels * 4)) - 2 * reach - 2 * 64;
  return Math.ceil(Math.max(fit, 512) / 48) * 48;
}

/** The largest |native - reference| and where. */
export function maxError(
  native: Float32Array,
  reference: Float64Array,
): { error: number; at: number } {
  expect(native.length).toBe(reference.length);
  let error = 0;
  let at = -1;
  for (let i = 0; i < native.length; i++) {
    const e = Math.abs(native[i]! - reference[i]!);
    if (!(e <= error)) {
      error = e; // NaN lands here too and stays
      at = i;
      if (Number.isNaN(e)) break;
    }
  }
  return { error, at };
}

/** Tolerance of the float32 kernels against the float64 reference (outputs are in [-1, 1]). */
export const TOLERANCE = 1e-5;

/** Expects `native` within {@link TOLERANCE} of `reference`. */
export function expectClose(native: Float32Array, reference: Float64Array, what: string): void {
  const { error, at } = maxError(native, reference);
  expect(
    error,
    `${what}: max |native - reference| = ${error} at sample ${at} of ${native.length} ` +
      `(native ${native[at]}, reference ${reference[at]})`,
  ).toBeLessThanOrEqual(TOLERANCE);
}

/**
 * Expects the reference output to be a meaningful test signal: not stuck near 0 and not
 * saturated at +-1 (where tanh would hide errors).
 */
export function expectMeaningful(reference: Float64Array, what: string): void {
  let sum = 0;
  let sumSquares = 0;
  let saturated = 0;
  for (const v of reference) {
    sum += v;
    sumSquares += v * v;
    if (Math.abs(v) > 0.99) saturated++;
  }
  const n = reference.length;
  const mean = sum / n;
  const spread = n > 1 ? Math.sqrt(Math.max(0, sumSquares / n - mean * mean)) : 0;
  const largest = Math.max(...Array.from(reference, Math.abs));
  expect(largest, `${what}: the output is all near 0`).toBeGreaterThan(0.02);
  expect(saturated / n, `${what}: the output is saturated`).toBeLessThan(0.05);
  if (n >= 16) expect(spread, `${what}: the output is nearly constant`).toBeGreaterThan(0.02);
}
