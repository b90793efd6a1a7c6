/**
 * @voirs/onnx: a typed ONNX graph builder for the vocoder packages, a bounded ONNX model reader,
 * external-data embedding and int8 weight quantisation. Browser-safe: file access lives in the
 * `@voirs/onnx/node` entry.
 * @packageDocumentation
 */
export { GraphBuilder } from './builder/graph-builder.js';
export type { GraphBuilderOptions, OpOptions } from './builder/graph-core.js';
export type { InitializerData } from './builder/tensor-proto.js';
export type { Value, Dim } from './builder/value.js';
export { attr, type AttributeValue, type Attributes } from './builder/attributes.js';
export type { ConvOptions, ConvTransposeOptions } from './builder/conv-attributes.js';
export type { GemmOptions } from './builder/ops-nn.js';
export type { Operand } from './builder/ops-math.js';
export type { QLinearConvInputs } from './builder/ops-quant.js';
export type { Ints, SliceOptions } from './builder/ops-shape.js';
export type { PadMode } from './builder/ops-tensor.js';
export { ONNX_DTYPE_CODES, dtypeFromCode, isOnnxDType, type OnnxDType } from './dtypes.js';
export { DEFAULT_OPSET, MAX_OPSET, MIN_OPSET, irVersionForOpset } from './opset.js';
export { readOnnxModel } from './reader/read-model.js';
export type * from './reader/model-info.js';
export { embedExternalData, type ExternalDataLoader } from './external/embed-external-data.js';
export { quantizeTensorPerChannel, type PerChannelQuantized } from './quantize.js';
export { float16Bits, float16Value, toFloat16Bits } from './float16.js';
