/**
 * `testBackend`: the conformance suite every backend plugin runs in its own tests, against the
 * tiny models of `tools/reference/backend_fixtures.py` (passed in as bytes, so core holds no
 * fixtures).
 *
 * ```ts
 * testBackend('node', { create: async () => createNodeBackend(), models, defaultProvider: 'cpu' });
 * ```
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend, Session } from '../backend.js';
import { isVocoderError } from '../errors.js';
import { createTensor, type Tensor } from '../tensor.js';
import {
  BACKEND_TEST_METADATA,
  backendTestInput,
  referenceConv,
  type BackendTestModels,
} from './test-backend-models.js';

export * from './test-backend-models.js';

/** Options of {@link testBackend}. */
export interface TestBackendOptions {
  /** Creates the backend (called once for the suite). */
  create(): Promise<Backend>;
  models: BackendTestModels;
  /** A provider this backend always offers (`'cpu'`, `'wasm'`…). */
  defaultProvider: string;
  /** Max abs difference from the float64 reference (default 1e-5). */
  tolerance?: number;
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  ...mentions: string[]
): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a rejection with ${code}`).toBeDefined();
  expect(isVocoderError(error), String(error)).toBe(true);
  expect((error as { code: string }).code, String(error)).toBe(code);
  for (const m of mentions) expect((error as Error).message).toContain(m);
  return error as Error;
}

async function rejectsType(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(TypeError);
}

/** Registers the conformance tests for one backend. */
export function testBackend(name: string, options: TestBackendOptions): void {
  const tol = options.tolerance ?? 1e-5;
  const { models } = options;
  describe(`testBackend: ${name}`, () => {
    let backend: Backend;
    let conv: Session;
    const run = (x: Tensor<'float32'>, s: Session = conv) => s.run({ x });
    const expectConv = (out: Record<string, Tensor>, x: Tensor<'float32'>) => {
      const ref = referenceConv(x);
      expect(out.y!.dtype).toBe('float32');
      expect(out.y!.dims).toEqual([x.dims[0], 3, x.dims[2]]);
      expect(out.energy!.dims).toEqual([x.dims[0]]);
      expect(maxAbsDiff(out.y!.data as Float32Array, ref.y)).toBeLessThanOrEqual(tol);
      expect(maxAbsDiff(out.energy!.data as Float32Array, ref.energy)).toBeLessThanOrEqual(
        tol * 10 * x.dims[2]!,
      );
    };
    beforeAll(async () => {
      backend = await options.create();
      await backend.init?.();
      conv = await backend.createSession(models.conv);
    });
    afterAll(async () => {
      await conv?.dispose();
    });

    it('is a backend plugin offering its default provider', () => {
      expect(backend.kind).toBe('backend');
      expect(backend.name).toBe(name);
      expect(backend.executionProviders).toContain(options.defaultProvider);
    });

    it('reports input and output names and the metadata props', () => {
      expect(conv.inputNames).toEqual(['x']);
      expect(conv.outputNames).toEqual(['y', 'energy']);
      expect({ ...conv.metadata }).toEqual(BACKEND_TEST_METADATA);
    });

    it('runs float32 models over dynamic axes, matching the reference', async () => {
      for (const [batch, time] of [
        [1, 1],
        [1, 5],
        [3, 17],
        [2, 64],
      ] as const) {
        const x = backendTestInput(batch, time, batch + time);
        expectConv(await run(x), x);
      }
    });

    it('exchanges int64 tensors', async () => {
      const g = await backend.createSession(models.gather);
      const out = await g.run({
        ids: createTensor('int64', BigInt64Array.from([0n, 3n, 15n, -1n]), [4]),
      });
      expect(out.values).toEqual({
        dtype: 'float32',
        dims: [4],
        data: Float32Array.from([-1, 0.5, 6.5, 6.5]),
      });
      expect(out.doubled).toEqual({
        dtype: 'int64',
        dims: [4],
        data: BigInt64Array.from([0n, 6n, 30n, -2n]),
      });
      await g.dispose();
    });

    it('exchanges float16, int32, int8, uint8 and bool tensors', async () => {
      const d = await backend.createSession(models.dtypes);
      const out = await d.run({
        f16: createTensor('float16', Uint16Array.from([0x3c00, 0xc200, 0x0000]), [3]), // 1, -3, 0
        i32: createTensor('int32', Int32Array.from([1, -7, 1 << 29]), [3]),
        i8: createTensor('int8', Int8Array.from([1, -128, 127]), [3]),
        u8: createTensor('uint8', Uint8Array.from([0, 7, 255]), [3]),
        b: createTensor('bool', Uint8Array.from([1, 0, 1]), [3]),
      });
      expect(out.f16_out).toEqual({
        dtype: 'float16',
        dims: [3],
        data: Uint16Array.from([0x4000, 0xc600, 0x0000]),
      });
      expect(out.i32_out).toEqual({
        dtype: 'int32',
        dims: [3],
        data: Int32Array.from([2, -14, 1 << 30]),
      });
      expect(out.i8_out).toEqual({
        dtype: 'int8',
        dims: [3],
        data: Int8Array.from([-1, -128, -127]),
      });
      expect(out.u8_out).toEqual({ dtype: 'uint8', dims: [3], data: Uint8Array.from([0, 7, 255]) });
      expect(out.b_out).toEqual({ dtype: 'bool', dims: [3], data: Uint8Array.from([0, 1, 0]) });
      await d.dispose();
    });

    it('maps every session option and still computes the same result', async () => {
      const s = await backend.createSession(models.conv, {
        intraOpThreads: 1,
        interOpThreads: 1,
        graphOptimizationLevel: 'disabled',
        enableCpuMemArena: false,
        enableMemPattern: false,
        executionProviders: [options.defaultProvider],
      });
      const x = backendTestInput(2, 9, 4);
      expectConv(await run(x, s), x);
      await s.dispose();
    });

    it('gives 16 concurrent runs the results of sequential runs', async () => {
      const inputs = Array.from({ length: 16 }, (_, i) => backendTestInput(1 + (i % 3), 3 + i, i));
      const sequential: Record<string, Tensor>[] = [];
      for (const x of inputs) sequential.push(await run(x));
      const other = await backend.createSession(models.conv);
      const concurrent = await Promise.all(inputs.map((x, i) => run(x, i % 2 ? other : conv)));
      concurrent.forEach((out, i) => expect(out).toEqual(sequential[i]));
      await other.dispose();
    });

    it('returns outputs that own their memory', async () => {
      const x = backendTestInput(1, 6, 1);
      const a = await run(x);
      const b = await run(x);
      expect(a.y!.data).not.toBe(b.y!.data);
      (a.y!.data as Float32Array).fill(0);
      expectConv(b, x);
    });

    it('honours AbortSignal with E_ABORTED and stays usable', async () => {
      const x = backendTestInput(1, 8);
      await rejectsWith(conv.run({ x }, { signal: AbortSignal.abort() }), 'E_ABORTED');
      const controller = new AbortController();
      const aborted = conv.run({ x }, { signal: controller.signal });
      controller.abort();
      await rejectsWith(aborted, 'E_ABORTED');
      const big = run(backendTestInput(2, 20_000));
      const queued = new AbortController();
      const behind = conv.run({ x }, { signal: queued.signal });
      queued.abort();
      await rejectsWith(behind, 'E_ABORTED');
      await expect(big).resolves.toBeDefined();
      const late = new AbortController();
      const done = await conv.run({ x }, { signal: late.signal });
      late.abort();
      expectConv(done, x);
    });

    it('finishes accepted runs on dispose, then rejects with E_DISPOSED; dispose is idempotent', async () => {
      const s = await backend.createSession(models.conv);
      const x = backendTestInput(2, 33, 2);
      const before = await run(x, s);
      const inFlight = [run(x, s), run(backendTestInput(1, 4000), s)];
      const disposing = s.dispose();
      await rejectsWith(run(x, s), 'E_DISPOSED');
      expectConv(await inFlight[0]!, x);
      await expect(inFlight[1]).resolves.toBeDefined();
      await disposing;
      await s.dispose();
      await Promise.all([s.dispose(), s.dispose()]);
      await rejectsWith(run(x, s), 'E_DISPOSED');
      expectConv(before, x);
    });

    it('rejects bytes that are not a loadable model with E_ONNX_INVALID', async () => {
      let seed = 12345;
      const noise = Uint8Array.from(
        { length: 1024 },
        () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24,
      );
      const cases = [
        new Uint8Array(0),
        Uint8Array.from([1, 2, 3, 4, 5]),
        noise,
        models.conv.subarray(0, models.conv.length >> 1),
        Uint8Array.from([0x08, 0x07]),
      ];
      for (const bytes of cases) await rejectsWith(backend.createSession(bytes), 'E_ONNX_INVALID');
      await rejectsType(backend.createSession('model.onnx' as never));
      await rejectsType(backend.createSession(models.conv, 'fast' as never));
    });

    it('refuses unknown execution providers and invalid options with typed errors', async () => {
      await rejectsWith(
        backend.createSession(models.conv, { executionProviders: ['voirs-no-such-provider'] }),
        'E_EXECUTION_PROVIDER',
        'voirs-no-such-provider',
      );
      await rejectsWith(
        backend.createSession(models.conv, { intraOpThreads: -1 }),
        'E_CONFIG_INVALID',
      );
      await rejectsWith(
        backend.createSession(models.conv, { graphOptimizationLevel: 'max' as never }),
        'E_CONFIG_INVALID',
      );
      await rejectsType(backend.createSession(models.conv, { intraOpThreads: '2' as never }));
    });

    it('rejects wrong feeds with E_INVALID_ARGUMENT naming the input and its expected shape', async () => {
      const x = backendTestInput(1, 4);
      const shape = 'batch, 4, time';
      await rejectsWith(conv.run({}), 'E_INVALID_ARGUMENT', '"x"', shape);
      await rejectsWith(conv.run({ x, z: x }), 'E_INVALID_ARGUMENT', '"z"', shape);
      await rejectsWith(
        conv.run({ x: createTensor('int32', new Int32Array(4), [1, 4, 1]) }),
        'E_INVALID_ARGUMENT',
        '"x"',
        'float32',
      );
      await rejectsWith(
        conv.run({ x: createTensor('float32', new Float32Array(10), [1, 5, 2]) }),
        'E_INVALID_ARGUMENT',
        '"x"',
        shape,
      );
      await rejectsWith(
        conv.run({ x: createTensor('float32', new Float32Array(8), [4, 2]) }),
        'E_INVALID_ARGUMENT',
        '"x"',
        shape,
      );
      await rejectsWith(
        conv.run({ x: { dtype: 'float32', dims: [1, 4, 3], data: new Float32Array(4) } }),
        'E_INVALID_ARGUMENT',
        '"x"',
      );
      await rejectsType(conv.run(null as never));
      await rejectsType(
        conv.run({ x: { dtype: 'float32', dims: [1, 4, 1], data: [1, 2, 3, 4] } as never }),
      );
      await rejectsType(conv.run({ x }, { signal: 'stop' as never }));
    });

    it('reports runtime failures as E_BACKEND_RUN with the cause', async () => {
      const g = await backend.createSession(models.gather);
      const error = await rejectsWith(
        g.run({ ids: createTensor('int64', BigInt64Array.from([99n]), [1]) }),
        'E_BACKEND_RUN',
      );
      expect(error.cause).toBeDefined();
      const ok = await g.run({ ids: createTensor('int64', BigInt64Array.from([2n]), [1]) });
      expect(ok.values!.data).toEqual(Float32Array.from([0]));
      await g.dispose();
    });
  });
}
