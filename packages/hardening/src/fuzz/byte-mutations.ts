/**
 * Mutations of real files, as fast-check arbitraries: byte overwrites, "interesting" integers
 * (0, -1, 2^31, 2^32 - 1, 2^63…) of every width at any offset, decimal numbers written into text
 * headers (npy, safetensors), truncation, insertion, deletion and block copies. Positions are
 * fractions of the length or offsets into the first 600 bytes (where headers live), so a mutation
 * applies to any seed.
 */
import fc from 'fast-check';

/** Where a mutation applies. */
export type Position = { readonly frac: number } | { readonly head: number };

/** One edit of a byte string. */
export type ByteEdit =
  | { readonly op: 'byte'; readonly at: Position; readonly value: number }
  | {
      readonly op: 'int';
      readonly at: Position;
      readonly width: 1 | 2 | 4 | 8;
      readonly value: bigint;
      readonly bigEndian: boolean;
    }
  | { readonly op: 'digits'; readonly at: Position; readonly text: string }
  | { readonly op: 'truncate'; readonly at: Position }
  | { readonly op: 'insert'; readonly at: Position; readonly bytes: Uint8Array }
  | { readonly op: 'delete'; readonly at: Position; readonly length: number }
  | {
      readonly op: 'copy';
      readonly from: Position;
      readonly to: Position;
      readonly length: number;
    };

/** A seed index (taken modulo the seed count) and the edits applied to it in order. */
export interface ByteMutation {
  readonly seed: number;
  readonly edits: readonly ByteEdit[];
}

const INTERESTING_INTEGERS: readonly bigint[] = [
  0n,
  1n,
  2n,
  7n,
  8n,
  0x7fn,
  0x80n,
  0xffn,
  0x100n,
  0x7fffn,
  0x8000n,
  0xffffn,
  0x10000n,
  0x7fffffffn,
  0x80000000n,
  0xfffffffen,
  0xffffffffn,
  0x100000000n,
  2n ** 53n,
  2n ** 63n - 1n,
  2n ** 64n - 1n,
];

const INTERESTING_DECIMALS: readonly string[] = [
  '0',
  '-1',
  '1',
  '65535',
  '65536',
  '2147483647',
  '2147483648',
  '4294967295',
  '4294967296',
  '9007199254740993',
  '99999999999999999999',
  '1e309',
  '-0',
  '00',
  'NaN',
  ',',
  ')',
  ']',
  '}',
  '"',
];

const position: fc.Arbitrary<Position> = fc.oneof(
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((frac) => ({ frac })),
  fc.nat(600).map((head) => ({ head })),
);

const edit: fc.Arbitrary<ByteEdit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('byte' as const), at: position, value: fc.nat(255) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('int' as const),
      at: position,
      width: fc.constantFrom(1 as const, 2 as const, 4 as const, 8 as const),
      value: fc.oneof(
        fc.constantFrom(...INTERESTING_INTEGERS),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      ),
      bigEndian: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('digits' as const),
      at: position,
      text: fc.oneof(fc.constantFrom(...INTERESTING_DECIMALS), fc.integer().map(String)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: position,
      bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      at: position,
      length: fc.integer({ min: 1, max: 64 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('copy' as const),
      from: position,
      to: position,
      length: fc.integer({ min: 1, max: 256 }),
    }),
  },
);

/** Mutations of 1 to 6 edits. */
export const byteMutation: fc.Arbitrary<ByteMutation> = fc.record({
  seed: fc.nat(),
  edits: fc.array(edit, { minLength: 1, maxLength: 6 }),
});

function offset(at: Position, length: number): number {
  if ('head' in at) return Math.min(at.head, length);
  return Math.floor(at.frac * length);
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

function integerBytes(value: bigint, width: number, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(width);
  for (let i = 0; i < width; i++)
    out[bigEndian ? width - 1 - i : i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return out;
}

function overwrite(bytes: Uint8Array, at: number, data: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out.set(data.subarray(0, Math.max(0, out.length - at)), at);
  return out;
}

/** Applies one edit; never throws, whatever the length. */
export function applyEdit(bytes: Uint8Array, e: ByteEdit): Uint8Array {
  const n = bytes.length;
  switch (e.op) {
    case 'byte':
      return n === 0
        ? bytes
        : overwrite(bytes, Math.min(offset(e.at, n), n - 1), Uint8Array.of(e.value));
    case 'int':
      return overwrite(bytes, offset(e.at, n), integerBytes(e.value, e.width, e.bigEndian));
    case 'digits':
      return overwrite(bytes, offset(e.at, n), new TextEncoder().encode(e.text));
    case 'truncate':
      return bytes.slice(0, offset(e.at, n));
    case 'insert':
      return splice(bytes, offset(e.at, n), 0, e.bytes);
    case 'delete': {
      const at = offset(e.at, n);
      return splice(bytes, at, Math.min(e.length, n - at), new Uint8Array(0));
    }
    case 'copy': {
      const from = offset(e.from, n);
      const block = bytes.slice(from, Math.min(n, from + e.length));
      return overwrite(bytes, offset(e.to, n), block);
    }
  }
}

/** The mutated input: the chosen seed with every edit applied. */
export function applyByteMutation(seeds: readonly Uint8Array[], m: ByteMutation): Uint8Array {
  return m.edits.reduce(applyEdit, seeds[m.seed % seeds.length]!);
}
