import { createAudioBuffer, type AudioBuffer } from '@voirs/core';
import { biquadResponse } from '@voirs/dsp';
import { describe, expect, it } from 'vitest';
import {
  K_HIGHPASS_48K,
  K_SHELF_48K,
  deriveKWeighting,
  integratedLoudness,
  kWeighting,
  loudness,
  loudnessRange,
  momentaryLoudness,
  shortTermLoudness,
  truePeakDb,
} from '../src/index.js';
import { codeOf, tone } from './signals.js';

/** Interleaved 1 kHz sines, one level (dBFS peak) per channel, segment by segment. */
function sines(
  sr: number,
  segments: Array<[seconds: number, levelsDb: number[]]>,
  freq = 997,
): AudioBuffer {
  const channels = segments[0]![1].length;
  const total = segments.reduce((s, [sec]) => s + Math.round(sec * sr), 0);
  const out = new Float32Array(total * channels);
  let at = 0;
  for (const [sec, levels] of segments) {
    const n = Math.round(sec * sr);
    for (let i = 0; i < n; i++) {
      const v = Math.sin((2 * Math.PI * freq * (at + i)) / sr);
      for (let c = 0; c < channels; c++) out[(at + i) * channels + c] = 10 ** (levels[c]! / 20) * v;
    }
    at += n;
  }
  return createAudioBuffer(out, sr, channels);
}

describe('K-weighting', () => {
  it('uses the BS.1770-4 table at 48 kHz, and the derivation reproduces it', () => {
    expect(kWeighting(48000)).toEqual([K_SHELF_48K, K_HIGHPASS_48K]);
    const [shelf, hp] = deriveKWeighting(48000);
    for (const key of ['b0', 'b1', 'b2', 'a1', 'a2'] as const) {
      expect(shelf[key]).toBeCloseTo(K_SHELF_48K[key], 8);
      expect(hp[key]).toBeCloseTo(K_HIGHPASS_48K[key], 8);
    }
  });

  it('has the +0.691 dB gain at 997 Hz that the -0.691 constant cancels, at every rate', () => {
    for (const sr of [16000, 22050, 44100, 48000, 96000]) {
      const gainDb = biquadResponse(kWeighting(sr), 997, sr).magnitudeDb;
      expect(gainDb - 0.691, `at ${sr} Hz`).toBeCloseTo(0, 1);
    }
    // the derived response matches the table's at 48 kHz across the band
    for (const f of [20, 100, 1000, 4000, 10000, 20000]) {
      expect(biquadResponse(deriveKWeighting(44100), f, 44100).magnitudeDb).toBeCloseTo(
        biquadResponse(kWeighting(48000), f, 48000).magnitudeDb,
        1,
      );
    }
  });
});

