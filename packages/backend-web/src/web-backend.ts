/**
 * The onnxruntime-web backend: WebAssembly (SIMD, threads when cross-origin isolated) or WebGPU,
 * in browsers and in Node, behind the core {@link Backend} contract.
 */
import type { Backend, Session, SessionOptions } from '@voirs/core';
import {
  checkSessionOptions,
  openOrtSession,
  sessionLogLevel,
  type LogLevel,
  type OrtSessionLike,
  type OrtTensorFactory,
} from '@voirs/backend-ort';
import {
  hasWebGpu,
  loadOnnxruntimeWeb,
  type OrtWebModule,
  type WasmPaths,
} from './load-onnxruntime-web.js';
import { checkProviders, DEFAULT_PROVIDERS, toOrtWebOptions } from './web-session-options.js';

/** The registered name of the default instance. */
export const WEB_BACKEND_NAME = 'web';

/** Options of {@link createWebBackend}. onnxruntime-web's settings are global to its module. */
export interface WebBackendOptions {
  /** Plugin name (default `'web'`). */
  name?: string;
  /** Registry priority (default 50: below the native backend where both exist). */
  priority?: number;
  /** onnxruntime-web itself or a loader for it (default: `import('onnxruntime-web')` on first use). */
  ort?: OrtWebModule | (() => Promise<OrtWebModule>);
  /**
   * Where the `.wasm`/`.mjs` files are served from (`env.wasm.wasmPaths`), e.g. a CDN folder or
   * `{ wasm: wasmUrl }` from your bundler. Default: beside onnxruntime-web's own script.
   */
  wasmPaths?: WasmPaths;
  /**
   * WebAssembly threads. onnxruntime-web has one pool, sized when its runtime starts (first
   * session): this value, else the first session's `intraOpThreads`, else onnxruntime-web's
   * default. Without cross-origin isolation (COOP/COEP headers) it falls back to 1.
   */
  numThreads?: number;
  /** Run the WebAssembly runtime in a worker so inference does not block the page (`env.wasm.proxy`). */
  proxy?: boolean;
  /** Options every session starts from; `createSession` options override them field by field. */
  sessionDefaults?: SessionOptions;
  /** onnxruntime-web's log level (`env.logLevel`). */
  logLevel?: LogLevel;
}

/** A backend on onnxruntime-web. */
export interface WebBackend extends Backend {
  /** Loads onnxruntime-web and detects WebGPU; called lazily, safe to call again. */
  init(): Promise<void>;
  /** WebAssembly threads in use once the runtime has started (1 without isolation); `undefined` before. */
  readonly threads: number | undefined;
}

/** Creates an onnxruntime-web backend plugin (nothing is loaded until it is used). */
export function createWebBackend(options: WebBackendOptions = {}): WebBackend {
  if (options === null || typeof options !== 'object')
    throw new TypeError('options must be an object');
  if (
    options.numThreads !== undefined &&
    (!Number.isInteger(options.numThreads) || options.numThreads < 1)
  ) {
    throw new TypeError('numThreads must be a positive integer');
  }
  let ready: Promise<OrtWebModule> | undefined;
  let providers: readonly string[] = [];
  let threads: number | undefined;

  const load = () =>
    (ready ??= (async () => {
      const ort = await loadOnnxruntimeWeb(options.ort);
      if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
      if (options.proxy !== undefined) ort.env.wasm.proxy = options.proxy;
      if (options.numThreads !== undefined) ort.env.wasm.numThreads = options.numThreads;
      if (options.logLevel !== undefined) ort.env.logLevel = options.logLevel;
      providers = Object.freeze(['wasm', ...((await hasWebGpu()) ? ['webgpu'] : [])]);
      return ort;
    })());

  return {
    kind: 'backend',
    name: options.name ?? WEB_BACKEND_NAME,
    priority: options.priority ?? 50,
    capabilities: ['wasm', 'browser', 'node', 'onnx'],
    description: 'onnxruntime-web: ONNX Runtime on WebAssembly / WebGPU, in browsers and Node.js',
    get executionProviders() {
      return providers;
    },
    get threads() {
      return threads;
    },
    async init() {
      await load();
    },
    async createSession(model: Uint8Array, sessionOptions?: SessionOptions): Promise<Session> {
      if (!(model instanceof Uint8Array))
        throw new TypeError('model must be a Uint8Array holding the bytes of an .onnx file');
      const own = checkSessionOptions(sessionOptions);
      const checked = checkSessionOptions({ ...options.sessionDefaults, ...own });
      const ort = await load();
      const requested = checked.executionProviders ?? DEFAULT_PROVIDERS;
      checkProviders(requested, providers);
      const ortOptions = {
        ...sessionLogLevel(options.logLevel),
        ...toOrtWebOptions(checked, requested),
      };
      if (threads === undefined && options.numThreads === undefined && checked.intraOpThreads) {
        ort.env.wasm.numThreads = checked.intraOpThreads;
      }
      const makeTensor: OrtTensorFactory = (dtype, data, dims) =>
        new ort.Tensor(dtype, data as Float32Array, dims as number[]);
      return openOrtSession(model, {
        create: async () => {
          try {
            return (await ort.InferenceSession.create(
              model,
              ortOptions,
            )) as unknown as OrtSessionLike;
          } finally {
            // onnxruntime-web settles its thread count (1 without isolation) when its runtime starts.
            threads ??= ort.env.wasm.numThreads;
          }
        },
        makeTensor,
        providers: requested,
        defaultProviders: ['wasm', 'cpu'],
      });
    },
  };
}

/** The default onnxruntime-web backend (register it, or import `@voirs/backend-web/register`). */
export const webBackend: WebBackend = createWebBackend();
