/**
 * Inputs made from scratch (not mutations): the format's magic number followed by random
 * structure, so the deep paths of each reader see values no real file has (safetensors offsets
 * that overlap or leave the file, npy shapes of any size, RIFF chunks of any size, pickle opcode
 * soup).
 */
import fc from 'fast-check';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const u32 = (v: number) => new Uint8Array(Uint32Array.of(v >>> 0).buffer);
const concat = (parts: readonly Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const size = fc.oneof(
  fc.constantFrom(0, 1, 2, 15, 16, 18, 40, 0x7fffffff, 0xfffffffe, 0xffffffff),
  fc.nat(4096),
  fc.nat(),
);

const riffChunk = fc
  .record({
    id: fc.constantFrom('fmt ', 'data', 'LIST', 'ds64', 'fact', 'JUNK', 'RIFF'),
    declared: size,
    body: fc.uint8Array({ maxLength: 64 }),
  })
  .map(({ id, declared, body }) => concat([ascii(id), u32(declared), body]));

const fmtBody = fc
  .record({
    tag: fc.constantFrom(1, 3, 0xfffe, 2, 0),
    channels: fc.constantFrom(0, 1, 2, 64, 65, 65535),
    rate: fc.constantFrom(0, 1, 8000, 22050, 10_000_000, 0xffffffff),
    bits: fc.constantFrom(0, 1, 8, 12, 16, 24, 32, 64, 65535),
    blockAlign: fc.nat(65535),
  })
  .map(({ tag, channels, rate, bits, blockAlign }) => {
    const b = new DataView(new ArrayBuffer(16));
    b.setUint16(0, tag, true);
    b.setUint16(2, channels, true);
    b.setUint32(4, rate, true);
    b.setUint32(8, rate * channels, true);
    b.setUint16(12, blockAlign, true);
    b.setUint16(14, bits, true);
    return concat([ascii('fmt '), u32(16), new Uint8Array(b.buffer)]);
  });

const wav = fc
  .record({
    magic: fc.constantFrom('RIFF', 'RF64'),
    riffSize: size,
    chunks: fc.array(fc.oneof(riffChunk, fmtBody), { maxLength: 5 }),
  })
  .map(({ magic, riffSize, chunks }) =>
    concat([ascii(magic), u32(riffSize), ascii('WAVE'), ...chunks]),
  );

const npyHeader = fc
  .record({
    descr: fc.constantFrom(
      '<f4',
      '<f8',
      '<f2',
      '|i1',
      '|u1',
      '<i2',
      '<i4',
      '<i8',
      '|b1',
      '>f4',
      '|O',
      '<c8',
      '<U3',
      'V8',
    ),
    fortran: fc.boolean(),
    shape: fc.array(fc.oneof(fc.nat(100), fc.constantFrom(0, 2 ** 31, 2 ** 32, 2 ** 53, 1e21)), {
      maxLength: 5,
    }),
    data: fc.uint8Array({ maxLength: 256 }),
    version: fc.constantFrom(1, 2, 3, 4),
  })
  .map(({ descr, fortran, shape, data, version }) => {
    const dims = shape.map((d) => String(d)).join(', ') + (shape.length === 1 ? ',' : '');
    const text = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${dims}), }`;
    const header = ascii(text.padEnd(Math.ceil((text.length + 11) / 64) * 64 - 11, ' ') + '\n');
    const len =
      version === 1 ? Uint8Array.of(header.length & 0xff, header.length >> 8) : u32(header.length);
    return concat([
      Uint8Array.of(0x93),
      ascii('NUMPY'),
      Uint8Array.of(version, 0),
      len,
      header,
      data,
    ]);
  });

const safetensors = fc
  .record({
    tensors: fc.dictionary(
      fc.string({ minLength: 1, maxLength: 4 }),
      fc.record({
        dtype: fc.constantFrom(
          'F32',
          'F16',
          'BF16',
          'F64',
          'I64',
          'I32',
          'I16',
          'I8',
          'U8',
          'BOOL',
          'U16',
          'F8_E4M3',
          'X',
        ),
        shape: fc.array(fc.oneof(fc.nat(8), fc.constantFrom(2 ** 31, 2 ** 53)), { maxLength: 3 }),
        data_offsets: fc.tuple(
          fc.oneof(fc.nat(64), fc.constantFrom(2 ** 32, 2 ** 53)),
          fc.oneof(fc.nat(64), fc.constantFrom(2 ** 32, 2 ** 53)),
        ),
      }),
      { maxKeys: 4 },
    ),
    data: fc.uint8Array({ maxLength: 96 }),
    lie: fc.option(fc.constantFrom(0, 1, 7, 2 ** 31, 2 ** 32), { nil: undefined }),
  })
  .map(({ tensors, data, lie }) => {
    const header = new TextEncoder().encode(JSON.stringify(tensors));
    const length = new Uint8Array(new BigUint64Array([BigInt(lie ?? header.length)]).buffer);
    return concat([length, header, data]);
  });

const pickle = fc
  .record({
    protocol: fc.integer({ min: 0, max: 6 }),
    ops: fc.array(
      fc.oneof(
        fc.constantFrom(...'()]}ablstuN.0129eJKMhjqrRbcG'.split('').map((c) => ascii(c))),
        fc.constantFrom(
          ascii('cos\nsystem\n'),
          ascii('cbuiltins\neval\n'),
          ascii('ccollections\nOrderedDict\n'),
          ascii('ctorch._utils\n_rebuild_tensor_v2\n'),
        ),
        fc.uint8Array({ minLength: 1, maxLength: 6 }),
      ),
      { maxLength: 40 },
    ),
  })
  .map(({ protocol, ops }) => concat([Uint8Array.of(0x80, protocol), ...ops, ascii('.')]));

const zip = fc.uint8Array({ maxLength: 400 }).map((tail) => concat([ascii('PK\x03\x04'), tail]));

/** The from-scratch generator of a byte target, when it has one. */
export function fileGenerator(target: string): fc.Arbitrary<unknown> | undefined {
  switch (target) {
    case 'wav':
      return wav;
    case 'npy':
      return npyHeader;
    case 'safetensors':
      return safetensors;
    case 'pickle':
    case 'torch-legacy':
      return pickle;
    case 'npz':
    case 'torch-zip':
      return zip;
    case 'onnx':
    case 'onnx-session-node':
    case 'onnx-session-web':
      return fc.uint8Array({ maxLength: 512 });
    default:
      return undefined;
  }
}
