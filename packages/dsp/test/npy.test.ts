import { readFileSync } from 'node:fs';
import { HIFIGAN_PRESET, deriveConvention } from '@voirs/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  audioFromNpy,
  melFromNpy,
  parsePythonLiteral,
  readNpy,
  writeNpy,
  type NpyArray,
} from '../src/io/index.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/npy/${name}`, import.meta.url)));
/** The formula tools/reference/dsp_npy_fixtures.py used: value(i) = (i % 17 - 8) / 8. */
const ramp = (n: number) => Array.from({ length: n }, (_, i) => ((i % 17) - 8) / 8);
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? `not a VocoderError: ${String(error)}`;
  }
  return 'no error';
};

/** Builds a v1.0 .npy from a raw header dict string and data bytes. */
function rawNpy(
  dict: string,
  data: Uint8Array = new Uint8Array(0),
  magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0],
) {
  const header = dict + '\n';
  const out = new Uint8Array(10 + header.length + data.length);
  out.set(magic);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(data, 10 + header.length);
  return out;
}

describe('readNpy on numpy-written files', () => {
  it('reads float32/float64 in versions 1.0, 2.0 and 3.0', () => {
    for (const name of ['f4-2x3.npy', 'f4-v2-2x3.npy', 'f4-v3-2x3.npy']) {
      const npy = readNpy(fixture(name));
      expect(npy.dtype).toBe('float32');
      expect(npy.shape).toEqual([2, 3]);
      expect(Array.from(npy.data as Float32Array)).toEqual(ramp(6));
    }
    const f8 = readNpy(fixture('f8-5.npy'));
    expect(f8.dtype).toBe('float64');
    expect(Array.from(f8.data as Float64Array)).toEqual(ramp(5));
  });

  it('reads scalars, empty arrays and the integer, bool and float16 dtypes', () => {
    expect(readNpy(fixture('f4-scalar.npy'))).toMatchObject({
      shape: [],
      data: Float32Array.of(0.5),
    });
    expect(readNpy(fixture('f4-empty-0x3.npy'))).toMatchObject({
      shape: [0, 3],
      data: new Float32Array(0),
    });
    expect(readNpy(fixture('i2-4.npy')).data).toEqual(Int16Array.of(-32768, -1, 0, 32767));
    expect(readNpy(fixture('i4-3.npy')).data).toEqual(Int32Array.of(-(2 ** 31), 0, 2 ** 31 - 1));
    expect(readNpy(fixture('i8-3.npy')).data).toEqual(
      BigInt64Array.of(-(2n ** 63n), 0n, 2n ** 63n - 1n),
    );
    expect(readNpy(fixture('u1-3.npy'))).toMatchObject({
      dtype: 'uint8',
      data: Uint8Array.of(0, 128, 255),
    });
    expect(readNpy(fixture('b1-3.npy'))).toMatchObject({
      dtype: 'bool',
      data: Uint8Array.of(1, 0, 1),
    });
    // IEEE half bits of 1.0, -2.0, 0.5
    expect(readNpy(fixture('f2-3.npy'))).toMatchObject({
      dtype: 'float16',
      data: Uint16Array.of(0x3c00, 0xc000, 0x3800),
    });
  });

  it('copies the data: the result does not alias the input, even at odd offsets', () => {
    const bytes = fixture('f4-2x3.npy');
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const npy = readNpy(shifted.subarray(1));
    expect(Array.from(npy.data as Float32Array)).toEqual(ramp(6));
    shifted.fill(0);
    expect(Array.from(npy.data as Float32Array)).toEqual(ramp(6));
  });

  it('refuses big-endian, Fortran order, complex and structured dtypes with E_NPY_UNSUPPORTED', () => {
    for (const name of [
      'f4-bigendian-2x3.npy',
      'f4-fortran-2x3.npy',
      'c8-2.npy',
      'structured-2.npy',
    ]) {
      expect(
        code(() => readNpy(fixture(name))),
        name,
      ).toBe('E_NPY_UNSUPPORTED');
    }
    expect(() => readNpy(fixture('f4-bigendian-2x3.npy'))).toThrow(/big-endian.*astype\('<f4'\)/);
    expect(() => readNpy(fixture('f4-fortran-2x3.npy'))).toThrow(/ascontiguousarray/);
  });
});

