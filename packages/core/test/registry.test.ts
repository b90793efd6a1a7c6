import { describe, expect, it } from 'vitest';
import {
  Registry,
  isVocoderError,
  register,
  backends,
  type Backend,
  type Session,
} from '../src/index.js';

function fakeBackend(
  name: string,
  opts: { priority?: number; fail?: string; caps?: string[] } = {},
): Backend & { inits: number } {
  const backend = {
    kind: 'backend' as const,
    name,
    priority: opts.priority,
    capabilities: opts.caps,
    executionProviders: ['cpu'],
    inits: 0,
    async init() {
      backend.inits++;
      if (opts.fail) throw new Error(opts.fail);
    },
    async createSession(): Promise<Session> {
      throw new Error('not needed');
    },
  };
  return backend;
}

describe('Registry', () => {
  it('resolves by priority and initialises each plugin once', async () => {
    const reg = new Registry<Backend>('backend', 'E_BACKEND_UNAVAILABLE');
    const low = fakeBackend('low', { priority: 1 });
    const high = fakeBackend('high', { priority: 5 });
    reg.register(low);
    reg.register(high);
    expect(reg.list().map((p) => p.name)).toEqual(['high', 'low']);
    expect(await reg.resolve()).toBe(high);
    expect(await reg.resolve()).toBe(high);
    expect(high.inits).toBe(1);
    expect(low.inits).toBe(0);
  });

  it('falls through failing plugins, remembers failures, and combines errors', async () => {
    const reg = new Registry<Backend>('backend', 'E_BACKEND_UNAVAILABLE');
    const a = fakeBackend('node', { priority: 2, fail: 'addon missing' });
    const b = fakeBackend('web', { priority: 1, fail: 'wasm missing' });
    reg.register(a);
    reg.register(b);
    const error = await reg.resolve().catch((e: unknown) => e);
    expect(isVocoderError(error, 'E_BACKEND_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toBe(
      'no available backend: [node] addon missing, [web] wasm missing',
    );
    await reg.resolve('node').catch(() => undefined);
    expect(a.inits).toBe(1);
    const ok = fakeBackend('ok');
    reg.register(ok);
    expect(await reg.resolve(['node', 'ok'])).toBe(ok);
  });

  it('reports unknown names and duplicates with codes', async () => {
    const reg = new Registry<Backend>('backend');
    reg.register(fakeBackend('x'));
    expect(() => reg.register(fakeBackend('x'))).toThrowError(
      expect.objectContaining({ code: 'E_PLUGIN_DUPLICATE' }),
    );
    expect(() => reg.get('y')).toThrowError(
      expect.objectContaining({ code: 'E_PLUGIN_NOT_FOUND' }),
    );
    const err = await reg.resolve('y').catch((e: unknown) => e);
    expect((err as Error).message).toContain('[y] not registered');
    reg.register(fakeBackend('x', { priority: 9 }), { replace: true });
    expect(reg.get('x').priority).toBe(9);
  });

  it('rejects plugins of another kind with TypeError', () => {
    const reg = new Registry<Backend>('backend');
    expect(() => reg.register({ kind: 'effect', name: 'e' } as never)).toThrow(TypeError);
  });

  it('queries by capability', () => {
    const reg = new Registry<Backend>('backend');
    reg.register(fakeBackend('a', { caps: ['wasm', 'browser'] }));
    reg.register(fakeBackend('b', { caps: ['native'] }));
    expect(reg.query('wasm').map((p) => p.name)).toEqual(['a']);
    expect(reg.query()).toHaveLength(2);
  });

  it('lets a third party register a backend in the global registry without touching our code', async () => {
    const thirdParty = fakeBackend('acme-npu', { priority: 100, caps: ['npu'] });
    const unregister = register(thirdParty);
    try {
      expect(await backends.resolve()).toBe(thirdParty);
      expect(backends.query('npu')).toEqual([thirdParty]);
    } finally {
      unregister();
    }
    expect(backends.has('acme-npu')).toBe(false);
  });
});
