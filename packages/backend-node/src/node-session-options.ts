/**
 * Maps core {@link SessionOptions} onto onnxruntime-node's session options, refusing providers
 * this binding cannot start before onnxruntime tries.
 */
import { BackendError, type SessionOptions } from '@voirs/core';
import type { InferenceSession } from 'onnxruntime-node';
import { providerLibrary, type ProviderInfo } from './load-onnxruntime.js';

type OrtSessionOptions = InferenceSession.SessionOptions;

/** The provider used when none is requested. */
export const DEFAULT_PROVIDERS: readonly string[] = ['cpu'];

/**
 * Checks the requested providers against the binding.
 * @throws BackendError `E_EXECUTION_PROVIDER` naming what is missing and what to do.
 */
export function checkProviders(
  requested: readonly string[],
  providers: readonly ProviderInfo[],
): void {
  for (const name of requested) {
    const info = providers.find((p) => p.name === name);
    const usable = providers.filter((p) => p.installed).map((p) => p.name);
    if (info === undefined) {
      throw new BackendError(
        'E_EXECUTION_PROVIDER',
        `onnxruntime-node on ${process.platform}/${process.arch} has no "${name}" execution provider. ` +
          `Available: ${usable.join(', ')}.`,
        { details: { provider: name, available: usable } },
      );
    }
    if (!info.installed) {
      throw new BackendError(
        'E_EXECUTION_PROVIDER',
        `The "${name}" execution provider is not installed: ${providerLibrary(name)} is missing beside ` +
          `onnxruntime-node's binding. Reinstall onnxruntime-node with its install script allowed and ` +
          `ONNXRUNTIME_NODE_INSTALL=cuda12 (it needs CUDA 12 and cuDNN 9), or use one of: ${usable.join(', ')}.`,
        { details: { provider: name, available: usable } },
      );
    }
  }
}

/** The onnxruntime-node session options for checked core options. */
export function toOrtNodeOptions(
  options: SessionOptions,
  providers: readonly string[],
): OrtSessionOptions {
  const out: OrtSessionOptions = { executionProviders: [...providers] };
  // 0 means "the runtime's default", which is what leaving the field out gives.
  if (options.intraOpThreads) out.intraOpNumThreads = options.intraOpThreads;
  if (options.interOpThreads) out.interOpNumThreads = options.interOpThreads;
  if (options.graphOptimizationLevel !== undefined)
    out.graphOptimizationLevel = options.graphOptimizationLevel;
  if (options.enableCpuMemArena !== undefined) out.enableCpuMemArena = options.enableCpuMemArena;
  if (options.enableMemPattern !== undefined) out.enableMemPattern = options.enableMemPattern;
  if (options.profileFilePrefix !== undefined) {
    out.enableProfiling = true;
    out.profileFilePrefix = options.profileFilePrefix;
  }
  // Stop the intra-op threads' spinning when a run returns (onnxruntime restarts it on the next
  // run): spinning threads otherwise hold both cores of a small machine for several milliseconds
  // after every run, slowing whatever the process does next (native kernels, effects, encoding;
  // a native conv stack right after a run took 85 instead of 60 ms). Override with
  // extra: { extra: { session: { force_spinning_stop: '0' } } }.
  out.extra = { session: { force_spinning_stop: '1' } };
  return { ...out, ...(options.extra as Partial<OrtSessionOptions> | undefined) };
}