describe('readNpy hardening', () => {
  const f4 = (shape: string, bytes = 0) =>
    rawNpy(`{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`, new Uint8Array(bytes));

  it('checks the data size exactly, both ways', () => {
    expect(readNpy(f4('(2, 3)', 24)).shape).toEqual([2, 3]);
    expect(code(() => readNpy(f4('(2, 3)', 20)))).toBe('E_NPY_INVALID');
    expect(code(() => readNpy(f4('(2, 3)', 28)))).toBe('E_NPY_INVALID');
  });

  it('rejects absurd shapes without allocating them', () => {
    expect(code(() => readNpy(f4('(4294967295, 4294967295, 4294967295)', 8)))).toBe(
      'E_NPY_INVALID',
    );
    expect(code(() => readNpy(f4('(99999999999999999999999,)', 8)))).toBe('E_NPY_INVALID');
    expect(code(() => readNpy(f4('(-1,)', 8)))).toBe('E_NPY_INVALID');
    // a zero dimension makes the rest irrelevant, as in numpy
    expect(readNpy(f4('(0, 9007199254740991)')).data.length).toBe(0);
  });

  it('parses Python 2 headers (3L) and rejects anything that is not a plain literal', () => {
    expect(readNpy(f4('(2L, 3L)', 24)).shape).toEqual([2, 3]);
    expect(
      code(() =>
        readNpy(
          rawNpy(
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}",
            new Uint8Array(4),
          ),
        ),
      ),
    ).toBe('E_NPY_INVALID');
    expect(
      code(() =>
        readNpy(rawNpy("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}", new Uint8Array(4))),
      ),
    ).toBe('E_NPY_INVALID');
    expect(
      code(() =>
        readNpy(rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': __import__('os')}")),
      ),
    ).toBe('E_NPY_INVALID');
    expect(
      code(() => readNpy(rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1.5,)}"))),
    ).toBe('E_NPY_INVALID');
    expect(code(() => readNpy(rawNpy(`{'descr': ${'['.repeat(5000)}`)))).toBe('E_NPY_INVALID');
    expect(
      code(() =>
        readNpy(
          rawNpy("{'descr': '|O', 'fortran_order': False, 'shape': (1,)}", new Uint8Array(8)),
        ),
      ),
    ).toBe('E_NPY_UNSUPPORTED');
  });

  it('rejects bad magic, versions and header lengths', () => {
    expect(code(() => readNpy(new Uint8Array(0)))).toBe('E_NPY_INVALID');
    expect(code(() => readNpy(new TextEncoder().encode('PK\x03\x04 this is a zip')))).toBe(
      'E_NPY_INVALID',
    );
    const v9 = rawNpy(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (0,)}",
      undefined,
      [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 9, 0],
    );
    expect(code(() => readNpy(v9))).toBe('E_NPY_UNSUPPORTED');
    const long = f4('(0,)');
    new DataView(long.buffer).setUint16(8, 65535, true);
    expect(code(() => readNpy(long))).toBe('E_NPY_INVALID');
    expect(() => readNpy(long, { name: 'weights.npz/w.npy' })).toThrow(/^weights\.npz\/w\.npy: /);
  });

  it('throws TypeError for non-bytes', () => {
    expect(() => readNpy('x' as never)).toThrow(TypeError);
  });
});

