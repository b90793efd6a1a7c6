import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bfloat16ToFloat,
  halfToFloat,
  isTensorData,
  makeTensorData,
  toFloat32,
  type TensorData,
} from '../src/index.js';

describe('TensorData', () => {
  it('makeTensorData checks the array type and length', () => {
    expect(isTensorData(makeTensorData('int16', [2, 1], new Int16Array(2)))).toBe(true);
    expect(() => makeTensorData('float32', [3], new Float32Array(2))).toThrow(TypeError);
    expect(() =>
      makeTensorData('float32', [2], new Float64Array(2) as unknown as Float32Array),
    ).toThrow(TypeError);
    expect(() => makeTensorData('float32', [-1], new Float32Array(0))).toThrow(TypeError);
    expect(isTensorData({ dtype: 'float32', shape: [1], data: [1] })).toBe(false);
  });

  it('toFloat32 converts every dtype', () => {
    const cases: [TensorData, number[]][] = [
      [
        makeTensorData('float16', [3], new Uint16Array([0x3c00, 0xc000, 0x0001])) as TensorData,
        [1, -2, 2 ** -24],
      ],
      [makeTensorData('bfloat16', [2], new Uint16Array([0x3f80, 0xc0a0])) as TensorData, [1, -5]],
      [
        makeTensorData('int64', [2], new BigInt64Array([-3n, 1n << 40n])) as TensorData,
        [-3, 2 ** 40],
      ],
      [makeTensorData('bool', [2], new Uint8Array([1, 0])) as TensorData, [1, 0]],
      [makeTensorData('float64', [1], new Float64Array([0.1])) as TensorData, [Math.fround(0.1)]],
    ];
    for (const [tensor, expected] of cases)
      expect([...toFloat32(tensor)], tensor.dtype).toEqual(expected);
    const f = makeTensorData('float32', [1], new Float32Array([2])) as TensorData;
    expect(toFloat32(f)).toBe(f.data);
  });

  it('half and bfloat16 decoding agree with float32 for every exactly representable value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (bits) => {
        const h = halfToFloat(bits);
        if (Number.isNaN(h)) expect((bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0).toBe(true);
        else expect(Math.fround(h)).toBe(h);
        const b = bfloat16ToFloat(bits);
        const f = new Float32Array(new Uint32Array([bits << 16]).buffer)[0] as number;
        expect(Object.is(b, f) || (Number.isNaN(b) && Number.isNaN(f))).toBe(true);
      }),
    );
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0xfbff)).toBe(-65504);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
  });
});
