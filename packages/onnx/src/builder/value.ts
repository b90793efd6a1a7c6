/**
 * Handles to the tensors of a graph under construction.
 */
import type { OnnxDType } from '../dtypes.js';

/** One dimension of a declared shape: a size, or the name of a symbolic (dynamic) axis. */
export type Dim = number | string;

/**
 * A tensor in a graph being built: a graph input, an initializer, a constant or a node output.
 * Values are created only by their {@link GraphBuilder} and can be used only with it.
 */
export class Value {
  #name: string;
  readonly #owner: object;

  /** @internal Created by the builder; not for direct use. */
  constructor(
    owner: object,
    name: string,
    /** Element type, when the builder knows it (always, except for outputs of `g.op` without `dtypes`). */
    readonly dtype: OnnxDType | undefined,
    /** Static shape, when known (graph inputs, initializers, constants); node outputs have none. */
    readonly shape: readonly Dim[] | undefined = undefined,
  ) {
    this.#owner = owner;
    this.#name = name;
  }

  /** The tensor's name in the ONNX graph. */
  get name(): string {
    return this.#name;
  }

  /** @internal True when `owner` created this value. */
  isOwnedBy(owner: object): boolean {
    return this.#owner === owner;
  }

  /** @internal Renames a node output (used when it becomes a named graph output). */
  rename(name: string): void {
    this.#name = name;
  }

  /** Rank, when the shape is known. */
  get rank(): number | undefined {
    return this.shape?.length;
  }
}