describe('integrated loudness (EBU Tech 3341 signals)', () => {
  it('reads -23 LUFS for a stereo 1 kHz sine at -23 dBFS, and -33 for -33 dBFS', () => {
    expect(integratedLoudness(sines(48000, [[20, [-23, -23]]]))).toBeCloseTo(-23, 1);
    expect(integratedLoudness(sines(48000, [[20, [-33, -33]]]))).toBeCloseTo(-33, 1);
  });

  it('reads the level minus 3.01 dB for a mono sine, at 44.1 and 16 kHz too (derived filters)', () => {
    expect(integratedLoudness(sines(48000, [[5, [-20]]]))).toBeCloseTo(-23.01, 1);
    expect(integratedLoudness(sines(44100, [[5, [-20]]]))).toBeCloseTo(-23.01, 1);
    expect(integratedLoudness(sines(16000, [[5, [-20]]]))).toBeCloseTo(-23.01, 1);
  });

  it('gates: quiet lead-in/out does not pull the level down (tests 3, 4, 5)', () => {
    const sr = 16000;
    expect(
      integratedLoudness(
        sines(sr, [
          [10, [-36, -36]],
          [60, [-23, -23]],
          [10, [-36, -36]],
        ]),
      ),
    ).toBeCloseTo(-23, 1);
    expect(
      integratedLoudness(
        sines(sr, [
          [10, [-72, -72]],
          [10, [-36, -36]],
          [60, [-23, -23]],
          [10, [-36, -36]],
          [10, [-72, -72]],
        ]),
      ),
    ).toBeCloseTo(-23, 1);
    // the spec's tolerance is +-0.1 LU; blocks straddling the level steps cost ~0.05 LU here
    expect(
      Math.abs(
        integratedLoudness(
          sines(sr, [
            [20, [-26, -26]],
            [20.1, [-20, -20]],
            [20, [-26, -26]],
          ]),
        ) + 23,
      ),
    ).toBeLessThan(0.1);
  });

  it('weights 5.0 surround channels by 1.41 (test 6)', () => {
    expect(integratedLoudness(sines(16000, [[20, [-28, -28, -24, -30, -30]]]))).toBeCloseTo(-23, 1);
  });

  it('is -Infinity for silence and needs one 400 ms block', () => {
    expect(integratedLoudness(createAudioBuffer(new Float32Array(48000), 48000))).toBe(-Infinity);
    expect(codeOf(() => integratedLoudness(createAudioBuffer(new Float32Array(100), 48000)))).toBe(
      'E_METRIC_INPUT',
    );
    expect(
      codeOf(() => integratedLoudness(createAudioBuffer(Float32Array.of(0, NaN), 48000))),
    ).toBe('E_METRIC_INPUT');
    expect(
      codeOf(() =>
        integratedLoudness(createAudioBuffer(new Float32Array(48000), 48000), {
          channelWeights: [1, 1],
        }),
      ),
    ).toBe('E_METRIC_INPUT');
  });
});

describe('momentary, short-term, range, true peak', () => {
  it('momentary and short-term follow a level step', () => {
    const audio = sines(16000, [
      [4, [-30]],
      [4, [-20]],
    ]);
    const m = momentaryLoudness(audio).values;
    const s = shortTermLoudness(audio).values;
    expect(m.length).toBe(77);
    expect(s.length).toBe(51);
    expect(m[0]).toBeCloseTo(-33.01, 1);
    expect(m[m.length - 1]).toBeCloseTo(-23.01, 1);
    expect(s[0]).toBeCloseTo(-33.01, 1);
    expect(s[s.length - 1]).toBeCloseTo(-23.01, 1);
    expect(loudness(audio).momentaryMax).toBeCloseTo(-23.01, 1);
  });

  it('loudness range follows EBU Tech 3342 tests 1-4 (+-1 LU)', () => {
    const sr = 8000;
    const lra = (segs: Array<[number, number[]]>) => loudnessRange(sines(sr, segs, 1000));
    expect(
      lra([
        [20, [-20, -20]],
        [20, [-30, -30]],
      ]),
    ).toBeCloseTo(10, 0);
    expect(
      lra([
        [20, [-20, -20]],
        [20, [-15, -15]],
      ]),
    ).toBeCloseTo(5, 0);
    expect(
      lra([
        [20, [-40, -40]],
        [20, [-20, -20]],
      ]),
    ).toBeCloseTo(20, 0);
    expect(
      Math.abs(
        lra([
          [20, [-50, -50]],
          [20, [-35, -35]],
          [20, [-20, -20]],
          [20, [-35, -35]],
          [20, [-50, -50]],
        ]) - 15,
      ),
    ).toBeLessThan(1);
    expect(loudnessRange(sines(sr, [[2, [-20]]]))).toBeNaN();
  });

  it('finds the inter-sample peak that the samples miss', () => {
    const sr = 48000;
    // a fs/4 sine sampled 45 degrees off its peaks, with 50 ms fades (an abrupt start rings above 1)
    const fade = 2400;
    const x = tone(48000, 12000, sr, 1, Math.PI / 4).map(
      (v, i) => v * Math.min(1, i / fade, (48000 - 1 - i) / fade),
    );
    const s = createAudioBuffer(x, sr);
    const report = loudness(s);
    expect(report.samplePeak).toBeCloseTo(-3.01, 2);
    expect(truePeakDb(s)).toBeGreaterThan(-0.05);
    expect(truePeakDb(s)).toBeLessThan(0.05);
    expect(truePeakDb(createAudioBuffer(tone(4800, 1000, sr, 0.5), sr))).toBeCloseTo(-6.02, 1);
  });
});
