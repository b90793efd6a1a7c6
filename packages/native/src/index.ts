/**
 * @voirs/native: native CPU kernels (an N-API addon built at install, binding/) for the layers
 * onnxruntime runs slowly, behind the core `NativeKernels` contract (conv-stack.ts in @voirs/core).
 * `@voirs/backend-node` offers them to vocoders; nothing else needs to import this package.
 *
 * The addon is optional: {@link nativeStatus} says whether it loaded and, if not, why (not built,
 * CPU without AVX-512F, switched off with VOIRS_NATIVE=0), and {@link loadNativeKernels} then
 * returns undefined so that vocoders run their ONNX graphs alone.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  BackendError,
  ConfigError,
  type ConvStack,
  type ConvStackConv,
  type ConvStackSpec,
  type NativeKernels,
} from '@voirs/core';

/** The addon's functions (binding/addon.cpp). */
interface Addon {
  cpu(): string;
  prepareConvStack(spec: ConvStackSpec): object;
  runConvStack(
    handle: object,
    input: Float32Array,
    length: number,
    output: Float32Array,
    windows: number,
    halo: number,
    threads: number,
  ): Promise<void>;
  releaseConvStack(handle: object): void;
}

/** Whether the kernels can run here, and why not. */
export interface NativeStatus {
  readonly available: boolean;
  /** Instruction set of the kernels when available (`avx512`). */
  readonly isa?: string;
  /** Why they are not available. */
  readonly reason?: string;
  /** Where the addon is (or would be) built. */
  readonly path: string;
}

/** The built addon (scripts/build.mjs writes it). */
export const ADDON_PATH = fileURLToPath(new URL('../build/voirs_native.node', import.meta.url));

/** Largest zero padding a convolution may have (the addon's kMargin). */
export const MAX_PADDING = 64;

let loaded: { addon?: Addon; status: NativeStatus } | undefined;

function load(): { addon?: Addon; status: NativeStatus } {
  if (loaded !== undefined) return loaded;
  const path = ADDON_PATH;
  if (process.env.VOIRS_NATIVE === '0')
    return (loaded = {
      status: { available: false, reason: 'switched off (VOIRS_NATIVE=0)', path },
    });
  let addon: Addon;
  try {
    addon = createRequire(import.meta.url)(path) as Addon;
  } catch (cause) {
    const missing = (cause as { code?: string }).code === 'MODULE_NOT_FOUND';
    const reason = missing
      ? `not built (run pnpm --filter @voirs/native build:native; it needs a C++ compiler and Node's headers)`
      : `failed to load: ${(cause as Error).message}`;
    return (loaded = { status: { available: false, reason, path } });
  }
  const isa = addon.cpu();
  if (isa === 'none')
    return (loaded = { status: { available: false, reason: 'this CPU has no AVX-512F', path } });
  return (loaded = { addon, status: { available: true, isa, path } });
}

/** Whether the native kernels can run in this process, and why not. */
export function nativeStatus(): NativeStatus {
  return load().status;
}

/** Options of {@link loadNativeKernels}. */
export interface NativeKernelsOptions {
  /** Threads per run (time windows), default: the machine's available parallelism. */
  readonly threads?: number;
}

/**
 * The native kernels bound to a thread count, or undefined where they cannot run (see
 * {@link nativeStatus}).
 * @throws ConfigError `E_INVALID_ARGUMENT` for a thread count that is not an integer in [1, 64].
 */
export function loadNativeKernels(options: NativeKernelsOptions = {}): NativeKernels | undefined {
  const threads = options.threads ?? Math.min(64, availableParallelism());
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `threads must be an integer in [1, 64], got ${String(threads)}.`,
    );
  const { addon, status } = load();
  if (addon === undefined) return undefined;
  return Object.freeze({
    isa: status.isa!,
    threads,
    prepareConvStack: (spec: ConvStackSpec) => prepareConvStack(addon, spec, threads),
  });
}

const isCount = (n: unknown, min = 1): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= min;

/** Checks one convolution of a spec; `where` names it in the error. */
function checkConv(c: ConvStackConv, where: string): void {
  const fail = (what: string): never => {
    throw new ConfigError('E_INVALID_ARGUMENT', `${where}: ${what}.`);
  };
  if (c === null || typeof c !== 'object') fail('missing');
  for (const key of ['outChannels', 'inChannels', 'kernel', 'dilation'] as const)
    if (!isCount(c[key])) fail(`${key} must be a positive integer, got ${String(c[key])}`);
  for (const key of ['padLeft', 'padRight'] as const)
    if (!isCount(c[key], 0) || c[key] > MAX_PADDING)
      fail(`${key} must be an integer in [0, ${MAX_PADDING}], got ${String(c[key])}`);
  if (!(c.weight instanceof Float32Array) || !(c.bias instanceof Float32Array))
    fail('weight and bias must be Float32Arrays');
  if (c.weight.length !== c.outChannels * c.inChannels * c.kernel)
    fail(
      `weight has ${c.weight.length} values, [out, in, kernel] needs ${c.outChannels * c.inChannels * c.kernel}`,
    );
  if (c.bias.length !== c.outChannels)
    fail(`bias has ${c.bias.length} values, not ${c.outChannels}`);
  if ((c.kernel - 1) * c.dilation !== c.padLeft + c.padRight)
    fail(
      `padLeft + padRight must be (kernel - 1) * dilation = ${(c.kernel - 1) * c.dilation} (a convolution keeps the length), got ${c.padLeft + c.padRight}`,
    );
}

