#!/usr/bin/env node
/**
 * Builds the native addon (build/voirs_native.node) with the system's C++ compiler against Node's
 * own N-API headers; run by `pnpm install` (this package's install script) and by hand as
 * `pnpm --filter @voirs/native build:native`.
 *
 * The addon is an optional accelerator: when it cannot be built (no compiler, no Node headers, not
 * x86-64) this prints why and exits 0, and every model runs in onnxruntime alone. With
 * VOIRS_NATIVE_REQUIRED=1 (CI) a failed build exits 1. VOIRS_NATIVE_BUILD=0 skips the build.
 * The result is written under a temporary name and renamed, so a failed build never leaves a
 * half-written addon behind.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const required = process.env.VOIRS_NATIVE_REQUIRED === '1';
const target = join(root, 'build', 'voirs_native.node');

function give(reason) {
  const text = `@voirs/native: not built (${reason}); models run in onnxruntime alone.`;
  if (required) {
    console.error(`${text} VOIRS_NATIVE_REQUIRED=1: failing.`);
    process.exit(1);
  }
  console.warn(text);
  process.exit(0);
}

if (process.env.VOIRS_NATIVE_BUILD === '0') give('VOIRS_NATIVE_BUILD=0');
if (process.arch !== 'x64') give(`the kernels are for x86-64, this is ${process.arch}`);
if (process.platform === 'win32') give('the build script does not drive MSVC');

/** Node's N-API headers: npm's nodedir, beside the node binary, or the system's. */
const headers = [
  process.env.npm_config_nodedir && join(process.env.npm_config_nodedir, 'include', 'node'),
  resolve(process.execPath, '..', '..', 'include', 'node'),
  '/usr/include/node',
  '/usr/local/include/node',
].find((dir) => dir && existsSync(join(dir, 'node_api.h')));
if (headers === undefined) give("Node's headers (node_api.h) were not found");

const compiler = process.env.CXX || 'c++';
const common = ['-O3', '-std=c++17', '-fPIC', '-fvisibility=hidden', '-Wall', '-Wextra'];
const units = [
  // the glue runs on any x86-64 CPU; it checks for AVX-512 before calling the kernels
  { src: 'addon.cpp', flags: [`-I${headers}`, '-DNODE_GYP_MODULE_NAME=voirs_native'] },
  { src: 'winograd.cpp', flags: [] },
  { src: 'conv-stack-avx512.cpp', flags: ['-mavx512f', '-mfma', '-Wno-maybe-uninitialized'] },
  { src: 'winograd-avx512.cpp', flags: ['-mavx512f', '-mfma', '-Wno-maybe-uninitialized'] },
];
mkdirSync(join(root, 'build'), { recursive: true });
const work = mkdtempSync(join(root, 'build', 'tmp-'));
let failure;
try {
  const objects = units.map(({ src, flags }) => {
    const object = join(work, src.replace(/\.cpp$/, '.o'));
    execFileSync(compiler, [...common, ...flags, '-c', join(root, 'binding', src), '-o', object], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return object;
  });
  const linked = join(work, 'voirs_native.node');
  const platformFlags = process.platform === 'darwin' ? ['-undefined', 'dynamic_lookup'] : [];
  execFileSync(compiler, ['-shared', '-pthread', ...platformFlags, ...objects, '-o', linked], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  renameSync(linked, target);
} catch (error) {
  failure = `${compiler} failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`;
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failure !== undefined) give(failure);
console.log(`@voirs/native: built ${target}`);
