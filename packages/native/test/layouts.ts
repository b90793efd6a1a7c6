/**
 * The conv stack layouts the native tests run (conv-stack.test.ts): 1 and 2 stages, strides 1 to 3,
 * channel counts that are and are not multiples of the direct kernels' 8-channel groups, Winograd
 * stages (32 to 96 channels, kernels of 3 to 11 taps, dilations up to MAX_PADDING / 2), ResBlock1
 * and ResBlock2 blocks, asymmetric upsampler padding and padding at MAX_PADDING.
 */
import { MAX_PADDING } from '../src/index.js';
import { resBlock1, resBlock2, type StackLayout } from './specs.js';

/** Layouts every length and thread test runs over. */
export const LAYOUTS: readonly StackLayout[] = [
  {
    name: '1 stage, stride 2, 16 -> 8 channels, two ResBlock1 (k3, k7; d 1/3/5), upsampler pads 1/2',
    inChannels: 16,
    stages: [
      {
        stride: 2,
        channels: 8,
        upsample: { kernel: 4, padLeft: 1 },
        blocks: [resBlock1(3, [1, 3, 5]), resBlock1(7, [1, 3, 5])],
      },
    ],
    post: { kernel: 7 },
  },
  {
    name: '1 stage, stride 3, 5 -> 3 channels, two ResBlock2 (k3, k7; d 1/3), causal upsampler',
    inChannels: 5,
    stages: [
      {
        stride: 3,
        channels: 3,
        upsample: { kernel: 6, padLeft: 5 },
        blocks: [resBlock2(3, [1, 3]), resBlock2(7, [1, 3])],
        slope: 0.2,
        blockSlope: 0.05,
      },
    ],
    post: { kernel: 7, padLeft: 2 },
    postSlope: 0.3,
  },
  {
    name: '1 stage, stride 1, 12 channels, ResBlock1 (k11; d 1/3/5), upsampler pads 0/2',
    inChannels: 12,
    stages: [
      {
        stride: 1,
        channels: 12,
        upsample: { kernel: 3, padLeft: 0 },
        blocks: [resBlock1(11, [1, 3, 5])],
      },
    ],
    post: { kernel: 3 },
  },
  {
    name: '2 stages, strides 2 and 3, 24 -> 16 -> 8 channels, ResBlock1 then ResBlock2 (k11)',
    inChannels: 24,
    stages: [
      {
        stride: 2,
        channels: 16,
        upsample: { kernel: 4, padLeft: 1 },
        blocks: [resBlock1(3, [1, 3, 5]), resBlock1(7, [1, 3, 5])],
      },
      {
        stride: 3,
        channels: 8,
        upsample: { kernel: 6, padLeft: 2 },
        blocks: [resBlock2(11, [1, 3])],
      },
    ],
    post: { kernel: 7 },
  },
  {
    name: '2 stages, strides 3 and 1, 8 -> 12 -> 3 channels, ResBlock2 then ResBlock1',
    inChannels: 8,
    stages: [
      {
        stride: 3,
        channels: 12,
        upsample: { kernel: 9, padLeft: 6 },
        blocks: [resBlock2(7, [1, 3, 5]), resBlock2(3, [1, 3])],
      },
      {
        stride: 1,
        channels: 3,
        upsample: { kernel: 5, padLeft: 4 },
        blocks: [resBlock1(3, [1, 3, 5]), resBlock1(11, [1, 3])],
        slope: 0,
        blockSlope: 1,
      },
    ],
    post: { kernel: 7, padLeft: 6 },
  },
  {
    name: `padding of ${MAX_PADDING} (MAX_PADDING): k3 d${MAX_PADDING}, upsampler k${MAX_PADDING + 1} pads ${MAX_PADDING}/0`,
    inChannels: 4,
    stages: [
      {
        stride: 2,
        channels: 8,
        upsample: { kernel: MAX_PADDING + 1, padLeft: MAX_PADDING },
        blocks: [resBlock2(3, [MAX_PADDING]), resBlock1(3, [MAX_PADDING / 2])],
      },
    ],
    post: { kernel: 3, padLeft: 0 },
  },
  {
    name: 'Winograd: 1 stage, stride 2, 32 -> 64 channels, ResBlock1 (k3, k7, k11; d 1/3/5)',
    inChannels: 32,
    stages: [
      {
        stride: 2,
        channels: 64,
        upsample: { kernel: 4, padLeft: 1 },
        blocks: [resBlock1(3, [1, 3, 5]), resBlock1(7, [1, 3, 5]), resBlock1(11, [1, 3, 5])],
      },
    ],
    post: { kernel: 7 },
  },
  {
    name: 'Winograd: 2 stages, strides 3 and 2, 16 -> 96 -> 64 channels, ResBlock2 (k3, k5; d 1/2/7) then ResBlock1 (k4, pads 1/2)',
    inChannels: 16,
    stages: [
      {
        stride: 3,
        channels: 96,
        upsample: { kernel: 6, padLeft: 2 },
        blocks: [resBlock2(3, [1, 2, 7]), resBlock2(5, [1, 2, 7])],
      },
      {
        stride: 2,
        channels: 64,
        upsample: { kernel: 4, padLeft: 1 },
        blocks: [resBlock1(4, [1, 3])],
      },
    ],
    post: { kernel: 7 },
  },
  {
    name: `Winograd: 1 stage, 32 channels, k3 d${MAX_PADDING / 2} (transforms reaching far past the tile), k5 d1`,
    inChannels: 8,
    stages: [
      {
        stride: 1,
        channels: 32,
        upsample: { kernel: 3 },
        blocks: [resBlock2(3, [MAX_PADDING / 2]), resBlock1(5, [1])],
      },
    ],
    post: { kernel: 3 },
  },
  {
    name: 'no stages: leaky ReLU, post convolution (k11) and tanh alone, 8 channels',
    inChannels: 8,
    stages: [],
    post: { kernel: 11, padLeft: 7 },
    postSlope: 0.2,
  },
];

/** The layouts whose stages run in Winograd form (channels multiples of 32). */
export const WINOGRAD_LAYOUTS = LAYOUTS.filter((layout) => layout.name.startsWith('Winograd'));
