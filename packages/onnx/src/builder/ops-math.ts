/**
 * Element-wise op helpers: activations, arithmetic with inline numbers, Clip, Where, Softmax, Cast.
 */
import { ConfigError, type TensorDType } from '@voirs/core';
import { ONNX_DTYPE_CODES, isOnnxDType, type OnnxDType } from '../dtypes.js';
import { attr } from './attributes.js';
import { GraphCore } from './graph-core.js';
import type { Value } from './value.js';

/** A tensor operand, or a plain number that becomes a scalar constant of the other operand's dtype. */
export type Operand = Value | number;

const LITERAL_DTYPES: ReadonlySet<OnnxDType> = new Set<TensorDType>([
  'float32',
  'float16',
  'int64',
  'int32',
  'int8',
  'uint8',
]);

/** Element-wise operators. */
export class MathOps extends GraphCore {
  /** `Relu`. */
  relu(x: Value): Value {
    return this.unary('Relu', x);
  }
  /** `Tanh`. */
  tanh(x: Value): Value {
    return this.unary('Tanh', x);
  }
  /** `Sigmoid`. */
  sigmoid(x: Value): Value {
    return this.unary('Sigmoid', x);
  }
  /** `Exp`. */
  exp(x: Value): Value {
    return this.unary('Exp', x);
  }
  /** `Log` (natural logarithm). */
  log(x: Value): Value {
    return this.unary('Log', x);
  }
  /** `Sqrt`. */
  sqrt(x: Value): Value {
    return this.unary('Sqrt', x);
  }
  /** `Neg`. */
  neg(x: Value): Value {
    return this.unary('Neg', x);
  }
  /** `Erf`. */
  erf(x: Value): Value {
    return this.unary('Erf', x);
  }
  /** `Identity`. */
  identity(x: Value): Value {
    return this.unary('Identity', x);
  }

  /** `LeakyRelu` with an explicit slope (PyTorch's default is 0.01; HiFi-GAN uses 0.1 too). */
  leakyRelu(x: Value, alpha: number): Value {
    if (typeof alpha !== 'number') throw new TypeError('leakyRelu needs a numeric alpha');
    this.checkValue(x, 'LeakyRelu input');
    return this.node('LeakyRelu', [x], { alpha: attr.float(alpha) }, x.dtype);
  }

  /** `Add`; either side may be a number. */
  add(a: Operand, b: Operand): Value {
    return this.binary('Add', a, b);
  }
  /** `Sub`; either side may be a number. */
  sub(a: Operand, b: Operand): Value {
    return this.binary('Sub', a, b);
  }
  /** `Mul`; either side may be a number. */
  mul(a: Operand, b: Operand): Value {
    return this.binary('Mul', a, b);
  }
  /** `Div`; either side may be a number. */
  div(a: Operand, b: Operand): Value {
    return this.binary('Div', a, b);
  }

  /** `Pow`; a number exponent becomes a constant of the base's dtype. */
  pow(base: Value, exponent: Operand): Value {
    this.checkValue(base, 'Pow base');
    const e = typeof exponent === 'number' ? this.scalarLike(exponent, base, 'Pow') : exponent;
    return this.node('Pow', [base, e], {}, base.dtype);
  }

  /** `Clip` with optional bounds (inputs since opset 11); numbers become constants of x's dtype. */
  clip(x: Value, bounds: { min?: Operand; max?: Operand }): Value {
    this.checkValue(x, 'Clip input');
    const bound = (b: Operand | undefined): Value | null =>
      b === undefined
        ? null
        : typeof b === 'number'
          ? this.scalarLike(b, x, 'Clip')
          : this.sameDType(b, x, 'Clip');
    const min = bound(bounds.min);
    const max = bound(bounds.max);
    if (min === null && max === null)
      throw new ConfigError('E_INVALID_ARGUMENT', 'Clip needs min, max or both.');
    return this.node('Clip', max === null ? [x, min] : [x, min, max], {}, x.dtype);
  }

  /** `Where(condition, a, b)`: a where condition is true, else b. */
  where(condition: Value, a: Operand, b: Operand): Value {
    this.checkValue(condition, 'Where condition');
    if (condition.dtype !== undefined && condition.dtype !== 'bool') {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `Where needs a bool condition, got ${condition.dtype}; use g.cast.`,
      );
    }
    const [x, y] = this.operands('Where', a, b);
    return this.node('Where', [condition, x, y], {}, x.dtype ?? y.dtype);
  }

  /** `Softmax` along one axis (opset 13 semantics; default the last axis). */
  softmax(x: Value, axis = -1): Value {
    this.checkValue(x, 'Softmax input');
    return this.node('Softmax', [x], { axis: attr.int(axis) }, x.dtype);
  }

  /** `Cast` to another element type. */
  cast(x: Value, to: OnnxDType): Value {
    this.checkValue(x, 'Cast input');
    if (!isOnnxDType(to)) throw new TypeError(`Cast: unknown dtype '${String(to)}'`);
    return this.node('Cast', [x], { to: attr.int(ONNX_DTYPE_CODES[to]) }, to);
  }

  /** A one-input node that keeps its input's dtype. */
  protected unary(type: string, x: Value): Value {
    this.checkValue(x, `${type} input`);
    return this.node(type, [x], {}, x.dtype);
  }

  /** A two-input node that keeps its inputs' (common) dtype. */
  protected binary(type: string, a: Operand, b: Operand): Value {
    const [x, y] = this.operands(type, a, b);
    return this.node(type, [x, y], {}, x.dtype ?? y.dtype);
  }

  /** Resolves two operands of one dtype, turning a number into a constant like the other. */
  protected operands(type: string, a: Operand, b: Operand): [Value, Value] {
    if (typeof a === 'number' && typeof b === 'number') {
      throw new TypeError(`${type}: at least one operand must be a graph Value`);
    }
    if (typeof a === 'number') return [this.scalarLike(a, b as Value, type), b as Value];
    this.checkValue(a, `${type} input 0`);
    if (typeof b === 'number') return [a, this.scalarLike(b, a, type)];
    return [a, this.sameDType(b, a, type)];
  }

  /** A scalar constant with the dtype of `like`. */
  protected scalarLike(value: number, like: Value, type: string): Value {
    this.checkValue(like, `${type} input`);
    const dtype = like.dtype;
    if (dtype === undefined || !LITERAL_DTYPES.has(dtype)) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `${type}: cannot write the number ${value} as a constant for an operand of ${dtype ?? 'unknown'} dtype; pass a Value.`,
      );
    }
    return this.literal(value, dtype as TensorDType);
  }

  /** Checks that `v` has the dtype of `like` (when both are known). */
  protected sameDType(v: Value, like: Value, type: string): Value {
    this.checkValue(v, `${type} input`);
    if (v.dtype !== undefined && like.dtype !== undefined && v.dtype !== like.dtype) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `${type} needs operands of one dtype, got ${like.dtype} and ${v.dtype}; convert one with g.cast().`,
      );
    }
    return v;
  }
}
