import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backends, createTensor, isVocoderError } from '@voirs/core';
import { backendTestInput, sharedFile } from '@voirs/core/testing';
import { describe, expect, it } from 'vitest';
import { createNodeBackend, nodeBackend, type OrtNodeModule } from '../src/index.js';
import { providerLibrary } from '../src/load-onnxruntime.js';
import { models } from './fixtures.js';

const backend = createNodeBackend({ logLevel: 'fatal' });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (isVocoderError(e) ? e.code : String(e)),
  );

interface Golden {
  x: { dims: number[]; data: number[] };
  y: { dims: number[]; data: number[] };
  energy: { dims: number[]; data: number[] };
}

describe('createNodeBackend', () => {
  it('matches the torch golden of conv.onnx', async () => {
    const golden = JSON.parse(
      readFileSync(new URL('./fixtures/conv.golden.json', import.meta.url), 'utf8'),
    ) as Golden;
    const session = await backend.createSession(models.conv);
    const out = await session.run({
      x: createTensor('float32', Float32Array.from(golden.x.data), golden.x.dims),
    });
    expect(out.y!.dims).toEqual(golden.y.dims);
    golden.y.data.forEach((v, i) =>
      expect(Math.abs((out.y!.data[i] as number) - v)).toBeLessThan(1e-5),
    );
    golden.energy.data.forEach((v, i) =>
      expect(Math.abs((out.energy!.data[i] as number) - v)).toBeLessThan(1e-4),
    );
    await session.dispose();
  });

  it('offers cpu, and CUDA only when its provider library is installed', async () => {
    await backend.init();
    expect(backend.executionProviders[0]).toBe('cpu');
    const ort = (await import('onnxruntime-node')) as unknown as OrtNodeModule;
    const cuda = ort.listSupportedBackends().find((b) => b.name === 'cuda');
    if (cuda && !cuda.bundled && !backend.executionProviders.includes('cuda')) {
      const error = await backend
        .createSession(models.conv, { executionProviders: ['cuda', 'cpu'] })
        .catch((e: unknown) => e);
      expect(isVocoderError(error, 'E_EXECUTION_PROVIDER')).toBe(true);
      expect((error as Error).message).toContain(providerLibrary('cuda'));
    }
  });

  it('refuses providers this platform lacks and reports start failures as E_EXECUTION_PROVIDER', async () => {
    const missing = process.platform === 'win32' ? 'coreml' : 'dml';
    const error = await backend
      .createSession(models.conv, { executionProviders: [missing] })
      .catch((e: unknown) => e);
    expect(isVocoderError(error, 'E_EXECUTION_PROVIDER')).toBe(true);
    expect((error as Error).message).toContain('Available: cpu');
    if (backend.executionProviders.includes('webgpu')) {
      // Bundled, but needs a GPU adapter: it either runs correctly or refuses cleanly.
      const attempt = backend.createSession(models.conv, { executionProviders: ['webgpu'] });
      const code = await codeOf(attempt);
      if (code === 'resolved') {
        const x = backendTestInput(1, 8);
        const [gpu, cpu] = [await attempt, await backend.createSession(models.conv)];
        const [a, b] = [await gpu.run({ x }), await cpu.run({ x })];
        a.y!.data.forEach((v, i) =>
          expect(Math.abs((v as number) - (b.y!.data[i] as number))).toBeLessThan(1e-4),
        );
        await Promise.all([gpu.dispose(), cpu.dispose()]);
      } else expect(code).toBe('E_EXECUTION_PROVIDER');
    }
  });

  it('writes an onnxruntime profile when profileFilePrefix is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voirs-profile-'));
    try {
      const session = await backend.createSession(models.conv, {
        profileFilePrefix: join(dir, 'conv'),
      });
      await session.run({ x: backendTestInput(1, 16) });
      await session.dispose();
      const files = readdirSync(dir).filter((f) => f.startsWith('conv') && f.endsWith('.json'));
      expect(files).toHaveLength(1);
      const events = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as { name: string }[];
      expect(events.some((e) => e.name === 'model_run')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes extra through to onnxruntime and applies sessionDefaults under per-session options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voirs-extra-'));
    try {
      const optimizedModelFilePath = join(dir, 'optimized.onnx');
      const session = await backend.createSession(models.conv, {
        extra: { optimizedModelFilePath },
      });
      await session.dispose();
      expect(readFileSync(optimizedModelFilePath).length).toBeGreaterThan(100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const strict = createNodeBackend({ sessionDefaults: { executionProviders: ['voirs-absent'] } });
    expect(await codeOf(strict.createSession(models.conv))).toBe('E_EXECUTION_PROVIDER');
    const s = await strict.createSession(models.conv, { executionProviders: ['cpu'] });
    await s.dispose();
  });

  it('loads onnxruntime-node lazily, once, through an injectable loader', async () => {
    let loads = 0;
    const injected = createNodeBackend({
      ort: async () => {
        loads++;
        return (await import('onnxruntime-node')) as unknown as OrtNodeModule;
      },
    });
    expect(loads).toBe(0);
    expect(injected.executionProviders).toEqual([]);
    const [a, b] = await Promise.all([
      injected.createSession(models.conv),
      injected.createSession(models.gather),
    ]);
    expect(loads).toBe(1);
    await Promise.all([a.dispose(), b.dispose()]);
    // No module of the package imports onnxruntime-node at load time.
    const src = new URL('../src/', import.meta.url);
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    for (const f of files) {
      const text = readFileSync(new URL(f, src), 'utf8');
      expect(text, f).not.toMatch(/^import (?!type )[^;]*from 'onnxruntime-node'/m);
    }
  });

  it('reports an unloadable runtime as E_BACKEND_UNAVAILABLE, combined by the registry', async () => {
    const broken = createNodeBackend({
      name: 'node-broken',
      ort: () => Promise.reject(new Error('binding missing for this platform')),
    });
    expect(await codeOf(broken.createSession(models.conv))).toBe('E_BACKEND_UNAVAILABLE');
    const unregister = backends.register(broken);
    try {
      const error = await backends.resolve(['node-broken']).catch((e: unknown) => e);
      expect(isVocoderError(error, 'E_BACKEND_UNAVAILABLE')).toBe(true);
      expect((error as Error).message).toContain(
        '[node-broken] onnxruntime-node could not be loaded',
      );
    } finally {
      unregister();
    }
  });

  it('registers the default instance through the register entry', async () => {
    const had = backends.has('node');
    await import('../src/register.js');
    try {
      expect(backends.get('node')).toBe(nodeBackend);
      expect(await backends.resolve('node')).toBe(nodeBackend);
    } finally {
      if (!had) backends.unregister('node');
    }
  });

  const dnsmos = sharedFile('models/dnsmos/sig_bak_ovr.onnx');
  it.skipIf(!dnsmos)('runs a real model (DNSMOS P.835) to finite scores', async () => {
    const session = await backend.createSession(new Uint8Array(readFileSync(dnsmos!)));
    expect(session.inputNames).toEqual(['input_1']);
    const samples = new Float32Array(144160).map(
      (_, i) => 0.1 * Math.sin(i * 0.05) * Math.sin(i * 0.0007),
    );
    const out = await session.run({ input_1: createTensor('float32', samples, [1, 144160]) });
    expect(out['Identity:0']!.dims).toEqual([1, 3]);
    for (const v of out['Identity:0']!.data as Float32Array) expect(Number.isFinite(v)).toBe(true);
    await session.dispose();
  });
});
