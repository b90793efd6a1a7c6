import { describe, expect, it } from 'vitest';
import { ZipArchive, loadTorchCheckpoint, loadWeights, readNpz } from '../src/index.js';
import { catchVocoderError, fixture } from './helpers/fixtures.js';

/** Index of the first occurrence of a 4-byte little-endian signature. */
function findSignature(bytes: Uint8Array, signature: number, from = 0): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = from; i + 4 <= bytes.length; i++)
    if (view.getUint32(i, true) === signature) return i;
  return -1;
}

describe('zip archive reading', () => {
  it('reads stored, deflated and Zip64 archives', () => {
    for (const name of [
      'synthetic-zip-p2.pt',
      'synthetic-deflated.pt',
      'synthetic-zip64.pt',
      'arrays-compressed.npz',
    ]) {
      const archive = new ZipArchive(fixture(name));
      expect(archive.entries.length, name).toBeGreaterThan(1);
      for (const entry of archive.entries)
        expect(archive.read(entry).length, entry.name).toBe(entry.uncompressedSize);
    }
  });

  it('an honest, highly compressible entry reads by default and respects maxTotalBytes', () => {
    const zeros = readNpz(fixture('hostile/zeros-8mb.npz'));
    expect(zeros.get('zeros')?.shape).toEqual([2 * 1024 * 1024]);
    catchVocoderError(
      () => readNpz(fixture('hostile/zeros-8mb.npz'), { maxTotalBytes: 1 << 20 }),
      'E_ZIP_BOMB',
    );
    catchVocoderError(
      () => loadWeights(fixture('hostile/zeros-8mb.npz'), { maxBytes: 1 << 20 }),
      'E_ZIP_BOMB',
    );
  });
});

describe('zip hardening', () => {
  it('rejects entry names that escape the archive', () => {
    for (const name of ['hostile/traversal-dotdot.zip', 'hostile/traversal-absolute.zip']) {
      catchVocoderError(() => loadTorchCheckpoint(fixture(name)), 'E_PATH_TRAVERSAL');
      catchVocoderError(() => loadWeights(fixture(name)), 'E_PATH_TRAVERSAL');
    }
    const error = catchVocoderError(
      () => readNpz(fixture('hostile/traversal-dotdot.npz')),
      'E_PATH_TRAVERSAL',
    );
    expect(error.details?.['name']).toBe('../x.npy');
  });

  it('stops inflating when an entry expands past its declared size', () => {
    catchVocoderError(() => readNpz(fixture('hostile/bomb-lying-size.npz')), 'E_ZIP_BOMB');
  });

  it('refuses absurd declared expansion ratios before inflating anything', () => {
    const error = catchVocoderError(
      () =>
        new ZipArchive(fixture('hostile/bomb-ratio.npz'), {
          maxEntryBytes: 4e9,
          maxTotalBytes: 4e9,
        }),
      'E_ZIP_BOMB',
    );
    expect(error.message).toContain('maxRatio');
    catchVocoderError(() => readNpz(fixture('hostile/bomb-ratio.npz')), 'E_ZIP_BOMB');
  });

  it('refuses overlapping entries (non-recursive zip bombs)', () => {
    catchVocoderError(() => readNpz(fixture('hostile/bomb-overlap.npz')), 'E_ZIP_BOMB');
  });

  it('detects corrupt data through the CRC', () => {
    const bytes = fixture('arrays.npz').slice();
    const local = findSignature(bytes, 0x04034b50);
    const dataStart = local + 30 + bytes[local + 26]! + bytes[local + 28]!;
    bytes[dataStart + 80] = bytes[dataStart + 80]! ^ 0xff;
    catchVocoderError(() => readNpz(bytes), 'E_ZIP_INVALID');
  });

  it('rejects a local header that names another file', () => {
    const bytes = fixture('arrays.npz').slice();
    const local = findSignature(bytes, 0x04034b50);
    bytes[local + 30] = 0x5a; // first letter of the local name
    catchVocoderError(() => readNpz(bytes), 'E_ZIP_INVALID');
  });

  const arrays = fixture('arrays.npz');
  const eocd = findSignature(arrays, 0x06054b50);
  const central = findSignature(arrays, 0x02014b50);
  const corruptions: [string, (b: Uint8Array, v: DataView) => void][] = [
    ['central directory offset past the end', (_b, v) => v.setUint32(eocd + 16, 0x7fffffff, true)],
    ['entry count larger than the directory', (_b, v) => v.setUint16(eocd + 10, 5000, true)],
    ['corrupt central signature', (b) => (b[central] = 0)],
    ['multi-disk', (_b, v) => v.setUint16(eocd + 4, 1, true)],
    ['Zip64 marker without Zip64 record', (_b, v) => v.setUint32(eocd + 16, 0xffffffff, true)],
    ['unsupported compression method', (_b, v) => v.setUint16(central + 10, 12, true)],
    ['encrypted entry', (_b, v) => v.setUint16(central + 8, 1, true)],
    ['stored entry with different sizes', (_b, v) => v.setUint32(central + 20, 3, true)],
    ['local header offset past the end', (_b, v) => v.setUint32(central + 42, 0x00ffffff, true)],
  ];
  it.each(corruptions)('rejects a malformed archive: %s', (_label, mutate) => {
    const copy = arrays.slice();
    mutate(copy, new DataView(copy.buffer));
    catchVocoderError(() => readNpz(copy), 'E_ZIP_INVALID');
  });

  it('rejects truncated archives and lone magic numbers', () => {
    catchVocoderError(() => readNpz(arrays.subarray(0, arrays.length - 10)), 'E_ZIP_INVALID');
    catchVocoderError(() => readNpz(new Uint8Array([0x50, 0x4b, 3, 4])), 'E_ZIP_INVALID');
  });

  it('rejects too many entries and invalid limits', () => {
    catchVocoderError(() => new ZipArchive(fixture('arrays.npz'), { maxEntries: 2 }), 'E_ZIP_BOMB');
    catchVocoderError(
      () => new ZipArchive(fixture('arrays.npz'), { maxRatio: -1 }),
      'E_INVALID_ARGUMENT',
    );
  });
});
