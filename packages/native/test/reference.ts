/**
 * A plain float64 reference of the conv stack (the network described in @voirs/core's
 * conv-stack.ts), written for obviousness rather than speed: every layer is a separate loop over
 * whole rows, no tiling, no windows, no fused epilogues. The native kernels are compared with it.
 */
import type { ConvStackConv, ConvStackSpec } from '@voirs/core';

/** An activation: one Float64Array row of samples per channel. */
export type Rows = Float64Array[];

/** leaky_relu(x) = x for x >= 0, slope * x otherwise. */
export function leakyRelu(rows: Rows, slope: number): Rows {
  return rows.map((row) => row.map((x) => (x >= 0 ? x : slope * x)));
}

/**
 * A 1-D convolution with zero padding:
 * out[o][t] = bias[o] + sum_{i,j} w[o][i][j] * in[i][t - padLeft + j * dilation],
 * reading zero outside [0, length). Its output has length + padLeft + padRight -
 * (kernel - 1) * dilation samples (PyTorch's Conv1d); every convolution of a conv stack keeps the
 * length, which {@link referenceConvStack} checks.
 */
export function conv1d(conv: ConvStackConv, input: Rows): Rows {
  const { weight, bias, outChannels, inChannels, kernel, dilation, padLeft, padRight } = conv;
  if (input.length !== inChannels)
    throw new Error(`conv1d: ${input.length} input channels, the convolution takes ${inChannels}`);
  const length = input[0]!.length;
  const outLength = length + padLeft + padRight - (kernel - 1) * dilation;
  const out: Rows = [];
  for (let o = 0; o < outChannels; o++) {
    const row = new Float64Array(outLength);
    for (let t = 0; t < outLength; t++) {
      let acc = bias[o]!;
      for (let i = 0; i < inChannels; i++) {
        const x = input[i]!;
        for (let j = 0; j < kernel; j++) {
          const at = t - padLeft + j * dilation;
          if (at >= 0 && at < length) acc += weight[(o * inChannels + i) * kernel + j]! * x[at]!;
        }
      }
      row[t] = acc;
    }
    out.push(row);
  }
  return out;
}

/** A length-preserving convolution (the only kind a conv stack has). */
function convSame(conv: ConvStackConv, input: Rows, where: string): Rows {
  const out = conv1d(conv, input);
  if (out[0]!.length !== input[0]!.length)
    throw new Error(`${where}: the convolution changes the length (pads must sum to (k-1)*d)`);
  return out;
}

/** Interleaves the upsampler's phases: out[c][m * stride + r] = phases[r * channels + c][m]. */
export function interleave(phases: Rows, stride: number, channels: number): Rows {
  if (phases.length !== stride * channels)
    throw new Error(`interleave: ${phases.length} phases, not ${stride} x ${channels}`);
  const m = phases[0]!.length;
  const out: Rows = [];
  for (let c = 0; c < channels; c++) {
    const row = new Float64Array(m * stride);
    for (let i = 0; i < m; i++)
      for (let r = 0; r < stride; r++) row[i * stride + r] = phases[r * channels + c]![i]!;
    out.push(row);
  }
  return out;
}

/** a + b, elementwise. */
function add(a: Rows, b: Rows): Rows {
  return a.map((row, c) => row.map((x, t) => x + b[c]![t]!));
}

/** Splits row-major [channels, length] floats into rows. */
export function toRows(data: Float32Array, channels: number, length: number): Rows {
  if (data.length !== channels * length) throw new Error('toRows: wrong size');
  return Array.from({ length: channels }, (_, c) =>
    Float64Array.from(data.subarray(c * length, (c + 1) * length)),
  );
}

/** The conv stack on `input` [inChannels, length] (row-major), in float64. */
export function referenceConvStack(
  spec: ConvStackSpec,
  input: Float32Array,
  length: number,
): Float64Array {
  let x = toRows(input, spec.inChannels, length);
  spec.stages.forEach((stage, s) => {
    const phases = convSame(stage.upsample, leakyRelu(x, stage.slope), `stage ${s} upsampler`);
    const stream = interleave(phases, stage.stride, stage.channels);
    let sum: Rows | undefined;
    stage.blocks.forEach((block, b) => {
      let h = stream;
      block.forEach((step, n) => {
        const where = `stage ${s} block ${b} step ${n}`;
        let y = convSame(step[0]!, leakyRelu(h, stage.blockSlope), where);
        if (step.length === 2) y = convSame(step[1]!, leakyRelu(y, stage.blockSlope), where);
        else if (step.length !== 1) throw new Error(`${where}: ${step.length} convolutions`);
        h = add(h, y);
      });
      sum = sum === undefined ? h : add(sum, h);
    });
    if (sum === undefined) throw new Error(`stage ${s}: no blocks`);
    x = sum;
  });
  const y = convSame(spec.post, leakyRelu(x, spec.postSlope), 'post')[0]!;
  return y.map((v) => Math.min(1, Math.max(-1, Math.tanh(v))));
}

/**
 * The reference output of input samples [from, to) computed on the window [from - context,
 * to + context) alone (clamped to the input), as a kernel's time window sees it.
 */
export function referenceWindow(
  spec: ConvStackSpec,
  input: Float32Array,
  length: number,
  from: number,
  to: number,
  context: number,
): Float64Array {
  const start = Math.max(0, from - context);
  const end = Math.min(length, to + context);
  const n = end - start;
  const window = new Float32Array(spec.inChannels * n);
  for (let c = 0; c < spec.inChannels; c++)
    window.set(input.subarray(c * length + start, c * length + end), c * n);
  const u = spec.stages.reduce((p, s) => p * s.stride, 1);
  return referenceConvStack(spec, window, n).subarray((from - start) * u, (to - start) * u);
}
