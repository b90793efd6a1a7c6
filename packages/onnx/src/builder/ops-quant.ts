/**
 * Quantisation op helpers: QuantizeLinear, DequantizeLinear, ConvInteger, MatMulInteger,
 * QLinearConv. Pair them with `quantizeTensorPerChannel` for int8 weights.
 */
import { ConfigError } from '@voirs/core';
import { attr } from './attributes.js';
import { convAttributes, type ConvOptions } from './conv-attributes.js';
import { NnOps } from './ops-nn.js';
import type { Value } from './value.js';

/** Inputs of `qLinearConv`, by name (the operator takes eight or nine). */
export interface QLinearConvInputs {
  x: Value;
  xScale: Value;
  xZeroPoint: Value;
  w: Value;
  wScale: Value;
  wZeroPoint: Value;
  yScale: Value;
  yZeroPoint: Value;
  /** int32 bias, quantised with scale xScale * wScale and zero point 0. */
  bias?: Value;
}

function checkInt8(op: string, v: Value | undefined, what: string): void {
  if (v?.dtype !== undefined && v.dtype !== 'int8' && v.dtype !== 'uint8') {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `${op}: ${what} must be int8 or uint8, got ${v.dtype}.`,
    );
  }
}

/** Quantisation operators. */
export class QuantOps extends NnOps {
  /**
   * `QuantizeLinear`: saturate(round(x / scale) + zeroPoint). The output type is the zero point's
   * (uint8 when absent); `axis` selects per-axis scales.
   */
  quantizeLinear(
    x: Value,
    scale: Value,
    zeroPoint?: Value,
    options: { axis?: number } = {},
  ): Value {
    this.checkValue(x, 'QuantizeLinear input');
    this.sameDType(scale, x, 'QuantizeLinear');
    if (zeroPoint !== undefined) this.checkValue(zeroPoint, 'QuantizeLinear zero point');
    checkInt8('QuantizeLinear', zeroPoint, 'the zero point');
    const inputs = zeroPoint ? [x, scale, zeroPoint] : [x, scale];
    return this.node(
      'QuantizeLinear',
      inputs,
      this.axisAttr(options.axis),
      zeroPoint?.dtype ?? 'uint8',
    );
  }

  /** `DequantizeLinear`: (x - zeroPoint) * scale, in the scale's dtype; `axis` for per-axis scales. */
  dequantizeLinear(
    x: Value,
    scale: Value,
    zeroPoint?: Value,
    options: { axis?: number } = {},
  ): Value {
    this.checkValue(x, 'DequantizeLinear input');
    this.checkValue(scale, 'DequantizeLinear scale');
    if (zeroPoint !== undefined) this.sameDType(zeroPoint, x, 'DequantizeLinear');
    const inputs = zeroPoint ? [x, scale, zeroPoint] : [x, scale];
    return this.node('DequantizeLinear', inputs, this.axisAttr(options.axis), scale.dtype);
  }

  /** `ConvInteger`: an integer convolution with int32 output (zero points optional). */
  convInteger(
    x: Value,
    w: Value,
    xZeroPoint?: Value,
    wZeroPoint?: Value,
    options: ConvOptions = {},
  ): Value {
    this.checkValue(x, 'ConvInteger input');
    this.checkValue(w, 'ConvInteger weight');
    for (const [v, what] of [
      [x, 'x'],
      [w, 'w'],
      [xZeroPoint, 'x zero point'],
      [wZeroPoint, 'w zero point'],
    ] as const) {
      if (v !== undefined) this.checkValue(v, `ConvInteger ${what}`);
      checkInt8('ConvInteger', v, what);
    }
    const attrs = convAttributes('ConvInteger', x, w, options, false);
    return this.node(
      'ConvInteger',
      trimOptional([x, w, xZeroPoint ?? null, wZeroPoint ?? null]),
      attrs,
      'int32',
    );
  }

  /** `MatMulInteger`: an integer matrix product with int32 output (zero points optional). */
  matMulInteger(a: Value, b: Value, aZeroPoint?: Value, bZeroPoint?: Value): Value {
    for (const [v, what] of [
      [a, 'A'],
      [b, 'B'],
      [aZeroPoint, 'A zero point'],
      [bZeroPoint, 'B zero point'],
    ] as const) {
      if (v !== undefined) this.checkValue(v, `MatMulInteger ${what}`);
      checkInt8('MatMulInteger', v, what);
    }
    return this.node(
      'MatMulInteger',
      trimOptional([a, b, aZeroPoint ?? null, bZeroPoint ?? null]),
      {},
      'int32',
    );
  }

  /** `QLinearConv`: a quantised convolution; the output has the type of `yZeroPoint`. */
  qLinearConv(inputs: QLinearConvInputs, options: ConvOptions = {}): Value {
    const { x, xScale, xZeroPoint, w, wScale, wZeroPoint, yScale, yZeroPoint, bias } = inputs;
    const all = [x, xScale, xZeroPoint, w, wScale, wZeroPoint, yScale, yZeroPoint];
    all.forEach((v, i) => this.checkValue(v, `QLinearConv input ${i}`));
    for (const [v, what] of [
      [x, 'x'],
      [w, 'w'],
      [xZeroPoint, 'x zero point'],
      [wZeroPoint, 'w zero point'],
      [yZeroPoint, 'y zero point'],
    ] as const) {
      checkInt8('QLinearConv', v, what);
    }
    if (bias !== undefined) {
      this.checkValue(bias, 'QLinearConv bias');
      if (bias.dtype !== undefined && bias.dtype !== 'int32') {
        throw new ConfigError(
          'E_INVALID_ARGUMENT',
          `QLinearConv: the bias must be int32, got ${bias.dtype}.`,
        );
      }
    }
    const attrs = convAttributes('QLinearConv', x, w, options, false);
    return this.node('QLinearConv', bias ? [...all, bias] : all, attrs, yZeroPoint.dtype);
  }

  private axisAttr(axis: number | undefined) {
    return { axis: axis === undefined ? undefined : attr.int(axis) };
  }
}

/** Drops trailing omitted inputs (ONNX allows omitting them entirely). */
function trimOptional(inputs: (Value | null)[]): (Value | null)[] {
  let end = inputs.length;
  while (end > 0 && inputs[end - 1] === null) end--;
  return inputs.slice(0, end);
}
