/**
 * Lazy loading of onnxruntime-web and detection of the providers this environment can start.
 */
import { BackendError } from '@voirs/core';
import type * as OnnxruntimeWeb from 'onnxruntime-web';

/** The onnxruntime-web module (or a compatible build such as `onnxruntime-web/wasm`, injected). */
export type OrtWebModule = typeof OnnxruntimeWeb;

/** Where onnxruntime-web finds its `.wasm`/`.mjs` files (its `env.wasm.wasmPaths`). */
export type WasmPaths = NonNullable<OrtWebModule['env']['wasm']['wasmPaths']>;

/** Imports onnxruntime-web (in Node its `node` build, in browsers the WASM + WebGPU bundle), or calls the injected loader. */
export async function loadOnnxruntimeWeb(
  inject?: OrtWebModule | (() => Promise<OrtWebModule>),
): Promise<OrtWebModule> {
  try {
    if (typeof inject === 'function') return await inject();
    if (inject !== undefined) return inject;
    return await import('onnxruntime-web');
  } catch (error) {
    throw new BackendError(
      'E_BACKEND_UNAVAILABLE',
      `onnxruntime-web could not be loaded (${error instanceof Error ? error.message : String(error)}). ` +
        'Install it (pnpm add onnxruntime-web) and make sure your bundler serves its files.',
      { cause: error },
    );
  }
}

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/** True when this environment exposes WebGPU with a usable adapter. */
export async function hasWebGpu(): Promise<boolean> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (gpu === undefined) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}
