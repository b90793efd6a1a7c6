/**
 * `.npy` reader (format versions 1.0, 2.0 and 3.0). The header dict is parsed by a strict literal
 * parser, never evaluated; the data is copied out, so the result never aliases the input bytes.
 */
import { FormatError } from '@voirs/core';
import { HOST_LITTLE_ENDIAN, NPY_DESCRS, type NpyArray } from './npy-dtype.js';
import { parsePythonLiteral, type PyLiteral } from './python-literal.js';

/** The 6-byte magic every `.npy` file starts with. */
export const NPY_MAGIC = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59);

/** numpy's own limit on dimensions. */
const MAX_DIMS = 64;

const invalid = (message: string, details?: Record<string, unknown>) =>
  new FormatError(
    'E_NPY_INVALID',
    `Invalid .npy file: ${message}.`,
    details === undefined ? {} : { details },
  );
const unsupported = (message: string) => new FormatError('E_NPY_UNSUPPORTED', message);

/** Reads the header text, returning it with the offset where the data starts. */
function readHeaderText(bytes: Uint8Array): { text: string; dataOffset: number } {
  if (bytes.length < 10 || NPY_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw invalid(
      'the magic "\\x93NUMPY" is missing; this is not a .npy file (for .npz, unzip it first)',
    );
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if ((major !== 1 && major !== 2 && major !== 3) || minor !== 0) {
    throw unsupported(
      `.npy format version ${major}.${minor} is not supported (1.0, 2.0 and 3.0 are); re-save with numpy.save().`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthSize) throw invalid('the header length is cut off');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthSize;
  if (headerLength > bytes.length - start) {
    throw invalid(
      `the header claims ${headerLength} bytes but the file holds ${bytes.length - start}`,
    );
  }
  const raw = bytes.subarray(start, start + headerLength);
  let text: string;
  if (major === 3) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch (cause) {
      throw new FormatError(
        'E_NPY_INVALID',
        'Invalid .npy file: the version 3.0 header is not valid UTF-8.',
        { cause },
      );
    }
  } else {
    text = '';
    for (const b of raw) text += String.fromCharCode(b);
  }
  return { text, dataOffset: start + headerLength };
}

/** Validates shape entries and returns them as numbers (all safe integers >= 0). */
function readShape(value: PyLiteral | undefined): number[] {
  if (!Array.isArray(value)) throw invalid("'shape' must be a tuple of integers");
  const items = value as readonly PyLiteral[];
  if (items.length > MAX_DIMS)
    throw invalid(`'shape' has ${items.length} dimensions (numpy allows at most ${MAX_DIMS})`);
  return items.map((d) => {
    if (typeof d !== 'bigint' || d < 0n || d > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw invalid(`'shape' entry ${String(d)} is not a non-negative integer`);
    }
    return Number(d);
  });
}

/**
 * Element count of `shape`, or throws when it exceeds `limit` (computed without overflow: the
 * product is abandoned as soon as it passes the limit).
 */
function elementCount(shape: readonly number[], limit: number, itemSize: number): number {
  if (shape.includes(0)) return 0;
  let count = 1;
  for (const d of shape) {
    count *= d;
    if (count > limit) {
      throw invalid(
        `shape (${shape.join(', ')}) needs more than the ${limit * itemSize} data bytes the file holds`,
        {
          shape,
        },
      );
    }
  }
  return count;
}

/** Options of {@link readNpy}. */
export interface ReadNpyOptions {
  /** A label for messages (file or npz member name). */
  readonly name?: string;
}

/**
 * Parses a `.npy` file. Supported dtypes: `<f4`, `<f8`, `<f2`, `|i1`, `|u1`, `<i2`, `<i4`, `<i8`,
 * `|b1`; C order only. The data must be exactly `prod(shape) * itemsize` bytes.
 *
 * ```ts
 * const npy = readNpy(bytes);
 * if (npy.dtype === 'float32') use(npy.data, npy.shape);
 * ```
 * @throws FormatError `E_NPY_INVALID` (malformed header, size mismatch, absurd shape),
 * `E_NPY_UNSUPPORTED` (big-endian, Fortran order, object/structured/other dtypes, unknown version).
 */
export function readNpy(bytes: Uint8Array, options: ReadNpyOptions = {}): NpyArray {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('readNpy expects a Uint8Array');
  try {
    return parse(bytes);
  } catch (error) {
    if (options.name !== undefined && error instanceof FormatError) {
      throw new FormatError(error.code, `${options.name}: ${error.message}`, {
        cause: error,
        details: error.details,
      });
    }
    throw error;
  }
}

function parse(bytes: Uint8Array): NpyArray {
  const { text, dataOffset } = readHeaderText(bytes);
  const header = parsePythonLiteral(text);
  if (!(header instanceof Map)) throw invalid('the header is not a dict');
  const keys = [...header.keys()].sort().join(',');
  if (keys !== 'descr,fortran_order,shape') {
    throw invalid(`the header keys are {${keys}}, expected exactly descr, fortran_order and shape`);
  }
  const descr = header.get('descr');
  if (typeof descr !== 'string') {
    throw unsupported('Structured .npy dtypes are not supported; save a plain numeric array.');
  }
  const fortran = header.get('fortran_order');
  if (typeof fortran !== 'boolean') throw invalid("'fortran_order' must be True or False");
  const shape = readShape(header.get('shape'));
  const info =
    NPY_DESCRS[descr] ??
    NPY_DESCRS[descr.replace(/^[=<|]/, '<')] ??
    NPY_DESCRS[descr.replace(/^[=<]/, '|')];
  if (info === undefined) {
    const why = descr.startsWith('>') ? 'big-endian data' : `dtype '${descr}'`;
    throw unsupported(
      `.npy ${why} is not supported; save little-endian float32/float64 (or int8/16/32/64, uint8, bool, float16), ` +
        "e.g. numpy.save(path, array.astype('<f4')).",
    );
  }
  if (fortran) {
    throw unsupported(
      'Fortran-ordered .npy arrays are not supported; save numpy.ascontiguousarray(array) instead.',
    );
  }
  const available = bytes.length - dataOffset;
  const count = elementCount(shape, Math.floor(available / info.size), info.size);
  if (count * info.size !== available) {
    throw invalid(
      `shape (${shape.join(', ')}) of ${descr} needs ${count * info.size} data bytes but the file holds ${available}`,
      {
        expected: count * info.size,
        actual: available,
      },
    );
  }
  const data = info.create(count);
  const target = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  target.set(bytes.subarray(dataOffset));
  if (!HOST_LITTLE_ENDIAN && info.size > 1) {
    for (let i = 0; i < target.length; i += info.size) target.subarray(i, i + info.size).reverse();
  }
  return { dtype: info.dtype, data, shape: Object.freeze(shape) } as NpyArray;
}
