/**
 * Maps core {@link SessionOptions} onto onnxruntime-web's session options.
 */
import { BackendError, ConfigError, type SessionOptions } from '@voirs/core';
import type { InferenceSession } from 'onnxruntime-web';

/** The provider used when none is requested. */
export const DEFAULT_PROVIDERS: readonly string[] = ['wasm'];
/** Provider names this backend accepts (`cpu` is onnxruntime-web's alias of `wasm`). */
const KNOWN = ['wasm', 'cpu', 'webgpu'];

/**
 * Checks the requested providers against what this environment offers.
 * @throws BackendError `E_EXECUTION_PROVIDER` naming what is missing and what to use instead.
 */
export function checkProviders(requested: readonly string[], available: readonly string[]): void {
  for (const name of requested) {
    if (!KNOWN.includes(name)) {
      throw new BackendError(
        'E_EXECUTION_PROVIDER',
        `onnxruntime-web has no "${name}" execution provider in this backend. Available here: ${available.join(', ')}.`,
        { details: { provider: name, available } },
      );
    }
    if (name === 'webgpu' && !available.includes('webgpu')) {
      throw new BackendError(
        'E_EXECUTION_PROVIDER',
        'WebGPU is not available here (no navigator.gpu, or no GPU adapter: the browser lacks WebGPU or it is ' +
          "disabled). Use executionProviders: ['wasm'].",
        { details: { provider: name, available } },
      );
    }
  }
}

/**
 * The onnxruntime-web session options for checked core options. Threads are not per session in
 * onnxruntime-web (see the backend's `numThreads`), and it has no inter-op pool.
 * @throws ConfigError `E_UNSUPPORTED_FEATURE` for `profileFilePrefix` (no files to write to).
 */
export function toOrtWebOptions(
  options: SessionOptions,
  providers: readonly string[],
): InferenceSession.SessionOptions {
  if (options.profileFilePrefix !== undefined) {
    throw new ConfigError(
      'E_UNSUPPORTED_FEATURE',
      'profileFilePrefix is not supported by onnxruntime-web (it cannot write profile files). Profile with ' +
        "@voirs/backend-node, or pass extra: { enableProfiling: true } to get onnxruntime-web's console profile.",
    );
  }
  const out: InferenceSession.SessionOptions = {
    executionProviders: providers.map((p) => (p === 'cpu' ? 'wasm' : p)),
  };
  if (options.graphOptimizationLevel !== undefined)
    out.graphOptimizationLevel = options.graphOptimizationLevel;
  if (options.enableCpuMemArena !== undefined) out.enableCpuMemArena = options.enableCpuMemArena;
  if (options.enableMemPattern !== undefined) out.enableMemPattern = options.enableMemPattern;
  return { ...out, ...(options.extra as Partial<InferenceSession.SessionOptions> | undefined) };
}
