/**
 * Neural-network op helpers: Conv (1-D, 2-D…), ConvTranspose, MatMul, Gemm.
 */
import { ConfigError } from '@voirs/core';
import { attr } from './attributes.js';
import {
  convAttributes,
  outputChannels,
  type ConvOptions,
  type ConvTransposeOptions,
} from './conv-attributes.js';
import { MathOps } from './ops-math.js';
import type { Value } from './value.js';

/** Options of `gemm`: Y = alpha * A' * B' + beta * C. */
export interface GemmOptions {
  alpha?: number;
  beta?: number;
  transA?: boolean;
  transB?: boolean;
}

/** Convolutions and matrix products. */
export class NnOps extends MathOps {
  /**
   * `Conv` over [N, C, spatial…] with weight [C_out, C_in/group, k…] (Conv1d, Conv2d…).
   * @example g.conv(x, w, b, { pads: 3 }) // PyTorch Conv1d(80, 512, 7, padding=3)
   */
  conv(x: Value, weight: Value, bias?: Value, options: ConvOptions = {}): Value {
    this.checkValue(x, 'Conv input');
    this.checkValue(weight, 'Conv weight');
    this.sameDType(weight, x, 'Conv');
    const attrs = convAttributes('Conv', x, weight, options, false);
    const b = this.checkBias('Conv', bias, x, outputChannels(weight, options.group ?? 1, false));
    return this.node('Conv', b ? [x, weight, b] : [x, weight], attrs, x.dtype);
  }

  /**
   * `ConvTranspose` with weight [C_in, C_out/group, k…] (PyTorch's ConvTranspose layout).
   * @example g.convTranspose(x, w, b, { strides: 8, pads: 4 }) // ConvTranspose1d(k=16, stride 8, padding 4)
   */
  convTranspose(x: Value, weight: Value, bias?: Value, options: ConvTransposeOptions = {}): Value {
    this.checkValue(x, 'ConvTranspose input');
    this.checkValue(weight, 'ConvTranspose weight');
    this.sameDType(weight, x, 'ConvTranspose');
    const attrs = convAttributes('ConvTranspose', x, weight, options, true);
    const b = this.checkBias(
      'ConvTranspose',
      bias,
      x,
      outputChannels(weight, options.group ?? 1, true),
    );
    return this.node('ConvTranspose', b ? [x, weight, b] : [x, weight], attrs, x.dtype);
  }

  /** `MatMul` (numpy semantics, batched). */
  matMul(a: Value, b: Value): Value {
    this.checkValue(a, 'MatMul input 0');
    this.sameDType(b, a, 'MatMul');
    return this.node('MatMul', [a, b], {}, a.dtype);
  }

  /** `Gemm`: alpha * A' * B' + beta * C on 2-D operands; `transB: true` matches PyTorch Linear. */
  gemm(a: Value, b: Value, c?: Value, options: GemmOptions = {}): Value {
    this.checkValue(a, 'Gemm input 0');
    this.sameDType(b, a, 'Gemm');
    if (c !== undefined) this.sameDType(c, a, 'Gemm');
    for (const [name, v] of [
      ['A', a],
      ['B', b],
    ] as const) {
      if (v.rank !== undefined && v.rank !== 2) {
        throw new ConfigError(
          'E_INVALID_ARGUMENT',
          `Gemm: ${name} must be 2-D, got shape [${v.shape!.join(', ')}].`,
        );
      }
    }
    const attrs = {
      alpha: options.alpha === undefined ? undefined : attr.float(options.alpha),
      beta: options.beta === undefined ? undefined : attr.float(options.beta),
      transA: options.transA ? attr.int(1) : undefined,
      transB: options.transB ? attr.int(1) : undefined,
    };
    return this.node('Gemm', c ? [a, b, c] : [a, b], attrs, a.dtype);
  }

  /** Checks an optional bias: same dtype as x and, when known, shape [C_out]. */
  protected checkBias(
    op: string,
    bias: Value | undefined,
    x: Value,
    channels: number | undefined,
  ): Value | undefined {
    if (bias === undefined) return undefined;
    this.sameDType(bias, x, op);
    const shape = bias.shape;
    if (
      shape !== undefined &&
      (shape.length !== 1 || (channels !== undefined && shape[0] !== channels))
    ) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `${op}: bias must have shape [${channels ?? 'C_out'}], got [${shape.join(', ')}].`,
      );
    }
    return bias;
  }
}
