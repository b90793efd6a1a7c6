/**
 * What {@link readOnnxModel} reports about a model: the parts a CLI `info` command and model
 * validation need, without copying tensor data.
 */
import type { OnnxDType } from '../dtypes.js';

/** One dimension: a size, a symbolic name, or `null` when unknown. */
export type OnnxDim = number | string | null;

/** A graph input, output or intermediate value. */
export interface OnnxValueInfo {
  readonly name: string;
  /** The kind of value (`none` when the type is missing). */
  readonly kind: 'tensor' | 'sparse_tensor' | 'sequence' | 'map' | 'optional' | 'none';
  /** Element type name for tensors (`undefined` for an unknown code or a non-tensor). */
  readonly dtype: OnnxDType | undefined;
  /** Raw `elem_type` code (0 when absent). */
  readonly elemType: number;
  /** Shape, or `undefined` when the rank is unknown. */
  readonly shape: readonly OnnxDim[] | undefined;
}

/** Where an external tensor's bytes live (`TensorProto.external_data`). */
export interface OnnxExternalData {
  /** Path relative to the model's folder, exactly as stored. */
  readonly location: string;
  /** Byte offset in that file (0 when absent). */
  readonly offset: number;
  /** Byte length (`undefined`: to the end of the file). */
  readonly length: number | undefined;
  readonly checksum: string | undefined;
}

/** An initializer or tensor attribute. */
export interface OnnxTensorInfo {
  readonly name: string;
  /** Raw `data_type` code. */
  readonly dataType: number;
  /** Element type name (`undefined` for an unknown code). */
  readonly dtype: OnnxDType | undefined;
  readonly dims: readonly number[];
  readonly elementCount: number;
  /** How the data is stored: `raw_data`, typed fields (`float_data`…), or an external file. */
  readonly storage: 'raw' | 'typed' | 'external';
  /** Size of the data in raw little-endian form (`undefined` for strings or an open-ended external). */
  readonly byteLength: number | undefined;
  /** A view (not a copy) of `raw_data`, for `storage: 'raw'`. */
  readonly rawData: Uint8Array | undefined;
  /** External data reference, for `storage: 'external'`. */
  readonly external: OnnxExternalData | undefined;
}

/** A node attribute. Sparse tensors and type protos are reported by their type code only. */
export type OnnxAttribute =
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'int'; readonly value: number | bigint }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'tensor'; readonly value: OnnxTensorInfo }
  | { readonly type: 'graph'; readonly value: OnnxGraphInfo }
  | { readonly type: 'floats'; readonly value: readonly number[] }
  | { readonly type: 'ints'; readonly value: readonly (number | bigint)[] }
  | { readonly type: 'strings'; readonly value: readonly string[] }
  | { readonly type: 'tensors'; readonly value: readonly OnnxTensorInfo[] }
  | { readonly type: 'graphs'; readonly value: readonly OnnxGraphInfo[] }
  | { readonly type: 'other'; readonly typeCode: number };

/** A node. */
export interface OnnxNodeInfo {
  readonly name: string;
  readonly opType: string;
  /** Operator domain ('' for the default ONNX domain). */
  readonly domain: string;
  /** Input names ('' marks an omitted optional input). */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Attributes by name (a null-prototype object). */
  readonly attributes: Readonly<Record<string, OnnxAttribute>>;
}

/** A graph (the main graph, or a subgraph of If/Loop/Scan). */
export interface OnnxGraphInfo {
  readonly name: string;
  readonly docString: string;
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly valueInfo: readonly OnnxValueInfo[];
  readonly initializers: readonly OnnxTensorInfo[];
  readonly sparseInitializerCount: number;
  readonly nodes: readonly OnnxNodeInfo[];
  /** Node count per operator (`Conv`, or `domain:Op` outside the default domain). */
  readonly opCounts: Readonly<Record<string, number>>;
}

/** An operator set import. */
export interface OnnxOpsetImport {
  /** '' for the default ONNX domain. */
  readonly domain: string;
  readonly version: number;
}

/** A parsed ONNX model. */
export interface OnnxModelInfo {
  readonly irVersion: number;
  readonly opsetImports: readonly OnnxOpsetImport[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number | bigint;
  readonly docString: string;
  /** `metadata_props` (a null-prototype object). */
  readonly metadata: Readonly<Record<string, string>>;
  readonly graph: OnnxGraphInfo;
  /** Names (`domain:name`) of model-local functions. */
  readonly functions: readonly string[];
}
