/**
 * A validating safetensors reader: `u64 header length | JSON header | data`, where the header maps
 * each name to `{dtype, shape, data_offsets: [begin, end]}` relative to the data section, plus an
 * optional `__metadata__` object of strings.
 *
 * Checks (after the reference implementation): header length at most 100 MB and inside the file;
 * the header is UTF-8 JSON starting with `{`; known dtypes; non-negative integer shapes and
 * offsets; `end - begin == product(shape) * element size`; the ranges, sorted, tile the data
 * section exactly (no gaps, no overlaps, nothing left over), which also defuses duplicate-key
 * aliasing.
 */
import { FormatError } from '@voirs/core';
import {
  arrayFromBytes,
  assertLittleEndianHost,
  elementSize,
  makeTensorData,
  type TensorData,
} from '../tensor-data.js';
import { SAFETENSORS_TO_DTYPE, UNSUPPORTED_SAFETENSORS_DTYPES } from './safetensors-dtypes.js';

/** A parsed safetensors file. */
export interface SafetensorsFile {
  /** Tensors in file (offset) order. */
  readonly tensors: Map<string, TensorData>;
  /** The `__metadata__` strings, if the file has them. */
  readonly metadata: Readonly<Record<string, string>> | undefined;
}

/** The largest header the reference implementation accepts. */
export const SAFETENSORS_MAX_HEADER = 100_000_000;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function invalid(message: string, cause?: unknown): FormatError {
  return new FormatError(
    'E_SAFETENSORS_INVALID',
    `Invalid safetensors file: ${message}`,
    cause === undefined ? {} : { cause },
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function naturals(v: unknown, what: string): number[] {
  if (!Array.isArray(v) || !v.every((x) => Number.isSafeInteger(x) && (x as number) >= 0))
    throw invalid(`${what} must be an array of non-negative integers.`);
  return v as number[];
}

function parseHeader(bytes: Uint8Array): { header: Record<string, unknown>; dataStart: number } {
  if (bytes.length < 8) throw invalid('the file is shorter than its 8-byte header length.');
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(SAFETENSORS_MAX_HEADER))
    throw invalid(
      `the header claims ${n} bytes, more than the ${SAFETENSORS_MAX_HEADER}-byte limit.`,
    );
  const headerLen = Number(n);
  if (8 + headerLen > bytes.length)
    throw invalid(
      `the header claims ${headerLen} bytes but the file has ${bytes.length - 8} after the length.`,
    );
  const raw = bytes.subarray(8, 8 + headerLen);
  if (raw[0] !== 0x7b) throw invalid('the header does not start with "{".');
  let header: unknown;
  try {
    header = JSON.parse(UTF8.decode(raw));
  } catch (cause) {
    throw invalid('the header is not UTF-8 JSON.', cause);
  }
  if (!isObject(header)) throw invalid('the header is not a JSON object.');
  return { header, dataStart: 8 + headerLen };
}

function parseMetadata(value: unknown): Record<string, string> {
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string'))
    throw invalid('__metadata__ must map strings to strings.');
  return { ...(value as Record<string, string>) };
}

/**
 * Parses and validates a safetensors file; tensor data is copied out of `bytes`.
 * @throws TypeError when `bytes` is not a Uint8Array.
 * @throws FormatError `E_SAFETENSORS_INVALID` for any violation of the format,
 *   `E_CHECKPOINT_UNSUPPORTED` for valid dtypes this package does not represent (U16, F8…).
 */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (!(bytes instanceof Uint8Array))
    throw new TypeError('readSafetensors needs the file as a Uint8Array.');
  assertLittleEndianHost();
  const { header, dataStart } = parseHeader(bytes);
  const dataLength = bytes.length - dataStart;
  let metadata: Record<string, string> | undefined;
  const entries: {
    name: string;
    dtype: (typeof SAFETENSORS_TO_DTYPE)[string];
    shape: number[];
    begin: number;
    end: number;
  }[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = parseMetadata(info);
      continue;
    }
    if (!isObject(info)) throw invalid(`the entry for ${name} is not an object.`);
    const dtypeName = info['dtype'];
    if (typeof dtypeName !== 'string') throw invalid(`${name} has no dtype.`);
    // own keys only: a dtype of "constructor" or "toString" must not reach Object.prototype
    const dtype = Object.hasOwn(SAFETENSORS_TO_DTYPE, dtypeName)
      ? SAFETENSORS_TO_DTYPE[dtypeName]
      : undefined;
    if (dtype === undefined) {
      if (UNSUPPORTED_SAFETENSORS_DTYPES.has(dtypeName))
        throw new FormatError(
          'E_CHECKPOINT_UNSUPPORTED',
          `The safetensors tensor ${name} has dtype ${dtypeName}, which this package does not support.`,
        );
      throw invalid(`${name} has the unknown dtype ${JSON.stringify(dtypeName)}.`);
    }
    const shape = naturals(info['shape'], `the shape of ${name}`);
    const offsets = naturals(info['data_offsets'], `the data_offsets of ${name}`);
    if (offsets.length !== 2) throw invalid(`the data_offsets of ${name} must be [begin, end].`);
    const [begin, end] = offsets as [number, number];
    if (end < begin || end > dataLength)
      throw invalid(
        `the data_offsets [${begin}, ${end}] of ${name} lie outside the ${dataLength}-byte data section.`,
      );
    let numel = 1;
    for (const d of shape) numel *= d;
    if (
      !Number.isSafeInteger(numel * elementSize(dtype)) ||
      numel * elementSize(dtype) !== end - begin
    ) {
      throw invalid(
        `${name} is ${dtypeName}[${shape.join(', ')}] but its data_offsets span ${end - begin} bytes.`,
      );
    }
    entries.push({ name, dtype, shape, begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const e of entries) {
    if (e.begin !== cursor)
      throw invalid(
        `${e.name} starts at ${e.begin} but the previous tensor ends at ${cursor} (gap or overlap).`,
      );
    cursor = e.end;
  }
  if (cursor !== dataLength)
    throw invalid(`the tensors cover ${cursor} of the ${dataLength} data bytes.`);
  const tensors = new Map<string, TensorData>();
  for (const e of entries) {
    const data = arrayFromBytes(e.dtype, bytes.subarray(dataStart + e.begin, dataStart + e.end));
    tensors.set(e.name, makeTensorData(e.dtype, e.shape, data) as TensorData);
  }
  return { tensors, metadata };
}
