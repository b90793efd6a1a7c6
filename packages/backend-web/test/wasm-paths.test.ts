/**
 * onnxruntime-web in Node finds its wasm beside its own script; when the package is bundled,
 * `wasmPaths` must point at the files. This file runs in its own worker, so the settings it gives
 * are the first onnxruntime-web sees (they are global to the module).
 */
import { backendTestInput, referenceConv } from '@voirs/core/testing';
import { describe, expect, it } from 'vitest';
import { createWebBackend } from '../src/index.js';
import { models } from './fixtures.js';

describe('wasmPaths and threads in Node', () => {
  it('runs with wasmPaths pointing at the installed files and a 2-thread pool', async () => {
    const mjs = import.meta.resolve('onnxruntime-web/ort-wasm-simd-threaded.mjs');
    const wasm = import.meta.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm');
    const backend = createWebBackend({ wasmPaths: { mjs, wasm }, numThreads: 2 });
    const session = await backend.createSession(models.conv);
    expect(backend.threads).toBe(2);
    const x = backendTestInput(1, 5000, 1);
    const out = await session.run({ x });
    const ref = referenceConv(x);
    let max = 0;
    (out.y!.data as Float32Array).forEach((v, i) => (max = Math.max(max, Math.abs(v - ref.y[i]!))));
    expect(max).toBeLessThan(1e-5);
    await session.dispose();
  });
});
