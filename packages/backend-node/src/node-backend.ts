/**
 * The onnxruntime-node backend: native CPU inference (and CUDA / WebGPU where the binding can
 * start them) behind the core {@link Backend} contract.
 */
import type { Backend, SessionOptions, Session } from '@voirs/core';
import { loadNativeKernels } from '@voirs/native';
import {
  checkSessionOptions,
  openOrtSession,
  sessionLogLevel,
  type LogLevel,
  type OrtSessionLike,
  type OrtTensorFactory,
} from '@voirs/backend-ort';
import {
  discoverProviders,
  loadOnnxruntime,
  type OrtNodeModule,
  type ProviderInfo,
} from './load-onnxruntime.js';
import { checkProviders, DEFAULT_PROVIDERS, toOrtNodeOptions } from './node-session-options.js';
import { convolutionLayoutFor } from './cpu-layout.js';

/** The registered name of the default instance. */
export const NODE_BACKEND_NAME = 'node';

/** Options of {@link createNodeBackend}. */
export interface NodeBackendOptions {
  /** Plugin name (default `'node'`); give another to register a second, differently configured instance. */
  name?: string;
  /** Registry priority (default 100: preferred over the web backend in Node). */
  priority?: number;
  /** onnxruntime-node itself or a loader for it (default: `import('onnxruntime-node')` on first use). */
  ort?: OrtNodeModule | (() => Promise<OrtNodeModule>);
  /** Options every session starts from; `createSession` options override them field by field. */
  sessionDefaults?: SessionOptions;
  /**
   * onnxruntime's process-wide log level, applied before its first session in this process
   * (default: onnxruntime's own, `'warning'`).
   */
  logLevel?: LogLevel;
  /**
   * Offer @voirs/native's CPU kernels to vocoders (`nativeKernels()`) where they are built and the
   * CPU has AVX-512F (default true; false runs every model in onnxruntime alone, as does the
   * environment variable VOIRS_NATIVE=0).
   */
  nativeKernels?: boolean;
}

/** A backend on onnxruntime-node. */
export interface NodeBackend extends Backend {
  /** Loads onnxruntime-node and discovers its providers; called lazily, safe to call again. */
  init(): Promise<void>;
}

/** Creates an onnxruntime-node backend plugin (nothing is loaded until it is used). */
export function createNodeBackend(options: NodeBackendOptions = {}): NodeBackend {
  if (options === null || typeof options !== 'object')
    throw new TypeError('options must be an object');
  let ready: Promise<{ ort: OrtNodeModule; providers: ProviderInfo[] }> | undefined;
  let providers: readonly string[] = [];

  const load = () =>
    (ready ??= (async () => {
      const ort = await loadOnnxruntime(options.ort);
      if (options.logLevel !== undefined) ort.env.logLevel = options.logLevel;
      const found = discoverProviders(ort, options.ort !== undefined);
      providers = Object.freeze(found.filter((p) => p.installed).map((p) => p.name));
      return { ort, providers: found };
    })());

  /** The options a session gets: the backend's defaults, overridden field by field, checked. */
  const resolve = (sessionOptions?: SessionOptions) => {
    const own = checkSessionOptions(sessionOptions);
    return checkSessionOptions({ ...options.sessionDefaults, ...own });
  };

  return {
    kind: 'backend',
    name: options.name ?? NODE_BACKEND_NAME,
    priority: options.priority ?? 100,
    capabilities: ['native', 'cpu', 'node', 'onnx'],
    description: 'onnxruntime-node: native ONNX Runtime in Node.js',
    get executionProviders() {
      return providers;
    },
    async init() {
      await load();
    },
    convolutionLayout(sessionOptions?: SessionOptions) {
      return convolutionLayoutFor(resolve(sessionOptions).executionProviders ?? DEFAULT_PROVIDERS);
    },
    nativeKernels(sessionOptions?: SessionOptions) {
      if (options.nativeKernels === false) return undefined;
      const checked = resolve(sessionOptions);
      // the kernels run on the CPU: only beside sessions that do too
      const requested = checked.executionProviders ?? DEFAULT_PROVIDERS;
      if (requested.some((p) => p !== 'cpu')) return undefined;
      const threads = checked.intraOpThreads;
      return loadNativeKernels({ threads: threads ? Math.min(64, threads) : undefined });
    },
    async createSession(model: Uint8Array, sessionOptions?: SessionOptions): Promise<Session> {
      if (!(model instanceof Uint8Array))
        throw new TypeError('model must be a Uint8Array holding the bytes of an .onnx file');
      const checked = resolve(sessionOptions);
      const { ort, providers: found } = await load();
      const requested = checked.executionProviders ?? DEFAULT_PROVIDERS;
      checkProviders(requested, found);
      const makeTensor: OrtTensorFactory = (dtype, data, dims) =>
        new ort.Tensor(dtype, data as Float32Array, dims as number[]);
      return openOrtSession(model, {
        create: async () =>
          (await ort.InferenceSession.create(model, {
            ...sessionLogLevel(options.logLevel),
            ...toOrtNodeOptions(checked, requested),
          })) as unknown as OrtSessionLike,
        makeTensor,
        providers: requested,
        defaultProviders: DEFAULT_PROVIDERS,
      });
    },
  };
}

/** The default onnxruntime-node backend (register it, or import `@voirs/backend-node/register`). */
export const nodeBackend: NodeBackend = createNodeBackend();
