/**
 * The state of a graph under construction: inputs, outputs, initializers, nodes, naming and
 * metadata, plus serialisation. The typed op helpers build on it (see `graph-builder.ts`).
 */
import { ConfigError, type Tensor, type TensorDType } from '@voirs/core';
import { isOnnxDType, type OnnxDType } from '../dtypes.js';
import { DEFAULT_OPSET, irVersionForOpset } from '../opset.js';
import { toAttributeValue, type AttributeValue, type Attributes } from './attributes.js';
import { literalTensor } from './literal.js';
import { encodeModel, type NodeRecord, type ValueDecl } from './model-encoder.js';
import { toTensor, type InitializerData } from './tensor-proto.js';
import { Value, type Dim } from './value.js';

/** Options of `new GraphBuilder(...)`. */
export interface GraphBuilderOptions {
  /** Graph name (shown by model viewers). */
  name: string;
  /** Default-domain opset, 13..24 (default 17). The IR version follows from it. */
  opset?: number;
  /** Other operator sets the graph uses, e.g. `{ 'com.microsoft': 1 }`. */
  opsets?: Readonly<Record<string, number>>;
  /** `ModelProto.producer_name` (default `@voirs/onnx`). */
  producerName?: string;
  /** `ModelProto.producer_version`. */
  producerVersion?: string;
  /** `ModelProto.domain`, e.g. `org.voirs`. */
  domain?: string;
  /** `ModelProto.model_version`. */
  modelVersion?: number;
  /** `ModelProto.doc_string`. */
  docString?: string;
}

/** Options of the generic {@link GraphCore.op}. */
export interface OpOptions {
  /** Number of outputs (default 1), or their names. */
  outputs?: number | readonly string[];
  /** Operator domain (default: the ONNX domain ''); it must be declared in `opsets`. */
  domain?: string;
  /** Output element types, when known; outputs without one have an unknown dtype. */
  dtypes?: readonly (OnnxDType | undefined)[];
}

function invalid(message: string): never {
  throw new ConfigError('E_INVALID_ARGUMENT', message);
}

function checkShape(shape: readonly Dim[], what: string): void {
  if (!Array.isArray(shape)) throw new TypeError(`${what}: shape must be an array`);
  for (const d of shape) {
    if (typeof d === 'string' ? d === '' : !Number.isSafeInteger(d) || d < 0) {
      invalid(
        `${what}: dimension ${JSON.stringify(d)} must be a size >= 0 or a non-empty axis name.`,
      );
    }
  }
}

/** Graph state and the generic node API; see {@link GraphBuilder} for the typed helpers. */
export class GraphCore {
  /** Graph name. */
  readonly name: string;
  /** Default-domain opset version. */
  readonly opset: number;
  /** IR version written to the model. */
  readonly irVersion: number;
  readonly #options: GraphBuilderOptions;
  readonly #opsets = new Map<string, number>();
  readonly #inputs: ValueDecl[] = [];
  readonly #outputs: ValueDecl[] = [];
  readonly #initializers: { value: Value; tensor: Tensor }[] = [];
  readonly #nodes: NodeRecord[] = [];
  readonly #names = new Set<string>();
  readonly #nodeOutputs = new WeakSet<Value>();
  readonly #literals = new Map<string, Value>();
  readonly #metadata = new Map<string, string>();
  readonly #scopes: string[] = [];
  #counter = 0;

  constructor(options: GraphBuilderOptions) {
    if (typeof options?.name !== 'string')
      throw new TypeError('GraphBuilder needs { name: string }');
    this.name = options.name;
    this.opset = options.opset ?? DEFAULT_OPSET;
    this.irVersion = irVersionForOpset(this.opset);
    this.#options = options;
    this.#opsets.set('', this.opset);
    for (const [domain, version] of Object.entries(options.opsets ?? {})) {
      if (domain === '' || domain === 'ai.onnx')
        invalid('Set the ONNX opset with `opset`, not `opsets`.');
      if (!Number.isSafeInteger(version) || version < 1)
        invalid(`Opset version ${version} for '${domain}' is not a positive integer.`);
      this.#opsets.set(domain, version);
    }
  }

