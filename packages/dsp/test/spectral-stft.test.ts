import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { istft, stft } from '../src/spectral/stft.js';
import { StftPlan } from '../src/spectral/stft-plan.js';
import { golden, maxAbsDiff, syntheticSignal } from './mel-fixtures.js';

const noise = (n: number, seed: number): Float32Array => {
  const x = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = s / 2 ** 32 - 0.5;
  }
  return x;
};

describe('stft', () => {
  it('matches torch.stft (win < nFft, centred constant padding, torchaudio normalisation)', () => {
    const x = syntheticSignal().subarray(1000, 1400);
    const spec = stft(x, {
      nFft: 64,
      hop: 16,
      win: 48,
      center: true,
      padMode: 'constant',
      normalized: true,
    });
    const ref = golden('stft_synthetic.npy');
    expect(ref.shape).toEqual([2, 33, spec.frames]);
    const half = ref.data.length / 2;
    expect(maxAbsDiff(spec.re, ref.data.subarray(0, half))).toBeLessThan(1e-5);
    expect(maxAbsDiff(spec.im, ref.data.subarray(half))).toBeLessThan(1e-5);
  });

  it('counts frames like torch.stft', () => {
    expect(stft(noise(1000, 1), { nFft: 256, hop: 64 }).frames).toBe(Math.floor(1000 / 64) + 1);
    expect(stft(noise(1000, 1), { nFft: 256, hop: 64, center: false }).frames).toBe(
      Math.floor((1000 - 256) / 64) + 1,
    );
    expect(stft(noise(1024, 1), { nFft: 1024, hop: 256, center: false, padding: 384 }).frames).toBe(
      4,
    );
  });

  it('is inverted exactly by istft whenever NOLA holds (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          logN: fc.integer({ min: 3, max: 9 }),
          winFrac: fc.double({ min: 0.5, max: 1, noNaN: true }),
          hopFrac: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
          center: fc.boolean(),
          reflect: fc.boolean(),
          padding: fc.integer({ min: 0, max: 40 }),
          normalized: fc.boolean(),
          window: fc.constantFrom('hann', 'hamming', 'blackman', 'rectangular' as const),
          extra: fc.integer({ min: 0, max: 300 }),
          seed: fc.integer({ min: 1, max: 1000 }),
        }),
        (p) => {
          const nFft = 2 ** p.logN + (p.seed % 3 === 0 ? 3 : 0); // also odd, non power-of-two sizes
          const win = Math.max(2, Math.round(nFft * p.winFrac));
          const hop = Math.max(1, Math.floor((win - 1) * p.hopFrac));
          // uncentred frames need HiFi-GAN-like padding, or the first samples meet only the window's zero
          const padding = p.center ? p.padding : Math.ceil(nFft / 2) + p.padding;
          const options = {
            nFft,
            hop,
            win,
            window: p.window,
            center: p.center,
            padding,
            padMode: p.reflect ? 'reflect' : 'constant',
            paddingMode: p.reflect ? 'reflect' : 'constant',
            normalized: p.normalized,
          } as const;
          const n = nFft + p.extra + 2 * padding + 1;
          const x = noise(n, p.seed);
          const spec = stft(x, options);
          const y = istft(spec, { ...options, length: n });
          const plan = new StftPlan(options);
          const natural = (spec.frames - 1) * hop + nFft - 2 * plan.offset;
          expect(maxAbsDiff(y.subarray(0, natural), x.subarray(0, natural))).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('pads istft output past the frames with zeros when asked for more', () => {
    const x = noise(2048, 3);
    const options = { nFft: 512, hop: 128 } as const;
    const y = istft(stft(x, options), { ...options, length: 2400 });
    expect(y.length).toBe(2400);
    expect(maxAbsDiff(y.subarray(0, 2048), x)).toBeLessThan(1e-5);
    expect(y.subarray(2048 + 256).every((v) => v === 0)).toBe(true);
  });

  it('throws typed errors for short signals, bad options and NOLA violations', () => {
    expect(() => stft(noise(100, 1), { nFft: 256, hop: 64 })).toThrowError(
      expect.objectContaining({ code: 'E_AUDIO_INVALID' }),
    );
    expect(() =>
      stft(noise(300, 1), { nFft: 1024, hop: 256, center: false, padding: 384 }),
    ).toThrowError(expect.objectContaining({ code: 'E_AUDIO_INVALID' }));
    expect(() => stft(noise(300, 1), { nFft: 0, hop: 1 })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => stft(noise(300, 1), { nFft: 64, hop: 8, win: 65 })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => stft([1, 2] as never, { nFft: 64, hop: 8 })).toThrow(TypeError);
    const options = { nFft: 64, hop: 64, center: false } as const;
    const spec = stft(noise(640, 1), options);
    expect(() => istft(spec, options)).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });
});
