/**
 * The error hierarchy of voirs-vocoder.
 *
 * Every failure a user can cause (bad file, bad config, wrong mel convention, missing backend…)
 * surfaces as a {@link VocoderError} carrying a stable {@link ErrorCode}, the underlying `cause`
 * when there is one, and a message that says what to do. Wrong argument *types* (a programming
 * error) throw a plain `TypeError` instead.
 */

/** Stable error codes. Codes are never renamed; new ones are only added. */
export const ERROR_CODES = {
  // generic input / usage
  E_INVALID_ARGUMENT: 'An argument has a valid type but an invalid value.',
  E_CONFIG_INVALID: 'A configuration object failed validation.',
  E_CLI_USAGE: 'The command line could not be understood.',
  E_ABORTED: 'The operation was cancelled through its AbortSignal.',
  E_DISPOSED: 'The object was used after dispose().',
  E_IO: 'A file could not be read or written.',
  E_FILE_NOT_FOUND: 'A file or folder does not exist.',
  E_UNSUPPORTED_FORMAT: 'The content is not a format this library reads.',
  // audio files
  E_WAV_INVALID: 'A WAV file is malformed.',
  E_WAV_TRUNCATED: 'A WAV file ends before the size its header claims.',
  E_WAV_UNSUPPORTED: 'A WAV encoding this library does not read.',
  E_NPY_INVALID: 'A .npy/.npz file is malformed.',
  E_NPY_UNSUPPORTED: 'A .npy dtype or layout this library does not read.',
  E_SAMPLE_RATE: 'A sample rate is missing, non-positive or out of range.',
  E_AUDIO_INVALID: 'Audio samples are empty, non-finite or of the wrong layout.',
  E_RESAMPLE: 'Resampling between the given rates is not possible.',
  // mel spectrograms
  E_MEL_SHAPE: 'A mel spectrogram has the wrong shape.',
  E_MEL_NONFINITE: 'A mel spectrogram holds NaN or Infinity.',
  E_MEL_CONVENTION: 'A mel spectrogram was made with another convention than the consumer expects.',
  // checkpoints and models
  E_CHECKPOINT_UNSAFE: 'A checkpoint references code outside the allow-list (refused, never run).',
  E_CHECKPOINT_INVALID: 'A checkpoint file is malformed.',
  E_CHECKPOINT_UNSUPPORTED: 'A checkpoint uses a feature this reader does not support.',
  E_SAFETENSORS_INVALID: 'A safetensors file violates the format.',
  E_ZIP_INVALID: 'A zip archive is malformed.',
  E_ZIP_BOMB: 'A zip archive expands beyond the allowed bound.',
  E_PATH_TRAVERSAL: 'A path inside a file points outside the allowed folder.',
  E_ONNX_INVALID: 'An ONNX model is malformed.',
  E_ONNX_EXTERNAL_DATA: 'An ONNX model references external data that cannot be used.',
  E_MODEL_NOT_FOUND: 'No model of that name or path exists.',
  E_MODEL_ARCH: 'The model architecture is unknown or does not match the weights.',
  E_MODEL_CONFIG: 'A model configuration is missing or inconsistent.',
  E_CATALOG: 'A model catalog manifest is malformed.',
  E_CACHE: 'The model cache is unusable.',
  E_DOWNLOAD: 'A download failed.',
  E_CHECKSUM: 'A file does not have the sha256 its manifest promises.',
  // runtime
  E_BACKEND_UNAVAILABLE: 'No backend could be initialised.',
  E_BACKEND_RUN: 'A backend failed while running a model.',
  E_EXECUTION_PROVIDER: 'A requested execution provider is not available.',
  E_PLUGIN_NOT_FOUND: 'No plugin of that name is registered.',
  E_PLUGIN_DUPLICATE: 'A plugin of that name is already registered.',
  E_PLUGIN_INIT: 'A plugin failed to initialise.',
  E_UNSUPPORTED_FEATURE: 'The vocoder or backend does not support the requested feature.',
  // synthesis
  E_SCHEDULE_INVALID: 'A diffusion noise schedule is invalid.',
  E_NOISE_SHAPE: 'Explicit noise has the wrong shape.',
  E_STREAM: 'A stream was used incorrectly or failed.',
  // effects, metrics, batch
  E_EFFECT_PARAMS: 'Effect parameters are invalid.',
  E_EFFECT_CHAIN: 'An effect chain description is invalid.',
  E_METRIC_INPUT: 'Inputs to a metric are incompatible.',
  E_QUEUE: 'The job queue failed.',
} as const;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Options accepted by every {@link VocoderError} constructor. */
export interface VocoderErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
  /** Structured details (file name, offending value…) for programs; the message is for people. */
  details?: Readonly<Record<string, unknown>>;
}

/** Base class of every error this library throws on purpose. */
export class VocoderError extends Error {
  /** Stable machine-readable code; safe to switch on. */
  readonly code: ErrorCode;
  /** Structured details, when the thrower provided some. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: VocoderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }
}

/** A file or byte buffer that cannot be parsed (WAV, npy, checkpoint, ONNX, zip…). */
export class FormatError extends VocoderError {}
/** A configuration or argument value that is not acceptable. */
export class ConfigError extends VocoderError {}
/** Audio or mel data that cannot be used as given (shape, convention, NaN…). */
export class InputError extends VocoderError {}
/** A checkpoint or model that is unsafe, inconsistent or cannot be found. */
export class ModelError extends VocoderError {}
/** A backend or session that cannot serve. */
export class BackendError extends VocoderError {}
/** A plugin lookup or registration problem. */
export class RegistryError extends VocoderError {}
/** Cancellation through an AbortSignal. */
export class AbortError extends VocoderError {
  constructor(message = 'The operation was aborted.', options: VocoderErrorOptions = {}) {
    super('E_ABORTED', message, options);
  }
}

/** True when `error` is a {@link VocoderError}, optionally with the given code. */
export function isVocoderError(error: unknown, code?: ErrorCode): error is VocoderError {
  return error instanceof VocoderError && (code === undefined || error.code === code);
}

/**
 * Throws {@link AbortError} when `signal` is aborted. Call it between units of work so that
 * cancellation is prompt.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof VocoderError) throw reason;
    throw new AbortError('The operation was aborted.', { cause: reason });
  }
}
