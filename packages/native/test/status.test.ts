/**
 * nativeStatus() and loadNativeKernels(): the status's shape, its agreement with the loader, the
 * CI rule (a missing addon fails CI on linux x64 instead of skipping) and VOIRS_NATIVE=0 (in a
 * child process: the loader caches its result per process).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ADDON_PATH, loadNativeKernels, nativeStatus, type NativeStatus } from '../src/index.js';
import { ciFailure, status } from './availability.js';

describe('nativeStatus', () => {
  it('the native kernels are available, or unavailable for a reason this environment accepts', () => {
    // in CI on linux x64 the addon is built with VOIRS_NATIVE_REQUIRED=1: a missing or broken one
    // must fail here rather than silently skip every numeric test
    const failure = ciFailure(status, process.env, process.platform, process.arch);
    expect(failure, failure).toBeUndefined();
    if (!status.available)
      console.warn(`@voirs/native tests: kernels unavailable (${status.reason})`);
  });

  it('says where the addon is', () => {
    expect(status.path).toBe(ADDON_PATH);
    expect(isAbsolute(status.path)).toBe(true);
    expect(status.path.replaceAll('\\', '/')).toMatch(
      /packages\/native\/build\/voirs_native\.node$/,
    );
  });

  it('gives an isa when available and a reason when not', () => {
    if (status.available) {
      expect(status.isa).toBe('avx512');
      expect(status.reason).toBeUndefined();
      expect(existsSync(status.path)).toBe(true);
    } else {
      expect(status.isa).toBeUndefined();
      expect(status.reason).toEqual(expect.any(String));
      expect(status.reason!.length).toBeGreaterThan(5);
      if (/not built/.test(status.reason!)) expect(existsSync(status.path)).toBe(false);
    }
  });

  it('is computed once per process', () => {
    expect(nativeStatus()).toBe(nativeStatus());
  });

  it('agrees with loadNativeKernels', () => {
    const kernels = loadNativeKernels();
    expect(kernels !== undefined).toBe(status.available);
    if (kernels === undefined) return;
    expect(kernels.isa).toBe(status.isa);
    expect(kernels.threads).toBe(Math.min(64, availableParallelism()));
    expect(Object.isFrozen(kernels)).toBe(true);
    expect(loadNativeKernels({ threads: 3 })!.threads).toBe(3);
  });
});

describe('the CI rule (ciFailure)', () => {
  const path = '/x/build/voirs_native.node';
  const off = (reason: string): NativeStatus => ({ available: false, reason, path });
  const ci = { CI: 'true' };

  it('fails a missing or broken addon in CI on linux x64', () => {
    expect(ciFailure(off('not built (run pnpm ...)'), ci, 'linux', 'x64')).toMatch(/not built/);
    expect(ciFailure(off('failed to load: bad ELF'), ci, 'linux', 'x64')).toMatch(/bad ELF/);
  });

  it('accepts a CPU without AVX-512F and VOIRS_NATIVE=0 in CI', () => {
    expect(ciFailure(off('this CPU has no AVX-512F'), ci, 'linux', 'x64')).toBeUndefined();
    expect(ciFailure(off('switched off (VOIRS_NATIVE=0)'), ci, 'linux', 'x64')).toBeUndefined();
  });

  it('accepts anything outside CI or off linux x64, and an available addon', () => {
    expect(ciFailure(off('not built'), {}, 'linux', 'x64')).toBeUndefined();
    expect(ciFailure(off('not built'), { CI: 'false' }, 'linux', 'x64')).toBeUndefined();
    expect(ciFailure(off('not built'), ci, 'darwin', 'arm64')).toBeUndefined();
    expect(ciFailure(off('not built'), ci, 'linux', 'arm64')).toBeUndefined();
    expect(ciFailure({ available: true, isa: 'avx512', path }, ci, 'linux', 'x64')).toBeUndefined();
  });
});

describe('VOIRS_NATIVE (in a child process)', () => {
  const child = fileURLToPath(new URL('./status-child.ts', import.meta.url));
  // tsx (a root devDependency) runs the TypeScript sources; @voirs/source resolves @voirs/core
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

  async function statusWith(value: string): Promise<{ status: NativeStatus; loaded: boolean }> {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', tsx, '--conditions=@voirs/source', child],
      { env: { ...process.env, VOIRS_NATIVE: value }, timeout: 30_000 },
    );
    return JSON.parse(stdout.trim().split('\n').pop()!) as {
      status: NativeStatus;
      loaded: boolean;
    };
  }

  it('VOIRS_NATIVE=0 switches the kernels off, saying so; VOIRS_NATIVE=1 does not', async () => {
    const [off, on] = await Promise.all([statusWith('0'), statusWith('1')]);
    expect(off.status.available).toBe(false);
    expect(off.status.reason).toMatch(/VOIRS_NATIVE=0/);
    expect(off.status.path).toBe(ADDON_PATH);
    expect(off.loaded).toBe(false);
    expect(on.loaded).toBe(on.status.available);
    expect(on.status.reason ?? '').not.toMatch(/VOIRS_NATIVE/);
    // any other value leaves the status as this process sees it (unless this one is switched off)
    if (process.env.VOIRS_NATIVE !== '0') expect(on.status).toEqual(status);
  });
});
