/**
 * `testVocoder`: the conformance suite every vocoder plugin runs in its own tests.
 *
 * ```ts
 * testVocoder('griffinlim', { create: () => griffinLim.create(), mel: (frames) => speechMel(frames) });
 * ```
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVocoderError } from '../errors.js';
import { deriveConvention } from '../mel-presets.js';
import type { MelSpectrogram } from '../mel.js';
import type { Vocoder } from '../vocoder.js';

/** Options of {@link testVocoder}. */
export interface TestVocoderOptions {
  /** Creates a fresh vocoder (called once for the suite, once more for the dispose tests). */
  create(): Promise<Vocoder>;
  /** A realistic mel of the vocoder's convention with `frames` frames. */
  mel(frames: number): MelSpectrogram;
  /** Max abs difference accepted between equivalent paths (batch vs single, stream vs offline). */
  tolerance?: number;
  /** Max abs difference between streamed and offline output for non-exact vocoders. */
  streamTolerance?: number;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a rejection with ${code}`).toBeDefined();
  expect(isVocoderError(error), String(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

async function* chunked(
  mel: MelSpectrogram,
  sizes: readonly number[],
): AsyncGenerator<MelSpectrogram> {
  let start = 0;
  let i = 0;
  while (start < mel.frames) {
    const n = Math.min(sizes[i++ % sizes.length]!, mel.frames - start);
    const data = new Float32Array(mel.nMels * n);
    for (let b = 0; b < mel.nMels; b++) {
      data.set(mel.data.subarray(b * mel.frames + start, b * mel.frames + start + n), b * n);
    }
    yield { data, nMels: mel.nMels, frames: n, convention: mel.convention };
    start += n;
  }
}

/** Registers the conformance tests for one vocoder. */
export function testVocoder(name: string, options: TestVocoderOptions): void {
  const tol = options.tolerance ?? 1e-5;
  describe(`testVocoder: ${name}`, () => {
    let vocoder: Vocoder;
    beforeAll(async () => {
      vocoder = await options.create();
    });
    afterAll(async () => {
      await vocoder?.dispose();
    });

    it('describes itself', () => {
      const m = vocoder.metadata;
      expect(m.name).toBe(name);
      expect(Number.isInteger(m.sampleRate) && m.sampleRate > 0).toBe(true);
      expect(Number.isInteger(m.hop) && m.hop > 0).toBe(true);
      expect(m.convention.hop).toBe(m.hop);
      expect(m.receptiveField.leftFrames).toBeGreaterThanOrEqual(0);
      expect(m.receptiveField.rightFrames).toBeGreaterThanOrEqual(0);
    });

    it('vocodes frames * hop finite samples in [-1, 1], not silent', async () => {
      const mel = options.mel(40);
      const audio = await vocoder.vocode(mel, { seed: 1 });
      expect(audio.channels).toBe(1);
      expect(audio.sampleRate).toBe(vocoder.metadata.sampleRate);
      expect(audio.samples.length).toBe(40 * vocoder.metadata.hop);
      let energy = 0;
      for (const s of audio.samples) {
        expect(Number.isFinite(s)).toBe(true);
        expect(Math.abs(s)).toBeLessThanOrEqual(1);
        energy += s * s;
      }
      expect(Math.sqrt(energy / audio.samples.length)).toBeGreaterThan(1e-4);
    });

    it('is reproducible for a fixed seed', async () => {
      const mel = options.mel(12);
      const a = await vocoder.vocode(mel, { seed: 7 });
      const b = await vocoder.vocode(mel, { seed: 7 });
      expect(maxAbsDiff(a.samples, b.samples)).toBeLessThanOrEqual(tol);
    });

    it('rejects a mel of another convention with E_MEL_CONVENTION', async () => {
      const mel = options.mel(8);
      const other = {
        ...mel,
        convention: deriveConvention(mel.convention, {
          name: 'other',
          fmax: mel.convention.fmax - 1,
        }),
      };
      await rejectsWith(vocoder.vocode(other), 'E_MEL_CONVENTION');
    });

    it('rejects NaN and wrongly shaped mels with typed errors', async () => {
      const mel = options.mel(8);
      const nan = { ...mel, data: mel.data.slice() };
      nan.data[3] = Number.NaN;
      await rejectsWith(vocoder.vocode(nan), 'E_MEL_NONFINITE');
      await rejectsWith(vocoder.vocode({ ...mel, frames: mel.frames + 1 }), 'E_MEL_SHAPE');
      await rejectsWith(
        vocoder.vocode({ ...mel, data: new Float32Array(0), frames: 0 }),
        'E_MEL_SHAPE',
      );
    });

    it('rejects invalid configs with E_CONFIG_INVALID', async () => {
      await rejectsWith(
        vocoder.vocode(options.mel(4), { quality: 'best' as never }),
        'E_CONFIG_INVALID',
      );
    });

    it('vocodeBatch equals vocoding each mel alone, for mixed lengths', async () => {
      const mels = [options.mel(5), options.mel(17), options.mel(9)];
      const batch = await vocoder.vocodeBatch(
        mels,
        mels.map(() => ({ seed: 3 })),
      );
      expect(batch).toHaveLength(3);
      for (let i = 0; i < mels.length; i++) {
        const single = await vocoder.vocode(mels[i]!, { seed: 3 });
        expect(batch[i]!.samples.length).toBe(single.samples.length);
        expect(maxAbsDiff(batch[i]!.samples, single.samples)).toBeLessThanOrEqual(tol);
      }
    });

    it('streams exactly frames * hop samples, matching offline output', async () => {
      const mel = options.mel(37);
      const offline = await vocoder.vocode(mel, { seed: 5 });
      const parts: Float32Array[] = [];
      for await (const part of vocoder.vocodeStream(chunked(mel, [1, 6, 3, 11]), { seed: 5 })) {
        expect(part.sampleRate).toBe(vocoder.metadata.sampleRate);
        parts.push(part.samples);
      }
      const total = parts.reduce((s, p) => s + p.length, 0);
      expect(total).toBe(37 * vocoder.metadata.hop);
      const joined = new Float32Array(total);
      parts.reduce((o, p) => (joined.set(p, o), o + p.length), 0);
      const limit = vocoder.metadata.receptiveField.exact
        ? Math.max(tol, 1e-4)
        : (options.streamTolerance ?? Infinity);
      expect(maxAbsDiff(joined, offline.samples)).toBeLessThanOrEqual(limit);
    });

    it('gives identical results to concurrent and sequential calls', async () => {
      const mels = Array.from({ length: 6 }, (_, i) => options.mel(6 + i));
      const sequential: { samples: Float32Array }[] = [];
      for (const m of mels) sequential.push(await vocoder.vocode(m, { seed: 9 }));
      const concurrent = await Promise.all(mels.map((m) => vocoder.vocode(m, { seed: 9 })));
      concurrent.forEach((a, i) =>
        expect(maxAbsDiff(a.samples, sequential[i]!.samples)).toBeLessThanOrEqual(tol),
      );
    });

    it('honours an aborted signal with E_ABORTED', async () => {
      const controller = new AbortController();
      controller.abort();
      await rejectsWith(vocoder.vocode(options.mel(4), { signal: controller.signal }), 'E_ABORTED');
    });

    it('finishes in-flight work on dispose, then rejects with E_DISPOSED; dispose is idempotent', async () => {
      const own = await options.create();
      const running = own.vocode(options.mel(10), { seed: 1 });
      await own.dispose();
      await expect(running).resolves.toBeDefined();
      await own.dispose();
      await rejectsWith(own.vocode(options.mel(4)), 'E_DISPOSED');
    });
  });
}
