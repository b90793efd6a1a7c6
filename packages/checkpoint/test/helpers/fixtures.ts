/** Access to this package's committed test fixtures. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { isVocoderError, type ErrorCode } from '@voirs/core';
import { tensorBytes, toFloat32, type TensorData } from '../../src/index.js';

const DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The bytes of `test/fixtures/<name>`. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(DIR + name));
}

/** The parsed JSON of `test/fixtures/<name>`. */
export function fixtureJson<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(DIR + name, 'utf8')) as T;
}

/** sha256 hex of bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A tensor as the reference scripts describe it. */
export interface TensorDesc {
  dtype: string;
  shape: number[];
  sha256: string;
  values?: (number | string)[];
}

/** Asserts that `tensor` has the dtype, shape, bytes and values of `desc`. */
export function expectTensor(tensor: TensorData | undefined, desc: TensorDesc, label = ''): void {
  expect(tensor, label).toBeDefined();
  const t = tensor as TensorData;
  expect(t.dtype, label).toBe(desc.dtype);
  expect([...t.shape], label).toEqual(desc.shape);
  expect(sha256(tensorBytes(t)), label).toBe(desc.sha256);
  if (desc.values === undefined) return;
  if (t.dtype === 'int64') {
    expect([...t.data].map(String), label).toEqual(desc.values);
  } else {
    const values = [...toFloat32(t)].map((v) =>
      Number.isFinite(v) ? v : String(v).replace('Infinity', 'inf').replace('NaN', 'nan'),
    );
    expect(values, label).toEqual(
      desc.values.map((v) => (typeof v === 'number' ? Math.fround(v) : v)),
    );
  }
}

/** Calls `fn` and returns the VocoderError it throws (failing when it throws anything else). */
export function catchVocoderError(
  fn: () => unknown,
  code?: ErrorCode,
): Error & { code: ErrorCode; details?: Readonly<Record<string, unknown>> } {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a VocoderError').toBeDefined();
  if (!isVocoderError(error)) throw error;
  if (code !== undefined) expect(error.code).toBe(code);
  return error;
}
