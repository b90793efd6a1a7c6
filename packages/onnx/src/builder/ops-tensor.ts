/**
 * Op helpers that create or reduce tensors: Pad, ReduceMean, ReduceSum, Range, ConstantOfShape,
 * Constant. Where an operator changed between opsets, the helper emits the form of the builder's opset.
 */
import { ConfigError, type Tensor, type TensorDType } from '@voirs/core';
import { attr } from './attributes.js';
import { literalTensor } from './literal.js';
import type { Operand } from './ops-math.js';
import { ShapeOps, type Ints } from './ops-shape.js';
import { checkTensor } from './tensor-proto.js';
import type { Value } from './value.js';

/** Padding modes of `pad` (`wrap` needs opset 19). */
export type PadMode = 'constant' | 'reflect' | 'edge' | 'wrap';

function invalid(message: string): never {
  throw new ConfigError('E_INVALID_ARGUMENT', message);
}

/** Padding, reductions and tensor creation. */
export class TensorOps extends ShapeOps {
  /**
   * `Pad` with ONNX's pads `[x1_begin, x2_begin, …, x1_end, x2_end, …]` over all axes.
   * @example g.pad(x, [0, 0, 384, 0, 0, 384], { mode: 'reflect' }) // reflect-pad the time axis of [N, C, T]
   */
  pad(x: Value, pads: Ints, options: { mode?: PadMode; value?: number } = {}): Value {
    this.checkValue(x, 'Pad input');
    const mode = options.mode ?? 'constant';
    if (!['constant', 'reflect', 'edge', 'wrap'].includes(mode))
      invalid(`Pad mode '${String(mode)}' is unknown.`);
    if (mode === 'wrap' && this.opset < 19) invalid("Pad mode 'wrap' needs opset 19 or later.");
    if (options.value !== undefined && mode !== 'constant')
      invalid('Pad value applies only to constant mode.');
    const inputs = [x, this.int64s(pads, 'Pad pads')];
    if (options.value !== undefined && options.value !== 0)
      inputs.push(this.scalarLike(options.value, x, 'Pad'));
    return this.node('Pad', inputs, { mode: mode === 'constant' ? undefined : mode }, x.dtype);
  }

  /** `ReduceMean` over `axes` (an attribute before opset 18, an input from 18 on). */
  reduceMean(x: Value, axes: readonly number[], options: { keepDims?: boolean } = {}): Value {
    return this.reduce('ReduceMean', 18, x, axes, options.keepDims ?? true);
  }

  /** `ReduceSum` over `axes` (an input since opset 13). */
  reduceSum(x: Value, axes: readonly number[], options: { keepDims?: boolean } = {}): Value {
    return this.reduce('ReduceSum', 13, x, axes, options.keepDims ?? true);
  }

  /**
   * `Range(start, limit, delta)`: numbers become scalars of the dtype of a Value argument, or of
   * `dtype` when all three are numbers.
   */
  range(
    start: Operand,
    limit: Operand,
    delta: Operand,
    dtype?: 'float32' | 'int64' | 'int32',
  ): Value {
    const like = [start, limit, delta].find((v): v is Value => typeof v !== 'number');
    const type = like?.dtype ?? dtype;
    if (type !== 'float32' && type !== 'int64' && type !== 'int32') {
      invalid(`Range needs float32, int64 or int32 scalars; got ${type ?? 'no dtype (pass one)'}.`);
    }
    const scalar = (v: Operand, what: string): Value => {
      if (typeof v === 'number') return this.literal(v, type);
      this.checkValue(v, `Range ${what}`);
      if (v.dtype !== undefined && v.dtype !== type)
        invalid(`Range ${what} is ${v.dtype}, expected ${type}.`);
      return v;
    };
    return this.node(
      'Range',
      [scalar(start, 'start'), scalar(limit, 'limit'), scalar(delta, 'delta')],
      {},
      type,
    );
  }

  /** `ConstantOfShape`: a tensor of `shape` filled with `value`. */
  constantOfShape(shape: Ints, value = 0, dtype: TensorDType = 'float32'): Value {
    const fill = literalTensor([value], dtype);
    return this.node(
      'ConstantOfShape',
      [this.int64s(shape, 'ConstantOfShape shape')],
      { value: attr.tensor(fill) },
      dtype,
    );
  }

  /** A `Constant` node holding `tensor` (use `initializer` for named weights). */
  constant(tensor: Tensor): Value {
    checkTensor(tensor, 'Constant');
    return this.node('Constant', [], { value: attr.tensor(tensor) }, tensor.dtype);
  }

  private reduce(
    type: string,
    axesInputSince: number,
    x: Value,
    axes: readonly number[],
    keepDims: boolean,
  ): Value {
    this.checkValue(x, `${type} input`);
    if (!Array.isArray(axes) || axes.length === 0) invalid(`${type} needs at least one axis.`);
    const keep = { keepdims: attr.int(keepDims ? 1 : 0) };
    if (this.opset >= axesInputSince)
      return this.node(type, [x, this.int64s(axes, `${type} axes`)], keep, x.dtype);
    return this.node(type, [x], { ...keep, axes: attr.ints(axes) }, x.dtype);
  }
}
