/**
 * Whether the native kernels can run in this test process. Where they cannot, the numeric tests
 * skip with the reason in their title; status.test.ts fails instead in CI on linux x64 when the
 * reason is a missing or broken addon (CI builds it with VOIRS_NATIVE_REQUIRED=1).
 */
import type { NativeKernels } from '@voirs/core';
import { loadNativeKernels, nativeStatus, type NativeStatus } from '../src/index.js';

export const status = nativeStatus();

/** True where the kernels cannot run: the numeric tests skip. */
export const skipNative = !status.available;

/** A describe/it title with the skip reason appended where the tests skip. */
export const titled = (title: string): string =>
  skipNative ? `${title} (skipped: native kernels unavailable: ${status.reason})` : title;

/** The kernels with `threads` threads (only call inside tests that skip where unavailable). */
export function kernels(threads: number): NativeKernels {
  const loaded = loadNativeKernels({ threads });
  if (loaded === undefined) throw new Error(`native kernels unavailable: ${status.reason}`);
  return loaded;
}

/**
 * Why the missing kernels fail the suite, or undefined where skipping is acceptable. On linux x64
 * in CI (CI=true) the addon is built by pnpm install with VOIRS_NATIVE_REQUIRED=1, so it must be
 * there and load: only a CPU without AVX-512F, or switching it off with VOIRS_NATIVE=0, may skip
 * the numeric tests. Elsewhere (a laptop without a compiler, arm64, Windows) anything may.
 */
export function ciFailure(
  s: NativeStatus,
  env: { readonly CI?: string },
  platform: string,
  arch: string,
): string | undefined {
  if (s.available || env.CI !== 'true' || platform !== 'linux' || arch !== 'x64') return undefined;
  if (/no AVX-512F|VOIRS_NATIVE=0/.test(s.reason ?? '')) return undefined;
  return `the native addon must be built and load in CI on linux x64, but it is unavailable: ${s.reason}`;
}
