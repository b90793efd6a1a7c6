/**
 * Decoding and validation of `TensorProto` messages: dims, type and the size of the data in
 * whichever form it is stored. Data is never copied.
 * @internal
 */
import { dtypeFromCode, elementBits, rawByteLength } from '../dtypes.js';
import { DATA_LOCATION_EXTERNAL, STRING_ENTRY, TENSOR } from '../proto/onnx-fields.js';
import { invalid, type ProtoReader } from '../proto/proto-reader.js';
import type { OnnxExternalData, OnnxTensorInfo } from './model-info.js';

function externalInvalid(name: string, message: string): never {
  return invalid(`the external data reference of tensor '${name}' is malformed: ${message}`);
}

function parseOffset(name: string, key: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[0-9]{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) externalInvalid(name, `${key} '${value}' is not a byte count`);
  return n;
}

function readExternal(name: string, entries: Map<string, string>): OnnxExternalData {
  const location = entries.get('location');
  if (location === undefined || location === '') externalInvalid(name, "no 'location'");
  return {
    location,
    offset: parseOffset(name, 'offset', entries.get('offset')) ?? 0,
    length: parseOffset(name, 'length', entries.get('length')),
    checksum: entries.get('checksum'),
  };
}

/** Decodes a `TensorProto`, checking that its data matches its dims and type. */
export function decodeTensor(r: ProtoReader): OnnxTensorInfo {
  const start = r.pos;
  const dims: (number | bigint)[] = [];
  let dataType = 0;
  let name = '';
  let rawData: Uint8Array | undefined;
  let typedCount = 0;
  let typedFields = 0;
  let location = 0;
  const external = new Map<string, string>();
  while (!r.done()) {
    const key = r.key();
    switch (key.field) {
      case TENSOR.dims:
        r.int64s(key, dims);
        break;
      case TENSOR.dataType:
        dataType = r.int(key, 'data_type');
        break;
      case TENSOR.name:
        name = r.string(key);
        break;
      case TENSOR.rawData:
        rawData = r.bytes(key);
        break;
      case TENSOR.floatData:
        typedCount += r.countElements(key, 4);
        typedFields++;
        break;
      case TENSOR.doubleData:
        typedCount += r.countElements(key, 8);
        typedFields++;
        break;
      case TENSOR.int32Data:
      case TENSOR.int64Data:
      case TENSOR.uint64Data:
        typedCount += r.countElements(key, 0);
        typedFields++;
        break;
      case TENSOR.stringData:
        r.bytes(key);
        typedCount++;
        typedFields++;
        break;
      case TENSOR.externalData: {
        const entry = r.message(key);
        let k = '';
        let v = '';
        while (!entry.done()) {
          const ek = entry.key();
          if (ek.field === STRING_ENTRY.key) k = entry.string(ek);
          else if (ek.field === STRING_ENTRY.value) v = entry.string(ek);
          else entry.skip(ek);
        }
        external.set(k, v);
        break;
      }
      case TENSOR.dataLocation:
        location = r.int(key, 'data_location');
        break;
      default:
        r.skip(key);
    }
  }

  const label = name === '' ? 'a tensor' : `tensor '${name}'`;
  let elementCount = 1;
  for (const d of dims) {
    if (typeof d === 'bigint' || d < 0) invalid(`${label} has dimension ${d}`, start);
    elementCount *= d;
  }
  if (!Number.isSafeInteger(elementCount)) invalid(`${label} has too many elements`, start);
  const dtype = dtypeFromCode(dataType);
  if (dtype === undefined) invalid(`${label} has unknown data type ${dataType}`, start);
  const rawSize = rawByteLength(dtype, elementCount);
  const base = { name, dataType, dtype, dims: dims as number[], elementCount };

  if (location === DATA_LOCATION_EXTERNAL) {
    if (rawData !== undefined || typedFields > 0)
      invalid(`${label} is external but also holds data`, start);
    const ref = readExternal(name, external);
    if (ref.length !== undefined && rawSize !== undefined && ref.length !== rawSize) {
      externalInvalid(
        name,
        `length ${ref.length} does not match ${rawSize} bytes for ${dtype}[${dims.join(', ')}]`,
      );
    }
    return {
      ...base,
      storage: 'external',
      byteLength: ref.length ?? rawSize,
      rawData: undefined,
      external: ref,
    };
  }
  if (location !== 0) invalid(`${label} has unknown data_location ${location}`, start);
  if (rawData !== undefined) {
    if (typedFields > 0) invalid(`${label} holds both raw_data and typed data`, start);
    if (rawSize === undefined || rawData.length !== rawSize) {
      invalid(
        `${label} has ${rawData.length} bytes of raw_data; ${dtype}[${dims.join(', ')}] needs ${rawSize ?? 'typed string_data'}`,
        start,
      );
    }
    return { ...base, storage: 'raw', byteLength: rawData.length, rawData, external: undefined };
  }
  const perElement = dtype === 'complex64' || dtype === 'complex128' ? 2 : 1;
  // 2- and 4-bit types pack several values per int32_data entry; their count is not checked.
  const bits = elementBits(dtype);
  if ((bits === 0 || bits >= 8) && typedCount !== elementCount * perElement) {
    invalid(
      `${label} holds ${typedCount} values; ${dtype}[${dims.join(', ')}] needs ${elementCount * perElement}`,
      start,
    );
  }
  return {
    ...base,
    storage: 'typed',
    byteLength: rawSize,
    rawData: undefined,
    external: undefined,
  };
}
