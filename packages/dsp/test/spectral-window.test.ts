import { describe, expect, it } from 'vitest';
import { besselI0, createWindow } from '../src/spectral/window.js';
import { golden, maxAbsDiff } from './mel-fixtures.js';

describe('createWindow', () => {
  it('matches torch.*_window for every type, periodic and symmetric', () => {
    const ref = golden('windows.npy');
    expect(ref.shape).toEqual([10, 16]);
    const types = ['hann', 'hamming', 'blackman', 'bartlett', 'kaiser'] as const;
    [true, false].forEach((periodic, p) => {
      types.forEach((type, i) => {
        const row = ref.data.subarray((p * 5 + i) * 16, (p * 5 + i + 1) * 16);
        expect(
          maxAbsDiff(createWindow(type, 16, { periodic }), row),
          `${type} periodic=${periodic}`,
        ).toBeLessThan(1e-6);
      });
    });
  });

  it('has the textbook values', () => {
    const hann4 = createWindow('hann', 4);
    [0, 0.5, 1, 0.5].forEach((v, i) => expect(hann4[i]).toBeCloseTo(v, 12));
    const symmetric = createWindow('hann', 5, { periodic: false });
    [0, 0.5, 1, 0.5, 0].forEach((v, i) => expect(symmetric[i]).toBeCloseTo(v, 12));
    expect(createWindow('rectangular', 3)).toEqual(new Float64Array([1, 1, 1]));
    expect(createWindow('hann', 1)).toEqual(new Float64Array([1]));
    expect(besselI0(0)).toBe(1);
    expect(besselI0(1)).toBeCloseTo(1.2660658777520082, 14);
  });

  it('rejects bad arguments', () => {
    expect(() => createWindow('hann', 0)).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => createWindow('gauss' as never, 8)).toThrow(TypeError);
    expect(() => createWindow('kaiser', 8, { beta: -1 })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });
});
