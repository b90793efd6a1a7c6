/**
 * Maps the plain `Error`s onnxruntime throws onto voirs error codes. Kept byte-identical in both
 * backend packages.
 */
import { BackendError, InputError, VocoderError } from '@voirs/core';

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** onnxruntime's own feed checks (a safety net behind ours, e.g. for scalar inputs). */
const INPUT_MISMATCH =
  /invalid dimensions for input|unexpected input data type|invalid rank for input|is missing in 'feeds'/i;
/** Failures to register or start an execution provider. */
const PROVIDER_FAILURE =
  /execution ?provider|shared library|adapter|backend not found|no available backend|webgpu|webnn|cuda|tensorrt/i;

/** An error thrown by `session.run`: `E_INVALID_ARGUMENT` for input mismatches, else `E_BACKEND_RUN`. */
export function runFailure(error: unknown): VocoderError {
  if (error instanceof VocoderError) return error;
  const message = messageOf(error);
  if (INPUT_MISMATCH.test(message)) {
    return new InputError('E_INVALID_ARGUMENT', `The model rejected its inputs: ${message}`, {
      cause: error,
    });
  }
  return new BackendError(
    'E_BACKEND_RUN',
    `onnxruntime failed while running the model: ${message}. Check the input values (index ranges, lengths) ` +
      'against what the model supports.',
    { cause: error },
  );
}

/**
 * An error thrown while creating a session: `E_EXECUTION_PROVIDER` when a non-default provider was
 * requested and the message points at it, `E_BACKEND_UNAVAILABLE` when the runtime itself cannot
 * start, else `E_ONNX_INVALID` (the runtime cannot load the model).
 */
export function loadFailure(
  error: unknown,
  providers: readonly string[],
  defaults: readonly string[],
): VocoderError {
  if (error instanceof VocoderError) return error;
  const message = messageOf(error);
  const special = providers.filter((p) => !defaults.includes(p));
  if (special.length > 0 && PROVIDER_FAILURE.test(message)) {
    return new BackendError(
      'E_EXECUTION_PROVIDER',
      `The execution provider ${special.join(', ')} could not be started: ${message}. ` +
        `Use executionProviders: ['${defaults[0]}'] or install what that provider needs.`,
      { cause: error, details: { providers } },
    );
  }
  if (/no available backend/i.test(message)) {
    return new BackendError(
      'E_BACKEND_UNAVAILABLE',
      `onnxruntime could not start its runtime: ${message}. For onnxruntime-web, check that its .wasm and .mjs ` +
        'files are served where wasmPaths points.',
      { cause: error },
    );
  }
  return new BackendError(
    'E_ONNX_INVALID',
    `onnxruntime cannot load this model: ${message}. Check that it is a complete ONNX file whose operators and ` +
      'opset this runtime supports.',
    { cause: error },
  );
}
