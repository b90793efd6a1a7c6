import { HIFIGAN_PRESET } from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { counterUniform, keyedUniform, prngKey } from '../src/griffinlim/counter-prng.js';
import { griffinLim } from '../src/griffinlim/griffin-lim.js';
import { griffinLimPlugin } from '../src/griffinlim/plugin.js';
import { computeMel } from '../src/spectral/compute-mel.js';
import { stft } from '../src/spectral/stft.js';
import { ljClip, meanAbsDiff, syntheticSignal } from './mel-fixtures.js';

const OPTIONS = { nFft: 512, hop: 128 } as const;

/** |STFT| of a test signal, [bins][frames]. */
function magnitudeOf(x: Float32Array): { magnitude: Float32Array; frames: number } {
  const s = stft(x, OPTIONS);
  return { magnitude: s.re.map((r, i) => Math.hypot(r, s.im[i]!)), frames: s.frames };
}

/** Spectral convergence || |STFT(y)| - S || / || S ||. */
function inconsistency(y: Float32Array, target: Float32Array): number {
  const { magnitude } = magnitudeOf(y);
  let num = 0;
  let den = 0;
  for (let i = 0; i < target.length; i++) {
    num += (magnitude[i]! - target[i]!) ** 2;
    den += target[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

describe('counter-based PRNG', () => {
  it('is a pure function of (seed, counter), uniform on [0, 1)', () => {
    expect(counterUniform(7, 123)).toBe(counterUniform(7, 123));
    expect(keyedUniform(prngKey(7), 123)).toBe(counterUniform(7, 123));
    expect(counterUniform(7, 123)).not.toBe(counterUniform(8, 123));
    const bins = new Array<number>(16).fill(0);
    let sum = 0;
    const n = 160_000;
    for (let i = 0; i < n; i++) {
      const u = counterUniform(42, i);
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      bins[Math.floor(u * 16)]!++;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    const chi2 = bins.reduce((s, c) => s + (c - n / 16) ** 2 / (n / 16), 0);
    expect(chi2).toBeLessThan(37.7); // 15 degrees of freedom, p = 0.001
    // neighbouring counters and seeds are uncorrelated
    let cov = 0;
    for (let i = 0; i < 10_000; i++)
      cov +=
        (counterUniform(1, i) - 0.5) * (counterUniform(1, i + 1) - 0.5) +
        (counterUniform(1, i) - 0.5) * (counterUniform(2, i) - 0.5);
    expect(Math.abs(cov / 20_000)).toBeLessThan(0.005);
  });
});

describe('griffinLim', () => {
  const x = syntheticSignal(16_384);
  const { magnitude, frames } = magnitudeOf(x);

  it('converges: more iterations and momentum give a more consistent spectrogram', () => {
    const sc = (iterations: number, momentum: number) =>
      inconsistency(
        griffinLim(magnitude, frames, { ...OPTIONS, iterations, momentum, length: x.length }),
        magnitude,
      );
    const start = sc(0, 0.99);
    const classic = sc(32, 0);
    const fast8 = sc(8, 0.99);
    const fast32 = sc(32, 0.99);
    console.log(
      `[griffinlim] spectral convergence: start ${start.toFixed(3)}, classic 32 ${classic.toFixed(3)}, fast 8 ${fast8.toFixed(3)}, fast 32 ${fast32.toFixed(3)}`,
    );
    expect(fast8).toBeLessThan(start / 2);
    expect(fast32).toBeLessThan(fast8);
    expect(fast32).toBeLessThan(classic);
  });

  it('returns the zero-phase inverse for 0 iterations and zero phase, of the requested length', () => {
    const y = griffinLim(magnitude, frames, {
      ...OPTIONS,
      iterations: 0,
      initPhase: 'zero',
      length: 1000,
    });
    expect(y.length).toBe(1000);
    expect(Number.isFinite(y[500]!)).toBe(true);
    const z = griffinLim(magnitude, frames, { ...OPTIONS, iterations: 0, initPhase: 'zero' });
    expect(z.length).toBe((frames - 1) * OPTIONS.hop);
  });

  it('rejects bad sizes and options with typed errors', () => {
    expect(() => griffinLim(magnitude, frames + 1, OPTIONS)).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => griffinLim(magnitude, frames, { ...OPTIONS, iterations: -1 })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => griffinLim(magnitude, frames, { ...OPTIONS, momentum: 1.5 })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => griffinLim(magnitude, frames, { ...OPTIONS, seed: -1 })).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => griffinLim([1, 2] as never, 1, OPTIONS)).toThrow(TypeError);
  });
});

describe('griffinlim vocoder quality on real speech', () => {
  const clips = ['LJ001-0001', 'LJ001-0002'].map((c) => [c, ljClip(c)] as const);
  it.skipIf(clips.some(([, a]) => a === undefined))(
    'reaches a log-mel L1 under 0.12 at 32 iterations, lower at 64',
    async () => {
      const vocoder = await griffinLimPlugin.create();
      for (const [clip, audio] of clips) {
        const excerpt = audio!.subarray(0, 2 * 22016);
        const mel = computeMel(excerpt, HIFIGAN_PRESET);
        const errors: number[] = [];
        for (const iterations of [32, 64]) {
          const out = await vocoder.vocode(mel, { seed: 0, options: { iterations } });
          errors.push(meanAbsDiff(computeMel(out.samples, HIFIGAN_PRESET).data, mel.data));
        }
        console.log(
          `[griffinlim] ${clip} (2 s): log-mel L1 ${errors[0]!.toFixed(4)} at 32 iterations, ${errors[1]!.toFixed(4)} at 64`,
        );
        expect(errors[0]).toBeLessThan(0.12);
        expect(errors[1]).toBeLessThan(errors[0]!);
      }
    },
  );
});
