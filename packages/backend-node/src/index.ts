/**
 * @voirs/backend-node: ONNX Runtime for Node.js (onnxruntime-node) behind the voirs `Backend`
 * contract. onnxruntime-node is imported lazily on first use.
 * @packageDocumentation
 */
export {
  createNodeBackend,
  nodeBackend,
  NODE_BACKEND_NAME,
  type NodeBackend,
  type NodeBackendOptions,
} from './node-backend.js';
export type { OrtNodeModule } from './load-onnxruntime.js';
export { nchwcBlockChannels } from './cpu-layout.js';
