/**
 * @voirs/backend-web: ONNX Runtime Web (WebAssembly / WebGPU) behind the voirs `Backend`
 * contract, for browsers and Node. onnxruntime-web is imported lazily on first use.
 * @packageDocumentation
 */
export {
  createWebBackend,
  webBackend,
  WEB_BACKEND_NAME,
  type WebBackend,
  type WebBackendOptions,
} from './web-backend.js';
export type { OrtWebModule, WasmPaths } from './load-onnxruntime-web.js';
