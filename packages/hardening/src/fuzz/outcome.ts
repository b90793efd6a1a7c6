/**
 * The fuzz invariant: every input either parses or throws a `VocoderError` with a known code.
 * Anything else (another exception, a hang, a dead process, an allocation beyond the target's
 * bound) is a failure.
 */
import { ERROR_CODES, isVocoderError } from '@voirs/core';

/** What one input did. */
export type Outcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly code: string }
  | {
      readonly kind: 'crash';
      readonly name: string;
      readonly message: string;
      readonly stack?: string;
    }
  | { readonly kind: 'hang'; readonly ms: number }
  | { readonly kind: 'died'; readonly reason: string }
  | { readonly kind: 'alloc'; readonly allocated: number; readonly limit: number };

/** Classifies a thrown value: a VocoderError with a known code is expected, anything else a crash. */
export function classifyError(error: unknown): Outcome {
  if (isVocoderError(error) && Object.hasOwn(ERROR_CODES, error.code))
    return { kind: 'error', code: error.code };
  const e = error as { name?: unknown; message?: unknown; stack?: unknown } | undefined;
  return {
    kind: 'crash',
    name: typeof e?.name === 'string' ? e.name : typeof error,
    message: typeof e?.message === 'string' ? e.message : String(error),
    ...(typeof e?.stack === 'string' ? { stack: e.stack } : {}),
  };
}

/** True for the outcomes the invariant accepts. */
export function isAcceptable(outcome: Outcome): boolean {
  return outcome.kind === 'ok' || outcome.kind === 'error';
}

/** A short label for histograms: `ok`, the error code, or the failure kind. */
export function outcomeLabel(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'ok':
      return 'ok';
    case 'error':
      return outcome.code;
    case 'crash':
      return `CRASH ${outcome.name}: ${outcome.message.slice(0, 160)}`;
    case 'hang':
      return `HANG after ${outcome.ms} ms`;
    case 'died':
      return `DIED ${outcome.reason}`;
    case 'alloc':
      return `ALLOC ${outcome.allocated} bytes > limit ${outcome.limit}`;
  }
}
