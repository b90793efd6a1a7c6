import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HIFIGAN_PRESET,
  WAVEGLOW_PRESET,
  createMel,
  sliceMelFrames,
  streamWindows,
  streamWithContext,
  type MelSpectrogram,
  type ReceptiveField,
  type StreamContextOptions,
  type StreamedWindow,
} from '../src/index.js';

const HOP = 4;

/** Frame t's samples are t's value plus the mean of its ±k neighbours (zero outside the window). */
function movingAverage(k: number) {
  return async (mel: MelSpectrogram): Promise<Float32Array> => {
    const out = new Float32Array(mel.frames * HOP);
    for (let t = 0; t < mel.frames; t++) {
      let acc = 0;
      for (let d = -k; d <= k; d++) acc += mel.data[t + d] ?? 0; // band 0 only
      out.fill(acc / (2 * k + 1), t * HOP, (t + 1) * HOP);
    }
    return out;
  };
}

const ramp = (frames: number): MelSpectrogram =>
  createMel(
    Float32Array.from({ length: 80 * frames }, (_, i) =>
      i < frames ? Math.sin(i * 0.7) + i / 10 : 0,
    ),
    80,
    HIFIGAN_PRESET,
  );

async function* chunked(
  mel: MelSpectrogram,
  sizes: readonly number[],
): AsyncGenerator<MelSpectrogram> {
  for (let start = 0, i = 0; start < mel.frames; i++) {
    const end = Math.min(mel.frames, start + sizes[i % sizes.length]!);
    yield sliceMelFrames(mel, start, end);
    start = end;
  }
}

async function collect(
  mel: MelSpectrogram,
  sizes: readonly number[],
  vocode: (m: MelSpectrogram) => Promise<Float32Array>,
  options: Omit<StreamContextOptions, 'hop' | 'consumer'> & { receptiveField: ReceptiveField },
): Promise<{ joined: Float32Array; pieces: StreamedWindow[] }> {
  const pieces: StreamedWindow[] = [];
  for await (const piece of streamWindows(chunked(mel, sizes), vocode, {
    hop: HOP,
    consumer: 'toy',
    ...options,
  }))
    pieces.push(piece);
  const joined = new Float32Array(pieces.reduce((n, p) => n + p.audio.length, 0));
  pieces.reduce((o, p) => (joined.set(p.audio, o), o + p.audio.length), 0);
  return { joined, pieces };
}

