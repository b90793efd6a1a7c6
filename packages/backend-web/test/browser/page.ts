/**
 * The page the browser test drives: it loads fixture models over HTTP, runs them with
 * @voirs/backend-web and hands plain JSON back to the test through `window.voirs`.
 */
import {
  createTensor,
  isVocoderError,
  type SessionOptions,
  type Tensor,
  type TensorDType,
} from '@voirs/core';
import { createWebBackend } from '../../src/index.js';

/** A tensor as JSON: int64 values travel as decimal strings. */
export interface JsonTensor {
  dtype: TensorDType;
  dims: number[];
  data: (number | string)[];
}

/** What the test can call. */
export interface VoirsPage {
  /** Loads `modelUrl`, runs it once on `feeds`, disposes it. */
  run(
    modelUrl: string,
    feeds: Record<string, JsonTensor>,
    options?: SessionOptions,
  ): Promise<Record<string, JsonTensor>>;
  /** The error code of trying to create a session with `options` (or 'resolved'). */
  createError(modelUrl: string, options: SessionOptions): Promise<string>;
  environment(): {
    isolated: boolean;
    proxy: boolean;
    threads: number | undefined;
    providers: readonly string[];
  };
}

declare global {
  interface Window {
    voirs: VoirsPage;
  }
}

const query = new URLSearchParams(location.search);
const backend = createWebBackend({ numThreads: 2, proxy: query.has('proxy') });
const fetchModel = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());

const ARRAYS = {
  float32: Float32Array,
  float16: Uint16Array,
  int32: Int32Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
} as const;

function fromJson(t: JsonTensor): Tensor {
  if (t.dtype === 'int64') {
    return createTensor(
      'int64',
      BigInt64Array.from(t.data as string[], (v) => BigInt(v)),
      t.dims,
    );
  }
  return createTensor(t.dtype, ARRAYS[t.dtype].from(t.data as number[]), t.dims);
}

const toJson = (t: Tensor): JsonTensor => ({
  dtype: t.dtype,
  dims: [...t.dims],
  data: Array.from(t.data as ArrayLike<number | bigint>, (v) =>
    typeof v === 'bigint' ? v.toString() : v,
  ),
});

window.voirs = {
  async run(modelUrl, feeds, options) {
    const session = await backend.createSession(await fetchModel(modelUrl), options);
    try {
      const inputs = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, fromJson(v)]));
      const out = await session.run(inputs);
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, toJson(v)]));
    } finally {
      await session.dispose();
    }
  },
  async createError(modelUrl, options) {
    try {
      await (await backend.createSession(await fetchModel(modelUrl), options)).dispose();
      return 'resolved';
    } catch (error) {
      return isVocoderError(error) ? error.code : String(error);
    }
  },
  environment: () => ({
    isolated: crossOriginIsolated,
    proxy: query.has('proxy'),
    threads: backend.threads,
    providers: backend.executionProviders,
  }),
};
