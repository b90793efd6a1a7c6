/**
 * @voirs/backend-ort: the onnxruntime session layer that @voirs/backend-node and
 * @voirs/backend-web share (feeds checked against the model, tensor conversion both ways, a per-
 * session run queue, abort, output copies, safe dispose, error mapping, session-option checks and a
 * metadata reader). It is written against a structural subset of onnxruntime's JS API
 * (`ort-types.ts`), so it imports neither onnxruntime-node nor onnxruntime-web.
 * @packageDocumentation
 */
export { checkSessionOptions } from './check-session-options.js';
export { assertNoExternalData } from './external-data-guard.js';
export { sessionLogLevel, type LogLevel } from './log-level.js';
export { readModelMetadata } from './model-metadata.js';
export { OrtSession, openOrtSession, type OpenOrtSessionOptions } from './ort-session.js';
export type {
  OrtSessionLike,
  OrtTensorFactory,
  OrtTensorLike,
  OrtValueMetadata,
} from './ort-types.js';
export { loadFailure, runFailure } from './runtime-errors.js';
export { checkTensor, copyOutput, isTensorDType } from './tensors.js';
export { formatSpec, prepareFeeds, specsFromMetadata, type ValueSpec } from './value-specs.js';
