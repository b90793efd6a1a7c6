import { readdirSync, readFileSync } from 'node:fs';
import { backends, createTensor, isVocoderError } from '@voirs/core';
import { backendTestInput, sharedFile } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { describe, expect, it } from 'vitest';
import { createWebBackend, webBackend, type OrtWebModule } from '../src/index.js';
import { builtConv, builtUpsampler } from '../../backend-node/test/built-models.js';
import { FIXTURES, models } from './fixtures.js';

const backend = createWebBackend({ logLevel: 'fatal' });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (isVocoderError(e) ? e.code : String(e)),
  );
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('createWebBackend (in Node)', () => {
  it('matches the torch golden of conv.onnx', async () => {
    const golden = JSON.parse(
      readFileSync(new URL('conv.golden.json', FIXTURES), 'utf8'),
    ) as Record<'x' | 'y' | 'energy', { dims: number[]; data: number[] }>;
    const session = await backend.createSession(models.conv, { executionProviders: ['cpu'] });
    const out = await session.run({
      x: createTensor('float32', Float32Array.from(golden.x.data), golden.x.dims),
    });
    expect(maxAbsDiff(out.y!.data as Float32Array, golden.y.data)).toBeLessThan(1e-5);
    expect(maxAbsDiff(out.energy!.data as Float32Array, golden.energy.data)).toBeLessThan(1e-4);
    await session.dispose();
  });

  it('refuses WebGPU without an adapter, unknown providers and profile files with typed errors', async () => {
    await backend.init();
    expect(backend.executionProviders).toEqual(['wasm']);
    const webgpu = await backend
      .createSession(models.conv, { executionProviders: ['webgpu'] })
      .catch((e: unknown) => e);
    expect(isVocoderError(webgpu, 'E_EXECUTION_PROVIDER')).toBe(true);
    expect((webgpu as Error).message).toContain("executionProviders: ['wasm']");
    expect(await codeOf(backend.createSession(models.conv, { executionProviders: ['cuda'] }))).toBe(
      'E_EXECUTION_PROVIDER',
    );
    expect(await codeOf(backend.createSession(models.conv, { profileFilePrefix: 'p' }))).toBe(
      'E_UNSUPPORTED_FEATURE',
    );
    // interOpThreads is a sizing hint onnxruntime-web has no pool for: accepted, no effect.
    const s = await backend.createSession(models.conv, { interOpThreads: 4 });
    await s.dispose();
  });

  it('passes extra through to onnxruntime-web', async () => {
    const pinned = await backend.createSession(models.conv, {
      extra: { freeDimensionOverrides: { batch: 1 } },
    });
    await expect(pinned.run({ x: backendTestInput(1, 4) })).resolves.toBeDefined();
    expect(await codeOf(pinned.run({ x: backendTestInput(2, 4) }))).toBe('E_INVALID_ARGUMENT');
    await pinned.dispose();
  });

  it('agrees with @voirs/backend-node within 1e-5 on the fixtures', async () => {
    const native = createNodeBackend({ logLevel: 'fatal' });
    const [a, b] = await Promise.all([
      backend.createSession(models.conv),
      native.createSession(models.conv),
    ]);
    const x = backendTestInput(2, 300, 3);
    const [wa, na] = await Promise.all([a.run({ x }), b.run({ x })]);
    expect(maxAbsDiff(wa.y!.data as Float32Array, na.y!.data as Float32Array)).toBeLessThan(1e-5);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it('runs @voirs/onnx GraphBuilder models like @voirs/backend-node', async () => {
    const native = createNodeBackend({ logLevel: 'fatal' });
    const mel = createTensor(
      'float32',
      Float32Array.from({ length: 8 * 40 }, (_, i) => Math.cos(i * 0.21)),
      [1, 8, 40],
    );
    const x = backendTestInput(1, 50, 2);
    for (const [model, feeds] of [
      [builtUpsampler(), { mel }],
      [builtConv(), { x }],
    ] as const) {
      const outs = [];
      for (const b of [backend, native]) {
        const session = await b.createSession(model);
        outs.push(await session.run(feeds));
        await session.dispose();
      }
      for (const name of Object.keys(outs[1]!)) {
        expect(outs[0]![name]!.dims).toEqual(outs[1]![name]!.dims);
        expect(
          maxAbsDiff(outs[0]![name]!.data as Float32Array, outs[1]![name]!.data as Float32Array),
        ).toBeLessThan(1e-5);
      }
    }
  });

  const dnsmos = sharedFile('models/dnsmos/sig_bak_ovr.onnx');
  it.skipIf(!dnsmos)(
    'agrees with @voirs/backend-node within 1e-4 on a real model (DNSMOS P.835)',
    async () => {
      const bytes = new Uint8Array(readFileSync(dnsmos!));
      const native = createNodeBackend({ logLevel: 'fatal' });
      const samples = new Float32Array(144160).map(
        (_, i) => 0.1 * Math.sin(i * 0.05) * Math.sin(i * 0.0007),
      );
      const feeds = { input_1: createTensor('float32', samples, [1, 144160]) };
      const results = [];
      for (const b of [backend, native]) {
        const session = await b.createSession(bytes);
        results.push((await session.run(feeds))['Identity:0']!.data as Float32Array);
        await session.dispose();
      }
      expect(maxAbsDiff(results[0]!, results[1]!)).toBeLessThan(1e-4);
    },
  );

  it('loads onnxruntime-web lazily, once, through an injectable loader', async () => {
    let loads = 0;
    const injected = createWebBackend({
      ort: async () => {
        loads++;
        return import('onnxruntime-web') as Promise<OrtWebModule>;
      },
    });
    expect(loads).toBe(0);
    expect(injected.threads).toBeUndefined();
    const [a, b] = await Promise.all([
      injected.createSession(models.conv),
      injected.createSession(models.gather),
    ]);
    expect(loads).toBe(1);
    expect(injected.threads).toBeGreaterThanOrEqual(1);
    await Promise.all([a.dispose(), b.dispose()]);
    const src = new URL('../src/', import.meta.url);
    for (const f of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((n) =>
      n.endsWith('.ts'),
    )) {
      expect(readFileSync(new URL(f, src), 'utf8'), f).not.toMatch(
        /^import (?!type )[^;]*from 'onnxruntime-web'/m,
      );
    }
    const broken = createWebBackend({ ort: () => Promise.reject(new Error('no wasm')) });
    expect(await codeOf(broken.createSession(models.conv))).toBe('E_BACKEND_UNAVAILABLE');
    expect(() => createWebBackend({ numThreads: 0 })).toThrow(TypeError);
  });

  it('registers the default instance through the register entry', async () => {
    const had = backends.has('web');
    await import('../src/register.js');
    try {
      expect(await backends.resolve('web')).toBe(webBackend);
    } finally {
      if (!had) backends.unregister('web');
    }
  });
});