/** Checks a spec's shapes (the addon checks them again) so that errors name the layer. */
function checkSpec(spec: ConvStackSpec): void {
  const fail = (what: string): never => {
    throw new ConfigError('E_INVALID_ARGUMENT', `Conv stack: ${what}.`);
  };
  if (spec === null || typeof spec !== 'object') fail('the spec must be an object');
  if (!isCount(spec.inChannels)) fail('inChannels must be a positive integer');
  if (!isCount(spec.halo, 0)) fail('halo must be a non-negative integer');
  if (spec.winograd !== undefined && typeof spec.winograd !== 'boolean')
    fail(`winograd must be a boolean when given, got ${String(spec.winograd)}`);
  if (!Array.isArray(spec.stages)) fail('stages must be an array');
  let channels = spec.inChannels;
  spec.stages.forEach((stage, s) => {
    const at = `stage ${s}`;
    for (const slope of [stage.slope, stage.blockSlope])
      if (typeof slope !== 'number' || !(slope >= 0 && slope <= 1))
        fail(`${at}: leaky ReLU slopes must be in [0, 1]`);
    if (!isCount(stage.stride) || !isCount(stage.channels))
      fail(`${at}: stride and channels must be positive integers`);
    checkConv(stage.upsample, `Conv stack ${at} upsampler`);
    if (
      stage.upsample.inChannels !== channels ||
      stage.upsample.outChannels !== stage.stride * stage.channels
    )
      fail(
        `${at}: the upsampler must map ${channels} channels to stride * channels = ${stage.stride * stage.channels}`,
      );
    if (!Array.isArray(stage.blocks) || stage.blocks.length === 0)
      fail(`${at}: no residual blocks`);
    stage.blocks.forEach((block, b) => {
      if (!Array.isArray(block) || block.length === 0) fail(`${at} block ${b}: no steps`);
      block.forEach((step, n) => {
        if (!Array.isArray(step) || step.length < 1 || step.length > 2)
          fail(`${at} block ${b} step ${n}: a step has one or two convolutions`);
        step.forEach((c, i) => {
          checkConv(c, `Conv stack ${at} block ${b} step ${n} conv ${i}`);
          if (c.inChannels !== stage.channels || c.outChannels !== stage.channels)
            fail(
              `${at} block ${b} step ${n}: residual convolutions keep the stage's ${stage.channels} channels`,
            );
        });
      });
    });
    channels = stage.channels;
  });
  if (typeof spec.postSlope !== 'number' || !(spec.postSlope >= 0 && spec.postSlope <= 1))
    fail('postSlope must be in [0, 1]');
  checkConv(spec.post, 'Conv stack post convolution');
  if (spec.post.inChannels !== channels || spec.post.outChannels !== 1)
    fail(`the post convolution must map ${channels} channels to 1`);
}

function prepareConvStack(addon: Addon, spec: ConvStackSpec, threads: number): ConvStack {
  checkSpec(spec);
  let handle: object;
  try {
    handle = addon.prepareConvStack(spec);
  } catch (cause) {
    throw new ConfigError('E_INVALID_ARGUMENT', `Conv stack: ${(cause as Error).message}.`, {
      cause,
    });
  }
  const upsample = spec.stages.reduce((u, s) => u * s.stride, 1);
  const { inChannels, halo } = spec;
  let queue: Promise<void> = Promise.resolve();
  let disposed = false;
  let released: Promise<void> | undefined;
  return Object.freeze({
    inChannels,
    upsample,
    async run(input: Float32Array, length: number): Promise<Float32Array> {
      if (disposed)
        throw new BackendError(
          'E_DISPOSED',
          'This conv stack was disposed; prepare a new one with prepareConvStack().',
        );
      if (
        !isCount(length) ||
        !(input instanceof Float32Array) ||
        input.length !== inChannels * length
      )
        throw new ConfigError(
          'E_INVALID_ARGUMENT',
          `Conv stack input must be a Float32Array of ${inChannels} x length floats (length ${String(length)}), got ${
            input instanceof Float32Array ? input.length : typeof input
          }.`,
        );
      const output = new Float32Array(length * upsample);
      // one window per thread, each at least as long as its context; threads left over (short
      // inputs) share each window's residual blocks
      const windows = Math.max(1, Math.min(threads, Math.floor(length / Math.max(1, 2 * halo))));
      // runs of one stack queue here, not in the addon (where each waiting run would hold one of
      // libuv's few pool threads)
      const run = queue.then(() =>
        addon.runConvStack(handle, input, length, output, windows, halo, threads),
      );
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      try {
        await run;
      } catch (cause) {
        throw new BackendError(
          'E_BACKEND_RUN',
          `The native conv stack failed: ${(cause as Error).message}`,
          { cause },
        );
      }
      return output;
    },
    dispose(): Promise<void> {
      disposed = true;
      released ??= queue.then(() => addon.releaseConvStack(handle));
      return released;
    },
  });
}
