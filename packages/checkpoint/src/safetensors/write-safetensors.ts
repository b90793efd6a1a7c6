/**
 * A safetensors writer (for tests and for caching converted weights).
 */
import { InputError } from '@voirs/core';
import { elementSize, isTensorData, tensorBytes, type TensorData } from '../tensor-data.js';
import { DTYPE_TO_SAFETENSORS } from './safetensors-dtypes.js';

/**
 * Serialises tensors (and optional `__metadata__` strings) as safetensors. Tensors are laid out
 * by descending element size, then name, and the header is padded with spaces to a multiple of 8
 * bytes so that every tensor's data is aligned to its element size.
 * @throws TypeError when a value is not a {@link TensorData} or metadata is not strings.
 * @throws InputError `E_INVALID_ARGUMENT` for an empty or reserved tensor name.
 */
export function writeSafetensors(
  tensors: ReadonlyMap<string, TensorData> | Readonly<Record<string, TensorData>>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  const list: [string, TensorData][] =
    tensors instanceof Map ? [...tensors.entries()] : Object.entries(tensors);
  for (const [name, tensor] of list) {
    if (!isTensorData(tensor))
      throw new TypeError(`writeSafetensors: ${name} is not a TensorData.`);
    if (name === '' || name === '__metadata__')
      throw new InputError('E_INVALID_ARGUMENT', `"${name}" cannot be a safetensors tensor name.`);
  }
  if (metadata !== undefined && !Object.values(metadata).every((v) => typeof v === 'string')) {
    throw new TypeError('writeSafetensors: metadata values must be strings.');
  }
  list.sort(
    ([an, a], [bn, b]) =>
      elementSize(b.dtype) - elementSize(a.dtype) || (an < bn ? -1 : an > bn ? 1 : 0),
  );
  // null prototype: a tensor called __proto__ must become a key, not the object's prototype
  const header: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (metadata !== undefined) header['__metadata__'] = { ...metadata };
  let offset = 0;
  for (const [name, tensor] of list) {
    const size = tensor.data.byteLength;
    header[name] = {
      dtype: DTYPE_TO_SAFETENSORS[tensor.dtype],
      shape: [...tensor.shape],
      data_offsets: [offset, offset + size],
    };
    offset += size;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const [, tensor] of list) {
    out.set(tensorBytes(tensor), at);
    at += tensor.data.byteLength;
  }
  return out;
}
