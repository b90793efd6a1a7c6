/**
 * Attribute handling shared by the convolution helpers (Conv, ConvTranspose, ConvInteger,
 * QLinearConv): PyTorch-style shorthands expanded to ONNX's per-axis lists, and checked.
 */
import { ConfigError } from '@voirs/core';
import { attr, type Attributes } from './attributes.js';
import type { Value } from './value.js';

/** Options of the convolution helpers. A single number applies to every spatial axis. */
export interface ConvOptions {
  /**
   * Zero padding: a number for the same padding at both ends of every spatial axis (PyTorch's
   * `padding`), or ONNX's list `[x1_begin, x2_begin, …, x1_end, x2_end, …]`.
   */
  pads?: number | readonly number[];
  /** Strides per spatial axis (default 1). */
  strides?: number | readonly number[];
  /** Dilations per spatial axis (default 1). */
  dilations?: number | readonly number[];
  /** Number of groups (default 1); channels must divide by it. */
  group?: number;
}

/** Options of `convTranspose`. */
export interface ConvTransposeOptions extends ConvOptions {
  /** Extra size added to one side of each output axis (PyTorch's `output_padding`). */
  outputPadding?: number | readonly number[];
}

function bad(message: string): never {
  throw new ConfigError('E_INVALID_ARGUMENT', message);
}

function perAxis(
  op: string,
  key: string,
  value: number | readonly number[] | undefined,
  count: number,
  min: number,
): number[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'number' ? Array<number>(count).fill(value) : [...value];
  if (list.length !== count) bad(`${op}: ${key} needs ${count} values, got [${list.join(', ')}].`);
  for (const v of list) {
    if (!Number.isSafeInteger(v) || v < min)
      bad(`${op}: ${key} values must be integers >= ${min}, got ${v}.`);
  }
  return list;
}

/** Spatial rank from the weight's shape, else from the lengths of list options. */
function spatialRank(op: string, weight: Value, options: ConvTransposeOptions): number {
  if (weight.shape !== undefined) {
    if (weight.shape.length < 3)
      bad(`${op}: the weight must have rank >= 3, got [${weight.shape.join(', ')}].`);
    return weight.shape.length - 2;
  }
  const { pads, strides, dilations, outputPadding } = options;
  const lengths = [
    Array.isArray(pads) ? pads.length / 2 : undefined,
    ...[strides, dilations, outputPadding].map((v) => (Array.isArray(v) ? v.length : undefined)),
  ].filter((n): n is number => n !== undefined);
  const rank = lengths[0];
  if (rank === undefined) {
    bad(
      `${op}: the weight's shape is unknown, so give strides, dilations or pads as per-axis lists.`,
    );
  }
  return rank;
}

/**
 * Builds the node attributes of a convolution, checking them against the weight's shape and, when
 * known, the input's channels. `transposed` selects ConvTranspose's weight layout [C_in, C_out/g, k…].
 */
export function convAttributes(
  op: string,
  x: Value,
  weight: Value,
  options: ConvTransposeOptions,
  transposed: boolean,
): Attributes {
  const rank = spatialRank(op, weight, options);
  const group = options.group ?? 1;
  if (!Number.isSafeInteger(group) || group < 1)
    bad(`${op}: group must be a positive integer, got ${group}.`);
  const w = weight.shape;
  if (w !== undefined && typeof w[0] === 'number' && typeof w[1] === 'number') {
    const inChannels = transposed ? w[0] : w[1] * group;
    if (w[0] % group !== 0) {
      bad(`${op}: weight [${w.join(', ')}] does not split into ${group} groups.`);
    }
    const c = x.shape?.[1];
    if (typeof c === 'number' && c !== inChannels) {
      bad(
        `${op}: input has ${c} channels but weight [${w.join(', ')}] with group ${group} expects ${inChannels}.`,
      );
    }
  }
  if (!transposed && options.outputPadding !== undefined)
    bad(`${op}: outputPadding is a ConvTranspose option.`);
  const kernel = w?.slice(2);
  return {
    kernel_shape: kernel?.every((k) => typeof k === 'number')
      ? attr.ints(kernel as number[])
      : undefined,
    pads: attrList(perAxis(op, 'pads', options.pads, 2 * rank, 0)),
    strides: attrList(perAxis(op, 'strides', options.strides, rank, 1)),
    dilations: attrList(perAxis(op, 'dilations', options.dilations, rank, 1)),
    output_padding: attrList(perAxis(op, 'outputPadding', options.outputPadding, rank, 0)),
    group: group === 1 ? undefined : attr.int(group),
  };
}

function attrList(list: number[] | undefined): ReturnType<typeof attr.ints> | undefined {
  return list === undefined ? undefined : attr.ints(list);
}

/** Output channels of a convolution weight, when known (for checking the bias). */
export function outputChannels(
  weight: Value,
  group: number,
  transposed: boolean,
): number | undefined {
  const w = weight.shape;
  const d = transposed ? w?.[1] : w?.[0];
  return typeof d === 'number' ? (transposed ? d * group : d) : undefined;
}
