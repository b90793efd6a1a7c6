/**
 * The backend contract: a backend turns ONNX bytes into sessions that run them. Implementations
 * (`@voirs/backend-node`, `@voirs/backend-web`, or a third party's) register a {@link Backend}
 * plugin; vocoders only ever see this interface.
 */
import type { Plugin } from './plugin.js';
import type { NativeKernels } from './conv-stack.js';
import type { Tensor } from './tensor.js';

/** Graph optimisation levels, in onnxruntime's terms. */
export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

/** Options for {@link Backend.createSession}; every field is optional. */
export interface SessionOptions {
  /** Threads used inside one operator (0 or absent: the backend's default). */
  intraOpThreads?: number;
  /** Threads used across independent operators. */
  interOpThreads?: number;
  /** Execution providers in order of preference, e.g. `['cuda', 'cpu']` or `['webgpu', 'wasm']`. */
  executionProviders?: readonly string[];
  graphOptimizationLevel?: GraphOptimizationLevel;
  /** CPU memory arena on/off. */
  enableCpuMemArena?: boolean;
  /** Memory pattern optimisation on/off. */
  enableMemPattern?: boolean;
  /** Write an onnxruntime profile to this file prefix (Node) when set. */
  profileFilePrefix?: string;
  /** Passed through verbatim to the underlying runtime's session options. */
  extra?: Readonly<Record<string, unknown>>;
}

/** Per-run options. */
export interface RunOptions {
  /** Cancels the run when aborted (the native call may still finish; its result is discarded). */
  signal?: AbortSignal;
}

/** A loaded model. Sessions are not thread-safe across runs unless the backend says so; runs are queued. */
export interface Session {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Model metadata props (arch, sample rate, hop, mel preset…). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Runs the model. Outputs are copied out of native memory and stay valid after dispose(). */
  run(
    feeds: Readonly<Record<string, Tensor>>,
    options?: RunOptions,
  ): Promise<Record<string, Tensor>>;
  /** Frees native memory. Idempotent; later runs throw `E_DISPOSED`. */
  dispose(): Promise<void>;
}

/** A backend plugin. */
export interface Backend extends Plugin {
  readonly kind: 'backend';
  /** Execution providers this backend can offer in this environment (after init). */
  readonly executionProviders: readonly string[];
  /**
   * Creates a session from ONNX bytes.
   * @throws BackendError `E_ONNX_INVALID` for unloadable bytes, `E_EXECUTION_PROVIDER` for an
   * unavailable provider.
   */
  createSession(model: Uint8Array, options?: SessionOptions): Promise<Session>;
  /**
   * The blocked convolution layout that sessions created with `options` run convolutions in, when
   * the backend knows it (onnxruntime's CPU provider on x86-64 moves convolutions to NCHWc blocks of
   * 8 or 16 channels); undefined when there is none or it is unknown. Vocoders may build graphs
   * arranged for it (e.g. channel counts filling whole blocks); results are the same either way.
   */
  convolutionLayout?(options?: SessionOptions): ConvolutionLayout | undefined;
  /**
   * Native CPU kernels for layers the backend's runtime runs slowly (conv-stack.ts), bound to the
   * threads of sessions created with `options`; undefined where the backend has none (not built,
   * another CPU, switched off). Vocoders then run their whole ONNX graph.
   */
  nativeKernels?(options?: SessionOptions): NativeKernels | undefined;
}

/** See {@link Backend.convolutionLayout}. */
export interface ConvolutionLayout {
  /** Channels per block of the blocked convolution kernels. */
  readonly blockChannels: number;
}
