/**
 * Shape and indexing op helpers: Reshape, Transpose, Unsqueeze, Squeeze, Concat, Split, Slice,
 * Gather, Shape, Expand. Axis lists may be given as numbers (written as int64 constants) or as
 * int64 Values computed in the graph.
 */
import { ConfigError } from '@voirs/core';
import { attr } from './attributes.js';
import { QuantOps } from './ops-quant.js';
import type { Value } from './value.js';

/** A list of int64s: plain numbers (a constant), or a 1-D int64 Value. */
export type Ints = readonly number[] | Value;

/** Bounds of `slice`, per sliced axis. Use `Number.MAX_SAFE_INTEGER` for "to the end". */
export interface SliceOptions {
  starts: Ints;
  ends: Ints;
  /** Axes the bounds apply to (default: the first axes in order). */
  axes?: Ints;
  /** Steps (default 1). */
  steps?: Ints;
}

function invalid(message: string): never {
  throw new ConfigError('E_INVALID_ARGUMENT', message);
}

/** Shape manipulation and indexing. */
export class ShapeOps extends QuantOps {
  /** `Reshape`; 0 copies the input dim and -1 is inferred, unless `allowZero` (opset 14+). */
  reshape(x: Value, shape: Ints, options: { allowZero?: boolean } = {}): Value {
    this.checkValue(x, 'Reshape input');
    if (options.allowZero && this.opset < 14) invalid('Reshape allowZero needs opset 14 or later.');
    const attrs = { allowzero: options.allowZero ? attr.int(1) : undefined };
    return this.node('Reshape', [x, this.int64s(shape, 'Reshape shape')], attrs, x.dtype);
  }

  /** `Transpose` (default: reverse the axes). */
  transpose(x: Value, perm?: readonly number[]): Value {
    this.checkValue(x, 'Transpose input');
    return this.node('Transpose', [x], { perm: perm && attr.ints(perm) }, x.dtype);
  }

  /** `Unsqueeze` (axes as an input, opset 13+). */
  unsqueeze(x: Value, axes: Ints): Value {
    this.checkValue(x, 'Unsqueeze input');
    return this.node('Unsqueeze', [x, this.int64s(axes, 'Unsqueeze axes')], {}, x.dtype);
  }

  /** `Squeeze` the given axes (default: every axis of size 1). */
  squeeze(x: Value, axes?: Ints): Value {
    this.checkValue(x, 'Squeeze input');
    const inputs = axes === undefined ? [x] : [x, this.int64s(axes, 'Squeeze axes')];
    return this.node('Squeeze', inputs, {}, x.dtype);
  }

  /** `Concat` along `axis`. */
  concat(values: readonly Value[], axis: number): Value {
    if (!Array.isArray(values) || values.length === 0) invalid('Concat needs at least one input.');
    const first = values[0]!;
    this.checkValue(first, 'Concat input 0');
    for (const v of values) this.sameDType(v, first, 'Concat');
    return this.node('Concat', values, { axis: attr.int(axis) }, first.dtype);
  }

  /**
   * `Split` along `axis` into parts of the given sizes (`[c, c]`), or into `parts` equal pieces
   * (a number; the axis length must divide by it).
   */
  split(x: Value, parts: readonly number[] | number, axis = 0): Value[] {
    this.checkValue(x, 'Split input');
    const count = typeof parts === 'number' ? parts : parts.length;
    if (!Number.isSafeInteger(count) || count < 1)
      invalid(`Split needs at least one part, got ${String(parts)}.`);
    const attrs = {
      axis: attr.int(axis),
      num_outputs: undefined as ReturnType<typeof attr.int> | undefined,
    };
    const inputs: Value[] = [x];
    if (typeof parts !== 'number') inputs.push(this.int64s(parts, 'Split sizes'));
    else if (this.opset >= 18) attrs.num_outputs = attr.int(parts);
    return this.op('Split', inputs, attrs, { outputs: count, dtypes: Array(count).fill(x.dtype) });
  }

  /** `Slice` with bounds given per axis. */
  slice(x: Value, bounds: SliceOptions): Value {
    this.checkValue(x, 'Slice input');
    const inputs = [
      x,
      this.int64s(bounds.starts, 'Slice starts'),
      this.int64s(bounds.ends, 'Slice ends'),
    ];
    if (bounds.axes !== undefined || bounds.steps !== undefined) {
      inputs.push(
        bounds.axes === undefined
          ? invalid('Slice steps need axes too.')
          : this.int64s(bounds.axes, 'Slice axes'),
      );
    }
    if (bounds.steps !== undefined) inputs.push(this.int64s(bounds.steps, 'Slice steps'));
    return this.node('Slice', inputs, {}, x.dtype);
  }

  /** `Gather` along `axis`; a single number index removes that axis (a scalar int64 index). */
  gather(x: Value, indices: Value | number | readonly number[], axis = 0): Value {
    this.checkValue(x, 'Gather input');
    let idx: Value;
    if (typeof indices === 'number') idx = this.literal(indices, 'int64');
    else if (Array.isArray(indices)) idx = this.literal(indices, 'int64');
    else {
      idx = indices as Value;
      this.checkValue(idx, 'Gather indices');
      if (idx.dtype !== undefined && idx.dtype !== 'int64' && idx.dtype !== 'int32') {
        invalid(`Gather indices must be int32 or int64, got ${idx.dtype}.`);
      }
    }
    return this.node('Gather', [x, idx], { axis: attr.int(axis) }, x.dtype);
  }

  /** `Shape` as a 1-D int64 tensor; `start`/`end` select a range of axes (opset 15+). */
  shape(x: Value, range: { start?: number; end?: number } = {}): Value {
    this.checkValue(x, 'Shape input');
    if ((range.start !== undefined || range.end !== undefined) && this.opset < 15) {
      invalid('Shape start/end need opset 15 or later.');
    }
    const attrs = {
      start: range.start === undefined ? undefined : attr.int(range.start),
      end: range.end === undefined ? undefined : attr.int(range.end),
    };
    return this.node('Shape', [x], attrs, 'int64');
  }

  /** `Expand` (numpy broadcasting) to `shape`. */
  expand(x: Value, shape: Ints): Value {
    this.checkValue(x, 'Expand input');
    return this.node('Expand', [x, this.int64s(shape, 'Expand shape')], {}, x.dtype);
  }

  /** A 1-D int64 input: a constant for numbers, or a checked int64 Value. */
  protected int64s(values: Ints, what: string): Value {
    if (Array.isArray(values)) return this.literal(values as readonly number[], 'int64');
    const v = values as Value;
    this.checkValue(v, what);
    if (v.dtype !== undefined && v.dtype !== 'int64')
      invalid(`${what} must be int64, got ${v.dtype}.`);
    return v;
  }
}