describe('parsePythonLiteral', () => {
  it('parses tuples, lists, nested dicts and escapes', () => {
    const v = parsePythonLiteral(
      `{"a": (1,), 'b': [True, None, -2], 'c': {'d': 'x\\'y'}, 'e': (), 'f': (7)}`,
    ) as Map<string, unknown>;
    expect(v.get('a')).toEqual([1n]);
    expect(v.get('b')).toEqual([true, null, -2n]);
    expect((v.get('c') as Map<string, unknown>).get('d')).toBe("x'y");
    expect(v.get('e')).toEqual([]);
    expect(v.get('f')).toBe(7n);
    for (const bad of [
      "{'a': 1, 'a': 2}",
      '{1: 2}',
      "{'a' 1}",
      "{'a': 1} x",
      "'unterminated",
      '1e3',
      'Truex',
    ]) {
      expect(
        code(() => parsePythonLiteral(bad)),
        bad,
      ).toBe('E_NPY_INVALID');
    }
  });
});

describe('parsePythonLiteral under random input (property)', () => {
  it('returns a literal or throws E_NPY_INVALID, never anything else', () => {
    const alphabet = fc.constantFrom(...'{}()[]\',:\\ \n"0123456789-LTrueFalsNon_x.'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 60 }), (text) => {
        const result = code(() => parsePythonLiteral(text));
        expect(['no error', 'E_NPY_INVALID']).toContain(result);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('writeNpy', () => {
  it('writes the bytes numpy.save writes', () => {
    const cases: [string, Parameters<typeof writeNpy>[0], number[]][] = [
      ['f4-2x3.npy', Float32Array.from(ramp(6)), [2, 3]],
      ['f8-5.npy', Float64Array.from(ramp(5)), [5]],
      ['f4-mel-80x4.npy', Float32Array.from(ramp(320)), [80, 4]],
      ['f4-mel-1x80x4.npy', Float32Array.from(ramp(320)), [1, 80, 4]],
      ['f4-scalar.npy', Float32Array.of(0.5), []],
      ['f4-empty-0x3.npy', new Float32Array(0), [0, 3]],
      ['i2-4.npy', Int16Array.of(-32768, -1, 0, 32767), [4]],
      ['i4-3.npy', Int32Array.of(-(2 ** 31), 0, 2 ** 31 - 1), [3]],
      ['i8-3.npy', BigInt64Array.of(-(2n ** 63n), 0n, 2n ** 63n - 1n), [3]],
      ['u1-3.npy', Uint8Array.of(0, 128, 255), [3]],
    ];
    for (const [name, data, shape] of cases)
      expect(writeNpy(data, shape), name).toEqual(fixture(name));
  });

  it('round-trips float32 and float64 arrays of any shape (property)', () => {
    const shapes = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 });
    fc.assert(
      fc.property(shapes, fc.boolean(), fc.integer(), (shape, wide, seed) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const values = Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.7) * 1e3);
        const data = wide ? Float64Array.from(values) : Float32Array.from(values);
        const bytes = writeNpy(data, shape);
        expect(bytes.length % 64).toBe(data.byteLength % 64);
        const back = readNpy(bytes);
        expect(back.shape).toEqual(shape);
        expect(back.dtype).toBe(wide ? 'float64' : 'float32');
        expect(back.data).toEqual(data);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects shapes that do not match the data', () => {
    expect(code(() => writeNpy(new Float32Array(6), [4]))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => writeNpy(new Float32Array(6), [2, -3]))).toBe('E_INVALID_ARGUMENT');
    expect(() => writeNpy([1, 2] as never, [2])).toThrow(TypeError);
  });
});

describe('melFromNpy and audioFromNpy', () => {
  it('accepts [n_mels, frames] and [1, n_mels, frames]', () => {
    for (const name of ['f4-mel-80x4.npy', 'f4-mel-1x80x4.npy']) {
      const mel = melFromNpy(readNpy(fixture(name)), HIFIGAN_PRESET);
      expect(mel).toMatchObject({ nMels: 80, frames: 4, convention: HIFIGAN_PRESET });
      expect(Array.from(mel.data)).toEqual(ramp(320));
    }
    const f64 = readNpy(writeNpy(new Float64Array(80 * 2).fill(-3), [80, 2]));
    expect(melFromNpy(f64, HIFIGAN_PRESET).data).toEqual(new Float32Array(160).fill(-3));
  });

  it('explains transposed and otherwise misshaped mels', () => {
    const transposed = readNpy(writeNpy(new Float32Array(4 * 80), [4, 80]));
    expect(() => melFromNpy(transposed, HIFIGAN_PRESET)).toThrow(/looks transposed/);
    expect(code(() => melFromNpy(transposed, HIFIGAN_PRESET))).toBe('E_MEL_SHAPE');
    expect(
      code(() => melFromNpy(readNpy(writeNpy(new Float32Array(80), [80])), HIFIGAN_PRESET)),
    ).toBe('E_MEL_SHAPE');
    expect(
      code(() => melFromNpy(readNpy(writeNpy(new Float32Array(0), [80, 0])), HIFIGAN_PRESET)),
    ).toBe('E_MEL_SHAPE');
    const conv100 = deriveConvention(HIFIGAN_PRESET, { name: 'n100', nMels: 100 });
    expect(
      code(() => melFromNpy(readNpy(writeNpy(new Float32Array(80 * 3), [80, 3])), conv100)),
    ).toBe('E_MEL_SHAPE');
    const nan = new Float32Array(160);
    nan[5] = Number.NaN;
    expect(code(() => melFromNpy(readNpy(writeNpy(nan, [80, 2])), HIFIGAN_PRESET))).toBe(
      'E_MEL_NONFINITE',
    );
    expect(code(() => melFromNpy(readNpy(fixture('i2-4.npy')), HIFIGAN_PRESET))).toBe(
      'E_MEL_SHAPE',
    );
    expect(
      code(() => melFromNpy(readNpy(writeNpy(new Int16Array(160), [80, 2])), HIFIGAN_PRESET)),
    ).toBe('E_NPY_UNSUPPORTED');
  });

  it('reads mono audio from [N], [1, N] and int16', () => {
    const a = audioFromNpy(readNpy(fixture('f8-5.npy')), 22050);
    expect(a).toMatchObject({ sampleRate: 22050, channels: 1 });
    expect(Array.from(a.samples)).toEqual(ramp(5));
    expect(audioFromNpy(readNpy(writeNpy(new Float32Array(7), [1, 7])), 16000).samples.length).toBe(
      7,
    );
    expect(Array.from(audioFromNpy(readNpy(fixture('i2-4.npy')), 8000).samples)).toEqual([
      -1,
      -1 / 32768,
      0,
      32767 / 32768,
    ]);
    expect(code(() => audioFromNpy(readNpy(fixture('f4-2x3.npy')), 8000))).toBe('E_AUDIO_INVALID');
    expect(code(() => audioFromNpy(readNpy(fixture('f8-5.npy')), 0))).toBe('E_SAMPLE_RATE');
  });
});

describe('readNpy under random corruption (property)', () => {
  const valid: NpyArray[] = [];
  const seeds = [
    'f4-2x3.npy',
    'f8-5.npy',
    'f4-v2-2x3.npy',
    'f4-v3-2x3.npy',
    'i8-3.npy',
    'f4-mel-80x4.npy',
  ].map(fixture);
  it('either parses or throws a VocoderError with a code, and never allocates beyond the input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        (which, edits, cut) => {
          const bytes = seeds[which]!.slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const input = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
          try {
            const npy = readNpy(input);
            expect(npy.data.byteLength).toBeLessThanOrEqual(input.length);
            valid.push(npy);
          } catch (error) {
            expect(error, String(error)).toHaveProperty('code');
            expect(String((error as { code: string }).code)).toMatch(
              /^E_NPY_(INVALID|UNSUPPORTED)$/,
            );
          }
        },
      ),
      { numRuns: 3000 },
    );
    expect(valid.length).toBeGreaterThan(0);
  });
});