  /** Declares a graph input, e.g. `g.input('mel', 'float32', ['batch', 80, 'frames'])`. */
  input(name: string, dtype: OnnxDType, shape: readonly Dim[]): Value {
    if (!isOnnxDType(dtype))
      throw new TypeError(`input '${name}': unknown dtype '${String(dtype)}'`);
    checkShape(shape, `input '${name}'`);
    const frozen = Object.freeze([...shape]);
    const value = new Value(this, this.#claim(name), dtype, frozen);
    this.#inputs.push({ value, dtype, shape: frozen });
    return value;
  }

  /**
   * Declares `value` as the graph output `name` with its expected shape (symbolic dims allowed,
   * as for inputs; ONNX requires output shapes). A node output is renamed in place; an input,
   * initializer or existing output is routed through an Identity node. `dtype` is needed only
   * when the value's dtype is unknown (outputs of `g.op` without `dtypes`).
   */
  output(value: Value, name: string, shape: readonly Dim[], dtype?: OnnxDType): void {
    this.checkValue(value, 'output');
    checkShape(shape, `output '${name}'`);
    const type =
      dtype ?? value.dtype ?? invalid(`output '${name}': the dtype is unknown; pass it.`);
    if (!isOnnxDType(type))
      throw new TypeError(`output '${name}': unknown dtype '${String(type)}'`);
    const fromNode = this.#nodeOutputs.has(value);
    const declared = this.#outputs.some((o) => o.value === value);
    let out = value;
    if (name === value.name) {
      if (declared) invalid(`'${name}' is already a graph output.`);
      if (!fromNode)
        invalid(`'${name}' is a graph input or initializer; give the output another name.`);
    } else if (fromNode && !declared) {
      this.#claim(name);
      this.#names.delete(value.name);
      value.rename(name);
    } else {
      out = this.op('Identity', [value], {}, { outputs: [name], dtypes: [type] })[0]!;
    }
    this.#outputs.push({ value: out, dtype: type, shape: Object.freeze([...shape]) });
  }

  /**
   * Adds a named initializer (a weight). The data is referenced, not copied: do not modify it
   * before {@link toBytes}. Give a Float32Array, Uint16Array (float16 bits), Int32Array,
   * BigInt64Array, Int8Array or Uint8Array with dims, or a `Tensor` (needed for bool).
   */
  initializer(name: string, data: InitializerData, dims: readonly number[]): Value;
  initializer(name: string, tensor: Tensor): Value;
  initializer(name: string, data: InitializerData | Tensor, dims?: readonly number[]): Value {
    const tensor = toTensor(`initializer '${name}'`, data, dims);
    const value = new Value(this, this.#claim(name), tensor.dtype, Object.freeze([...tensor.dims]));
    this.#initializers.push({ value, tensor });
    return value;
  }

  /**
   * The generic node API, for any operator: `g.op('Gelu', [x])`. Attribute numbers must be typed
   * with `attr.int`/`attr.float`; `null` inputs are omitted optional inputs.
   */
  op(
    type: string,
    inputs: readonly (Value | null)[],
    attrs: Attributes = {},
    options: OpOptions = {},
  ): Value[] {
    if (typeof type !== 'string' || type === '')
      throw new TypeError('op type must be a non-empty string');
    const domain = options.domain ?? '';
    if (!this.#opsets.has(domain))
      invalid(`Operator domain '${domain}' is not declared; add it to the builder's opsets.`);
    inputs.forEach((v, i) => v !== null && this.checkValue(v, `${type} input ${i}`));
    const attributes: [string, AttributeValue][] = [];
    for (const [key, v] of Object.entries(attrs))
      if (v !== undefined) attributes.push([key, toAttributeValue(key, v)]);
    const spec = options.outputs ?? 1;
    const count = typeof spec === 'number' ? spec : spec.length;
    if (!Number.isSafeInteger(count) || count < 1) invalid(`${type} needs at least one output.`);
    const name = this.#nodeName(type);
    const outputs = Array.from({ length: count }, (_, i) => {
      const outName = typeof spec === 'number' ? (count === 1 ? name : `${name}:${i}`) : spec[i]!;
      const value = new Value(this, this.#claim(outName), options.dtypes?.[i]);
      this.#nodeOutputs.add(value);
      return value;
    });
    this.#nodes.push({ opType: type, domain, name, inputs: [...inputs], outputs, attributes });
    return outputs;
  }

  /** Adds model metadata (`metadata_props`), e.g. `{ arch: 'hifigan', sample_rate: 22050 }`. */
  setMetadata(props: Readonly<Record<string, string | number | boolean>>): void {
    for (const [key, value] of Object.entries(props)) {
      if (key === '') invalid('Metadata keys must be non-empty.');
      this.#metadata.set(key, String(value));
    }
  }

  /** Runs `build` with `prefix` added to the names of the nodes it creates (`/ups.0/Conv_12`). */
  scope<T>(prefix: string, build: () => T): T {
    this.#scopes.push(prefix);
    try {
      return build();
    } finally {
      this.#scopes.pop();
    }
  }

  /**
   * Serialises the model (`ModelProto`). Deterministic: the same building code gives the same
   * bytes. Initializer data is copied once, into the returned buffer.
   */
  toBytes(): Uint8Array {
    if (this.#outputs.length === 0)
      invalid(`Graph '${this.name}' has no outputs; declare them with g.output().`);
    const o = this.#options;
    return encodeModel({
      irVersion: this.irVersion,
      opsets: [...this.#opsets],
      producerName: o.producerName ?? '@voirs/onnx',
      producerVersion: o.producerVersion ?? '',
      domain: o.domain ?? '',
      modelVersion: o.modelVersion ?? 0,
      docString: o.docString ?? '',
      metadata: [...this.#metadata],
      graphName: this.name,
      inputs: this.#inputs,
      outputs: this.#outputs,
      initializers: this.#initializers,
      nodes: this.#nodes,
    });
  }

  /** Adds a single-output node whose output dtype is `dtype`. */
  protected node(
    type: string,
    inputs: readonly (Value | null)[],
    attrs: Attributes,
    dtype: OnnxDType | undefined,
  ): Value {
    return this.op(type, inputs, attrs, { dtypes: [dtype] })[0]!;
  }

  /** An anonymous constant initializer (deduplicated), for inline numbers. */
  protected literal(values: number | readonly number[], dtype: TensorDType): Value {
    const key = `${dtype}|${typeof values}|${String(values)}`;
    const cached = this.#literals.get(key);
    if (cached) return cached;
    const value = this.initializer(this.#uniqueName('/Constant'), literalTensor(values, dtype));
    this.#literals.set(key, value);
    return value;
  }

  /**
   * Checks that `value` is a Value of this builder.
   * @throws TypeError for anything else.
   */
  protected checkValue(value: unknown, what: string): asserts value is Value {
    if (!(value instanceof Value))
      throw new TypeError(`${what}: expected a graph Value, got ${typeof value}`);
    if (!value.isOwnedBy(this))
      throw new TypeError(`${what}: '${value.name}' belongs to another GraphBuilder`);
  }

  #claim(name: string): string {
    if (typeof name !== 'string' || name === '')
      throw new TypeError('tensor names must be non-empty strings');
    if (this.#names.has(name))
      invalid(`The tensor name '${name}' is already used in graph '${this.name}'.`);
    this.#names.add(name);
    return name;
  }

  #uniqueName(base: string): string {
    let name = `${base}_${this.#counter++}`;
    while (this.#names.has(name)) name = `${base}_${this.#counter++}`;
    return name;
  }

  #nodeName(type: string): string {
    return this.#uniqueName(`/${this.#scopes.map((s) => `${s}/`).join('')}${type}`);
  }
}
