/**
 * Errors across thread and process boundaries: structured cloning keeps an Error's message but not
 * its class or `code`, so workers send {@link JobError} records and the main side rebuilds a
 * VocoderError. Also decides which failures are worth retrying.
 */
import { ERROR_CODES, VocoderError, type ErrorCode } from '@voirs/core';
import type { JobError } from './job.js';

/** Code given to failures that are not VocoderErrors (a crash, a bug, a dead worker thread). */
export const INTERNAL_CODE = 'E_INTERNAL';

/** Codes that the same input and settings would produce again: retrying cannot help. */
const PERMANENT = new Set<string>([
  'E_INVALID_ARGUMENT',
  'E_CONFIG_INVALID',
  'E_CLI_USAGE',
  'E_FILE_NOT_FOUND',
  'E_UNSUPPORTED_FORMAT',
  'E_WAV_INVALID',
  'E_WAV_TRUNCATED',
  'E_WAV_UNSUPPORTED',
  'E_NPY_INVALID',
  'E_NPY_UNSUPPORTED',
  'E_SAMPLE_RATE',
  'E_AUDIO_INVALID',
  'E_RESAMPLE',
  'E_MEL_SHAPE',
  'E_MEL_NONFINITE',
  'E_MEL_CONVENTION',
  'E_MODEL_NOT_FOUND',
  'E_MODEL_ARCH',
  'E_MODEL_CONFIG',
  'E_CHECKPOINT_UNSAFE',
  'E_CHECKPOINT_INVALID',
  'E_CHECKPOINT_UNSUPPORTED',
  'E_PLUGIN_NOT_FOUND',
  'E_UNSUPPORTED_FEATURE',
  'E_SCHEDULE_INVALID',
]);

/** The {@link JobError} of anything thrown. */
export function toJobError(error: unknown): JobError {
  if (error instanceof VocoderError) return { code: error.code, message: error.message };
  return { code: INTERNAL_CODE, message: error instanceof Error ? error.message : String(error) };
}

/** True when retrying the job cannot succeed (bad input, bad settings, bad model). */
export function isPermanent(error: JobError): boolean {
  return PERMANENT.has(error.code);
}

/** Rebuilds a throwable error from a {@link JobError}: a VocoderError when its code is a known one. */
export function fromJobError(error: JobError): Error {
  return error.code in ERROR_CODES
    ? new VocoderError(error.code as ErrorCode, error.message)
    : new Error(error.message);
}
