/**
 * What a numeric-input case must do: fail with one of the given codes, or succeed with output that
 * passes a check. Shared by the vocoder, effect and metric tables.
 */
import { isVocoderError } from '@voirs/core';

/** A case's defined behaviour. */
export type Expectation =
  | { readonly error: readonly string[] }
  | { readonly ok: string; readonly check: (result: unknown) => boolean };

/** Fails with `code` (or one of `codes`). */
export const fails = (...codes: string[]): Expectation => ({ error: codes });

/** Succeeds, and `check` holds for the result (`ok` says what in the table). */
export const succeeds = (ok: string, check: (result: unknown) => boolean): Expectation => ({
  ok,
  check,
});

/** How a run ended: the error code, `ok`, or a description of an unexpected exception. */
export async function settle(work: () => unknown): Promise<{ code: string; result?: unknown }> {
  try {
    return { code: 'ok', result: await work() };
  } catch (error) {
    if (isVocoderError(error)) return { code: error.code };
    return { code: `unexpected ${(error as Error)?.name}: ${(error as Error)?.message}` };
  }
}

/** Describes the outcome against the expectation; `undefined` when it matches. */
export async function mismatch(
  expectation: Expectation,
  work: () => unknown,
): Promise<string | undefined> {
  const { code, result } = await settle(work);
  if ('error' in expectation) {
    return expectation.error.includes(code)
      ? undefined
      : `expected ${expectation.error.join(' or ')}, got ${code}`;
  }
  if (code !== 'ok') return `expected success (${expectation.ok}), got ${code}`;
  return expectation.check(result) ? undefined : `succeeded but not ${expectation.ok}`;
}
