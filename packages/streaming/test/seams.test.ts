import { describe, expect, it } from 'vitest';
import type { CrossfadeShape } from '@voirs/core';
import { griffinLimPlugin } from '@voirs/dsp';
import { melChunks, seamArtifacts, vocodeChunks } from '../src/index.js';
import { collect, join, speechMel } from './helpers.js';

/** A speech-like test signal: a few harmonics under a slow envelope, phases shifted by `phase(i)`. */
function voiced(n: number, phase: (i: number) => number = () => 0): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => {
    const env = 0.3 + 0.2 * Math.sin(i / 900);
    const p = phase(i);
    return (
      env *
      (Math.sin(i * 0.05 + p) +
        0.5 * Math.sin(i * 0.1 + 1 + 2 * p) +
        0.25 * Math.sin(i * 0.2 + 2 + 3 * p))
    );
  });
}

const SEAMS = [2048, 4096, 6144, 8192, 10240, 12288];

describe('seamArtifacts', () => {
  it('reads 1 everywhere for a stream identical to the offline signal', () => {
    const x = voiced(14000);
    expect(seamArtifacts(x, x.slice(), SEAMS)).toEqual({
      seams: 6,
      fluxExcess: 1,
      clickExcess: 1,
      maxClickExcess: 1,
      levelRatio: 1,
    });
  });

  it('flags clicks and level dips at the seams', () => {
    const ref = voiced(14000);
    // hard cuts between segments of independently chosen phase, as between two Griffin-Lim windows
    const cut = voiced(14000, (i) => 2.1 * SEAMS.filter((s) => i >= s).length);
    const clicks = seamArtifacts(cut, ref, SEAMS);
    expect(clicks.clickExcess).toBeGreaterThan(3);
    expect(clicks.fluxExcess).toBeGreaterThan(1.5);
    const dipped = ref.slice();
    for (const s of SEAMS)
      for (let i = -200; i < 200; i++) dipped[s + i]! *= 0.5 + Math.abs(i) / 400;
    expect(seamArtifacts(dipped, ref, SEAMS).levelRatio).toBeLessThan(0.8);
  });

  it('rejects signals of different lengths and seams outside the signal', () => {
    const x = voiced(4000);
    expect(() => seamArtifacts(x, x.subarray(1), [2000])).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => seamArtifacts(x, x, [10, 3990])).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => seamArtifacts([] as never, x, [2000])).toThrow(TypeError);
  });

  it('shows why Griffin-Lim streams with an adaptive crossfade', async () => {
    const vocoder = await griffinLimPlugin.create();
    const mel = speechMel(undefined, 240);
    const synthesis = { seed: 1, quality: 'low' as const };
    const offline = (await vocoder.vocode(mel, synthesis)).samples;
    const measure = async (crossfadeFrames: number, crossfadeShape?: CrossfadeShape) => {
      const chunks = await collect(
        vocodeChunks(vocoder, melChunks(mel, 40), {
          chunkFrames: 16,
          crossfadeFrames,
          crossfadeShape,
          synthesis,
        }),
      );
      // measured in the middle of each crossfade
      const seams = chunks.slice(1).map((c) => c.stats.startFrame * 256 + crossfadeFrames * 128);
      return seamArtifacts(join(chunks), offline, seams);
    };
    const hard = await measure(0);
    const linear = await measure(2, 'linear');
    const adaptive = await measure(2); // the default
    expect(hard.clickExcess).toBeGreaterThan(1.4); // a hard cut clicks
    expect(adaptive.clickExcess).toBeLessThan(hard.clickExcess / 1.5);
    expect(linear.levelRatio).toBeLessThan(0.85); // the windows are too uncorrelated for a linear fade
    expect(adaptive.levelRatio).toBeGreaterThan(linear.levelRatio + 0.1);
    await vocoder.dispose();
  });
});
