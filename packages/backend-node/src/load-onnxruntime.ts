/**
 * Lazy loading of onnxruntime-node and discovery of the execution providers it can offer here.
 * Nothing is imported until a backend initialises, so importing @voirs/backend-node stays cheap.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BackendError } from '@voirs/core';
import type * as OnnxruntimeNode from 'onnxruntime-node';

/** The onnxruntime-node module (or a compatible one injected through the options). */
export type OrtNodeModule = typeof OnnxruntimeNode;

/** One execution provider of the loaded binding. */
export interface ProviderInfo {
  readonly name: string;
  /** False when the provider's library ships separately and is missing here. */
  readonly installed: boolean;
}

/** Imports onnxruntime-node, or calls the injected loader. */
export async function loadOnnxruntime(
  inject?: OrtNodeModule | (() => Promise<OrtNodeModule>),
): Promise<OrtNodeModule> {
  try {
    if (typeof inject === 'function') return await inject();
    if (inject !== undefined) return inject;
    const mod = (await import('onnxruntime-node')) as OrtNodeModule & { default?: OrtNodeModule };
    return typeof mod.InferenceSession === 'function' ? mod : mod.default!;
  } catch (error) {
    throw new BackendError(
      'E_BACKEND_UNAVAILABLE',
      `onnxruntime-node could not be loaded (${error instanceof Error ? error.message : String(error)}). ` +
        'Install it for this platform (pnpm add onnxruntime-node) or use @voirs/backend-web.',
      { cause: error },
    );
  }
}

/** The folder holding onnxruntime-node's native binding, when it can be located. */
function bindingDir(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
    return join(dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return undefined;
  }
}

/** The file name of a separately shipped provider library (e.g. CUDA) on this platform. */
export function providerLibrary(name: string): string {
  if (process.platform === 'win32') return `onnxruntime_providers_${name}.dll`;
  return `libonnxruntime_providers_${name}.${process.platform === 'darwin' ? 'dylib' : 'so'}`;
}

/**
 * The providers the binding was built with. Providers whose libraries ship separately (CUDA,
 * TensorRT: onnxruntime-node's install script downloads them) count as installed only when their
 * library sits beside the binding (or cannot be checked because the module was injected).
 */
export function discoverProviders(ort: OrtNodeModule, injected: boolean): ProviderInfo[] {
  const dir = injected ? undefined : bindingDir();
  return ort.listSupportedBackends().map(({ name, bundled }) => ({
    name,
    installed:
      bundled ||
      dir === undefined ||
      (existsSync(join(dir, providerLibrary(name))) &&
        existsSync(join(dir, providerLibrary('shared')))),
  }));
}
