/**
 * A core {@link Session} over an onnxruntime InferenceSession: feeds checked against the model,
 * runs queued one at a time, AbortSignal honoured, outputs copied out, dispose that waits for
 * accepted runs. Kept byte-identical in both backend packages.
 */
import {
  AbortError,
  BackendError,
  VocoderError,
  type RunOptions,
  type Session,
  type Tensor,
} from '@voirs/core';
import { assertNoExternalData } from './external-data-guard.js';
import { readModelMetadata } from './model-metadata.js';
import type { OrtSessionLike, OrtTensorFactory } from './ort-types.js';
import { loadFailure, runFailure } from './runtime-errors.js';
import { copyOutput } from './tensors.js';
import { prepareFeeds, specsFromMetadata, type ValueSpec } from './value-specs.js';

const noop = (): void => undefined;

function abortReason(signal: AbortSignal): VocoderError {
  const reason: unknown = signal.reason;
  if (reason instanceof VocoderError) return reason;
  return new AbortError('The run was aborted; its result was discarded.', { cause: reason });
}

function checkSignal(options: unknown): AbortSignal | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object')
    throw new TypeError('run options must be an object');
  const signal = (options as RunOptions).signal;
  if (signal === undefined) return undefined;
  if (
    signal === null ||
    typeof signal !== 'object' ||
    typeof signal.aborted !== 'boolean' ||
    typeof signal.addEventListener !== 'function'
  ) {
    throw new TypeError('options.signal must be an AbortSignal');
  }
  return signal;
}

/** Settles like `work`, unless `signal` aborts first (or by the time `work` resolves). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.aborted ? reject(abortReason(signal)) : resolve(value)),
      (error: unknown) => reject(signal.aborted ? abortReason(signal) : error),
    );
    void work.finally(() => signal.removeEventListener('abort', onAbort)).catch(noop);
  });
}

/** A loaded model behind the core {@link Session} contract. */
export class OrtSession implements Session {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly #session: OrtSessionLike;
  readonly #inputs: readonly ValueSpec[];
  readonly #makeTensor: OrtTensorFactory;
  /** Settles when every accepted run has settled. */
  #tail: Promise<void> = Promise.resolve();
  #disposal: Promise<void> | undefined;

  constructor(
    session: OrtSessionLike,
    metadata: Record<string, string>,
    makeTensor: OrtTensorFactory,
  ) {
    this.#session = session;
    this.#inputs = Object.freeze(specsFromMetadata(session.inputMetadata, 'input'));
    specsFromMetadata(session.outputMetadata, 'output'); // refuses outputs voirs tensors cannot hold
    this.#makeTensor = makeTensor;
    this.inputNames = Object.freeze([...session.inputNames]);
    this.outputNames = Object.freeze([...session.outputNames]);
    this.metadata = Object.freeze(metadata);
  }

  /** True once {@link dispose} has been called. */
  get disposed(): boolean {
    return this.#disposal !== undefined;
  }

  /** Runs the model (queued behind earlier runs of this session). Feeds are used in place, not copied. */
  async run(
    feeds: Readonly<Record<string, Tensor>>,
    options?: RunOptions,
  ): Promise<Record<string, Tensor>> {
    if (this.disposed) {
      throw new BackendError(
        'E_DISPOSED',
        'This session was disposed; create a new one with backend.createSession().',
      );
    }
    const signal = checkSignal(options);
    if (signal?.aborted) throw abortReason(signal);
    const ortFeeds = prepareFeeds(feeds, this.#inputs, this.#makeTensor);
    const work = this.#tail.then(async () => {
      if (signal?.aborted) throw abortReason(signal);
      let raw;
      try {
        raw = await this.#session.run(ortFeeds);
      } catch (error) {
        throw runFailure(error);
      }
      if (signal?.aborted) throw abortReason(signal);
      const out: Record<string, Tensor> = {};
      for (const name of this.outputNames) out[name] = await copyOutput(name, raw[name]!);
      return out;
    });
    this.#tail = work.then(noop, noop);
    return signal === undefined ? work : raceAbort(work, signal);
  }

  /** Waits for accepted runs, then frees the native session. Idempotent. */
  dispose(): Promise<void> {
    this.#disposal ??= this.#tail.then(async () => {
      try {
        await this.#session.release();
      } catch (error) {
        throw new BackendError(
          'E_BACKEND_RUN',
          `Releasing the onnxruntime session failed: ${String(error)}`,
          { cause: error },
        );
      }
    });
    return this.#disposal;
  }
}

/** What {@link openOrtSession} needs from a backend. */
export interface OpenOrtSessionOptions {
  /** Creates the runtime session (errors are classified by {@link loadFailure}). */
  create(): Promise<OrtSessionLike>;
  makeTensor: OrtTensorFactory;
  /** Providers requested for this session, and the backend's default ones (never provider errors). */
  providers: readonly string[];
  defaultProviders: readonly string[];
}

/**
 * Checks the model bytes, creates the runtime session and wraps it.
 * @throws FormatError `E_ONNX_EXTERNAL_DATA` for a model that keeps tensor data in external files
 * (embed it first with `loadOnnxFile` from `@voirs/onnx/node`).
 * @throws FormatError / BackendError `E_ONNX_INVALID`, BackendError `E_EXECUTION_PROVIDER`,
 * BackendError `E_UNSUPPORTED_FEATURE` for inputs or outputs voirs tensors cannot hold.
 */
export async function openOrtSession(
  model: Uint8Array,
  options: OpenOrtSessionOptions,
): Promise<OrtSession> {
  const metadata = readModelMetadata(model);
  assertNoExternalData(model);
  let session: OrtSessionLike;
  try {
    session = await options.create();
  } catch (error) {
    throw loadFailure(error, options.providers, options.defaultProviders);
  }
  try {
    return new OrtSession(session, metadata, options.makeTensor);
  } catch (error) {
    await session.release().catch(noop);
    throw error;
  }
}
