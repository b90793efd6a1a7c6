import { describe, expect, it } from 'vitest';
import { estoi, stoi } from '../src/index.js';
import { add, codeOf, ljspeech, mono, noise, rmsOf } from './signals.js';

/** Speech-like test signal: a gliding harmonic complex, syllable-rate envelope, pauses. */
function speechLike(sr: number, seconds = 3): Float32Array {
  const n = Math.round(sr * seconds);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    const f0 = 120 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
    phase += (2 * Math.PI * f0) / sr;
    const envelope =
      Math.max(0, Math.sin(2 * Math.PI * 3 * t)) ** 2 *
      (Math.sin(2 * Math.PI * 0.4 * t) > -0.3 ? 1 : 0);
    let v = 0;
    for (let h = 1; h <= 20; h++) v += Math.sin(h * phase) / h;
    out[i] = 0.2 * envelope * v;
  }
  return out;
}

const withNoise = (x: Float32Array, snrDb: number, seed = 1) => {
  const n = noise(x.length, seed);
  return add(x, n, rmsOf(x) / rmsOf(n) / 10 ** (snrDb / 20));
};

describe('STOI and ESTOI', () => {
  const sr = 16000;
  const x = speechLike(sr);

  it('are 1 for identical signals and for a scaled copy (STOI normalises energy)', () => {
    expect(stoi(mono(x, sr), mono(x, sr))).toBeCloseTo(1, 6);
    expect(estoi(mono(x, sr), mono(x, sr))).toBeCloseTo(1, 6);
    expect(
      stoi(
        mono(x, sr),
        mono(
          x.map((v) => 0.3 * v),
          sr,
        ),
      ),
    ).toBeCloseTo(1, 6);
  });

  it('fall monotonically as noise is added', () => {
    const levels = [30, 15, 5, 0, -5, -10];
    for (const fn of [stoi, estoi]) {
      const scores = levels.map((db) => fn(mono(x, sr), mono(withNoise(x, db), sr)));
      for (let i = 1; i < scores.length; i++)
        expect(scores[i]!, `${fn.name} at ${levels[i]} dB`).toBeLessThan(scores[i - 1]!);
      expect(scores[0]).toBeGreaterThan(fn === stoi ? 0.95 : 0.8);
      expect(scores[scores.length - 1]).toBeLessThan(0.8);
    }
  });

  it('ignore leading silence (removed frames) and are nearly unchanged by trailing silence', () => {
    const y = withNoise(x, 5);
    const pad = (s: Float32Array, before: number, after: number) => {
      const out = new Float32Array(before + s.length + after);
      out.set(s, before);
      return out;
    };
    const base = stoi(mono(x, 10000), mono(y, 10000));
    expect(stoi(mono(pad(x, 128 * 40, 0), 10000), mono(pad(y, 128 * 40, 0), 10000))).toBeCloseTo(
      base,
      9,
    );
    expect(stoi(mono(pad(x, 0, 20000), 10000), mono(pad(y, 0, 20000), 10000))).toBeCloseTo(base, 2);
  });

  it('need 30 frames of non-silent reference and matching inputs', () => {
    const short = x.subarray(0, 4000);
    expect(codeOf(() => stoi(mono(short, 10000), mono(short, 10000)))).toBe('E_METRIC_INPUT');
    expect(codeOf(() => stoi(mono(x, sr), mono(x.subarray(1), sr)))).toBe('E_METRIC_INPUT');
    expect(codeOf(() => stoi(mono(x, sr), mono(x, 22050)))).toBe('E_METRIC_INPUT');
    expect(codeOf(() => stoi(mono(new Float32Array(0), sr), mono(new Float32Array(0), sr)))).toBe(
      'E_METRIC_INPUT',
    );
  });

  const clip = ljspeech();
  it.skipIf(!clip)('rate real speech: clean 1, noisy lower, at 22.05 kHz', () => {
    const ref = clip!;
    const noisy = mono(withNoise(ref.samples, 0, 3), ref.sampleRate);
    const s = stoi(ref, noisy);
    const e = estoi(ref, noisy);
    expect(stoi(ref, ref)).toBeCloseTo(1, 6);
    expect(stoi(ref, mono(withNoise(ref.samples, 30, 4), ref.sampleRate))).toBeGreaterThan(0.97);
    expect(s).toBeGreaterThan(0.6);
    expect(s).toBeLessThan(0.9);
    expect(e).toBeLessThan(s);
  });
});
