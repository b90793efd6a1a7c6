import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BaseVocoder,
  HIFIGAN_PRESET,
  createMel,
  type MelSpectrogram,
  type ResolvedSynthesisConfig,
  type VocoderFeature,
  type VocoderMetadata,
} from '../src/index.js';
import { testVocoder } from '../src/testing/index.js';

const HOP = 256;
const K = 2; // frames of context on each side

/**
 * A toy convolutional vocoder with a receptive field of ±K frames (zero padding at the edges), so
 * chunked streaming must reproduce offline output exactly.
 */
class MovingAverageVocoder extends BaseVocoder {
  readonly metadata: VocoderMetadata = {
    name: 'moving-average',
    arch: 'toy',
    sampleRate: 22050,
    hop: HOP,
    convention: HIFIGAN_PRESET,
    receptiveField: { leftFrames: K, rightFrames: K, exact: true },
  };
  protected readonly features = new Set<VocoderFeature>(['streaming', 'deterministic']);

  protected async synthesize(
    mel: MelSpectrogram,
    _config: ResolvedSynthesisConfig,
  ): Promise<Float32Array> {
    await new Promise((r) => setTimeout(r, 1));
    const energy = new Float64Array(mel.frames);
    for (let m = 0; m < mel.nMels; m++)
      for (let t = 0; t < mel.frames; t++) energy[t]! += mel.data[m * mel.frames + t]! / mel.nMels;
    const out = new Float32Array(mel.frames * HOP);
    for (let t = 0; t < mel.frames; t++) {
      let acc = 0;
      for (let k = -K; k <= K; k++) acc += energy[t + k] ?? 0;
      for (let j = 0; j < HOP; j++)
        out[t * HOP + j] = Math.tanh(0.1 * acc) * Math.sin((2 * Math.PI * j) / 64);
    }
    return out;
  }
}

const melOf = (frames: number, seed = 1): MelSpectrogram => {
  const data = new Float32Array(80 * frames);
  let x = seed;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    data[i] = -6 + (x / 2 ** 31) * 5;
  }
  return createMel(data, 80, HIFIGAN_PRESET);
};

testVocoder('moving-average', {
  create: async () => new MovingAverageVocoder(),
  mel: (f) => melOf(f),
});

describe('streamWithContext through BaseVocoder', () => {
  it('matches offline output for any chunking (property)', async () => {
    const vocoder = new MovingAverageVocoder();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        async (frames, sizes) => {
          const mel = melOf(frames, frames);
          const offline = (await vocoder.vocode(mel)).samples;
          async function* chunks() {
            let start = 0;
            for (let i = 0; start < frames; i++) {
              const n = Math.min(sizes[i % sizes.length]!, frames - start);
              const data = new Float32Array(80 * n);
              for (let b = 0; b < 80; b++)
                data.set(mel.data.subarray(b * frames + start, b * frames + start + n), b * n);
              yield createMel(data, 80, HIFIGAN_PRESET);
              start += n;
            }
          }
          const parts: Float32Array[] = [];
          for await (const p of vocoder.vocodeStream(chunks())) parts.push(p.samples);
          const joined = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
          parts.reduce((o, p) => (joined.set(p, o), o + p.length), 0);
          expect(joined.length).toBe(frames * HOP);
          expect(joined).toEqual(offline);
        },
      ),
      { numRuns: 40 },
    );
  });
});
