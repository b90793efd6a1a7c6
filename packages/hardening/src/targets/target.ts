/**
 * A fuzz target: one public reader or parser, run on untrusted input in the fuzz child process.
 */
import { isVocoderError } from '@voirs/core';

/** A reader of bytes (files) or of parsed values (JSON configs). */
export interface FuzzTarget {
  readonly name: string;
  /** `bytes`: a file's content; `json`: a value as `JSON.parse` (or a caller) would give it. */
  readonly input: 'bytes' | 'json';
  /** Parses the input; throws on bad input. */
  run(input: unknown): unknown;
  /** The most array bytes one input of `size` bytes may ask for. */
  allocationLimit(size: number): number;
}

/** 1 MiB, the fixed part of most allocation bounds (headers, tables, small outputs). */
export const MIB = 1024 * 1024;

/**
 * Runs a follow-up step on a parse result: a `VocoderError` there is an expected outcome and is
 * swallowed so the remaining steps still run; any other exception propagates.
 */
export async function step(work: () => unknown): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!isVocoderError(error)) throw error;
  }
}

/** Narrows a fuzz input to bytes. */
export function bytesOf(input: unknown): Uint8Array {
  if (!(input instanceof Uint8Array)) throw new TypeError('this target takes a Uint8Array');
  return input;
}