describe('streamWindows', () => {
  it('equals offline output for any chunking and any chunkFrames, with bounded contiguous windows (property)', async () => {
    const K = 3;
    const field = { leftFrames: K, rightFrames: K, exact: true };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 6 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        async (frames, sizes, chunkFrames) => {
          const mel = ramp(frames);
          const offline = await movingAverage(K)(mel);
          const { joined, pieces } = await collect(mel, sizes, movingAverage(K), {
            receptiveField: field,
            streaming: chunkFrames === undefined ? undefined : { chunkFrames },
          });
          expect(joined).toEqual(offline);
          let next = 0;
          for (const p of pieces) {
            expect(p.start).toBe(next);
            expect(p.audio.length).toBe((p.end - p.start) * HOP);
            expect(p.windowStart).toBe(Math.max(0, p.start - K));
            expect(p.windowEnd).toBe(Math.min(p.received, p.end + K));
            if (chunkFrames !== undefined) expect(p.end - p.start).toBeLessThanOrEqual(chunkFrames);
            if (!p.flushed) expect(p.received - p.end).toBeGreaterThanOrEqual(K);
            next = p.end;
          }
          expect(next).toBe(frames);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('yields a piece as soon as the lookahead has arrived, before the input ends', async () => {
    const mel = ramp(30);
    const seen: number[] = [];
    let pulled = 0;
    async function* source() {
      for await (const c of chunked(mel, [5])) {
        pulled += c.frames;
        yield c;
      }
    }
    for await (const p of streamWindows(source(), movingAverage(2), {
      hop: HOP,
      consumer: 'toy',
      receptiveField: { leftFrames: 2, rightFrames: 2, exact: true },
      streaming: { chunkFrames: 3 },
    })) {
      seen.push(pulled);
      expect(p.received).toBe(pulled);
    }
    // 5 frames received: frames [0, 3) are final (2 of lookahead); the last pieces follow the end
    expect(seen[0]).toBe(5);
    expect(seen.at(-1)).toBe(30);
  });

  it('crossfades the seams of non-exact vocoders over crossfadeFrames with complementary gains', async () => {
    // each window returns its own constant level: seams are steps unless crossfaded
    let calls = 0;
    const level = async (mel: MelSpectrogram) => new Float32Array(mel.frames * HOP).fill(++calls);
    const field = { leftFrames: 1, rightFrames: 2, exact: false };
    const mel = ramp(20);
    const curves = {
      // constant levels are fully correlated (rho = 1): the adaptive fade is the linear one
      adaptive: (w: number): [number, number] => [1 - w, w],
      linear: (w: number): [number, number] => [1 - w, w],
      'equal-power': (w: number): [number, number] => [
        Math.cos((w * Math.PI) / 2),
        Math.sin((w * Math.PI) / 2),
      ],
    } as const;
    for (const shape of ['linear', 'equal-power', 'adaptive'] as const) {
      calls = 0;
      const { joined, pieces } = await collect(mel, [20], level, {
        receptiveField: field,
        streaming: { chunkFrames: 6, crossfadeFrames: 2 },
        crossfadeShape: shape,
      });
      expect(joined.length).toBe(20 * HOP);
      expect(pieces.map((p) => [p.start, p.end])).toEqual([
        [0, 6],
        [6, 12],
        [12, 18],
        [18, 20],
      ]);
      // piece 2 fades from window 1's level (1) into its own (2) over 2 frames
      const n = 2 * HOP;
      for (let i = 0; i < n; i++) {
        const [out, into] = curves[shape]((i + 0.5) / n);
        expect(joined[6 * HOP + i]).toBeCloseTo(1 * out + 2 * into, 6);
      }
      expect(joined[6 * HOP - 1]).toBe(1);
      expect(joined[8 * HOP]).toBe(2); // after the crossfade: window 2 alone
    }
    calls = 0;
    const hard = await collect(mel, [20], level, {
      receptiveField: field,
      streaming: { chunkFrames: 6, crossfadeFrames: 0 },
    });
    expect(hard.joined[6 * HOP - 1]).toBe(1);
    expect(hard.joined[6 * HOP]).toBe(2);
  });

  it('adaptive crossfades keep the power of uncorrelated windows and clamp anti-correlated ones', async () => {
    // band 0 carries the absolute frame index, so each window can write patterns by absolute sample
    const indexMel = createMel(
      Float32Array.from({ length: 80 * 20 }, (_, i) => (i < 20 ? i : 0)),
      80,
      HIFIGAN_PRESET,
    );
    const patterns = [
      (n: number) => (n % 2 === 0 ? 1 : -1),
      (n: number) => [1, 1, -1, -1][n % 4]!, // orthogonal to the first over 4k samples
      (n: number) => (n % 2 === 0 ? -1 : 1), // the first one negated
    ];
    for (const [first, second] of [
      [0, 1],
      [0, 2],
    ] as const) {
      let calls = 0;
      const vocode = async (mel: MelSpectrogram) => {
        const pattern = patterns[calls++ === 0 ? first : second]!;
        return Float32Array.from({ length: mel.frames * HOP }, (_, i) =>
          pattern(mel.data[0]! * HOP + i),
        );
      };
      const { joined } = await collect(indexMel, [20], vocode, {
        receptiveField: { leftFrames: 1, rightFrames: 2, exact: false },
        streaming: { chunkFrames: 6, crossfadeFrames: 2 },
      });
      const n = 2 * HOP;
      for (let i = 0; i < n; i++) {
        const w = (i + 0.5) / n;
        const norm = 1 / Math.sqrt(w * w + (1 - w) * (1 - w)); // rho 0, and -1 clamped to 0
        const at = 6 * HOP + i;
        const expected = norm * ((1 - w) * patterns[first]!(at) + w * patterns[second]!(at));
        expect(joined[at]).toBeCloseTo(expected, 6);
      }
    }
  });

  it('handles receptive fields without context', async () => {
    const mel = ramp(9);
    const { joined } = await collect(mel, [2, 3], movingAverage(0), {
      receptiveField: { leftFrames: 0, rightFrames: 0, exact: true },
    });
    expect(joined).toEqual(await movingAverage(0)(mel));
  });

  it('fails with E_STREAM when the window vocoder returns the wrong length', async () => {
    const bad = async (mel: MelSpectrogram) => new Float32Array(mel.frames * HOP - 1);
    await expect(
      collect(ramp(8), [8], bad, {
        receptiveField: { leftFrames: 1, rightFrames: 1, exact: true },
      }),
    ).rejects.toMatchObject({ code: 'E_STREAM' });
  });

  it('fails with E_MEL_CONVENTION when a chunk changes convention', async () => {
    async function* mixed() {
      yield ramp(4);
      yield createMel(new Float32Array(80 * 4), 80, WAVEGLOW_PRESET);
    }
    const run = async () => {
      for await (const _ of streamWithContext(mixed(), movingAverage(1), {
        hop: HOP,
        consumer: 'toy',
        receptiveField: { leftFrames: 1, rightFrames: 1, exact: true },
      }))
        void _;
    };
    await expect(run()).rejects.toMatchObject({ code: 'E_MEL_CONVENTION' });
  });

  it('stops with E_ABORTED when its signal aborts between windows', async () => {
    const controller = new AbortController();
    const pieces: Float32Array[] = [];
    const run = async () => {
      for await (const p of streamWithContext(chunked(ramp(40), [4]), movingAverage(1), {
        hop: HOP,
        consumer: 'toy',
        receptiveField: { leftFrames: 1, rightFrames: 1, exact: true },
        signal: controller.signal,
      })) {
        pieces.push(p);
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ code: 'E_ABORTED' });
    expect(pieces).toHaveLength(1);
  });
});
