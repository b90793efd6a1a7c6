import { describe, expect, it } from 'vitest';
import {
  calibrateCost,
  fitCost,
  measureStreamingLatency,
  planChunkFrames,
  planStream,
  predictMs,
  summarizeLatency,
  type ChunkStats,
} from '../src/index.js';
import { ToyVocoder, noiseMel } from './helpers.js';

const FRAME_MS = (1000 * 256) / 22050;

describe('cost model', () => {
  it('recovers a line and keeps its coefficients non-negative', () => {
    const exact = fitCost([10, 20, 40].map((frames) => ({ frames, ms: 2 + 0.5 * frames })));
    expect(exact.fixedMs).toBeCloseTo(2, 10);
    expect(exact.perFrameMs).toBeCloseTo(0.5, 10);
    expect(predictMs(exact, 100)).toBeCloseTo(52, 10);
    const steep = fitCost([
      { frames: 10, ms: 1 },
      { frames: 20, ms: 5 },
    ]);
    expect(steep.fixedMs).toBe(0); // the fitted line would have a negative overhead
    expect(steep.perFrameMs).toBeGreaterThan(0);
    expect(() => fitCost([{ frames: 8, ms: 1 }])).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });

  it('calibrates on windows of three sizes derived from the receptive field', async () => {
    const toy = new ToyVocoder({ k: 4 });
    const cost = await calibrateCost(toy, { repeats: 1 });
    expect(cost.samples.map((s) => s.frames)).toEqual([24, 48, 96]);
    expect(cost.fixedMs).toBeGreaterThanOrEqual(0);
    expect(cost.perFrameMs).toBeGreaterThanOrEqual(0);
    expect(toy.windows).toEqual([24, 24, 48, 48, 96, 96]); // one untimed warm-up per size
    await expect(calibrateCost(toy, { frames: [0, 4] })).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
    });
  });
});

describe('latency plan', () => {
  const v2Like = new ToyVocoder({ k: 15 });
  const cost = { fixedMs: 0.5, perFrameMs: 0.39, samples: [] };

  it('takes the largest chunk whose window fits the target with headroom', () => {
    const plan = planChunkFrames(v2Like, cost, { latencyTargetMs: 50 });
    // 0.8 * 50 ms = 40 ms -> floor(39.5 / 0.39) = 101 window frames, 30 of them context
    expect(plan.chunkFrames).toBe(71);
    expect(plan.meetsTarget).toBe(true);
    expect(plan.predictedWindowMs).toBeCloseTo(0.5 + 0.39 * 101, 10);
    expect(plan.predictedFirstAudioMs).toBeCloseTo(0.5 + 0.39 * 86, 10);
    expect(plan.algorithmicLatencyMs).toBeCloseTo(15 * FRAME_MS, 10);
    expect(plan.realTimeFactor).toBeCloseTo(plan.predictedWindowMs / (71 * FRAME_MS), 10);
    expect(
      planChunkFrames(v2Like, cost, { latencyTargetMs: 50, maxChunkFrames: 32 }).chunkFrames,
    ).toBe(32);
    expect(
      planChunkFrames(v2Like, { ...cost, perFrameMs: 0 }, { latencyTargetMs: 50 }).chunkFrames,
    ).toBe(2048);
  });

  it('keeps up with real time first, and says so when the target cannot be met', () => {
    const plan = planChunkFrames(v2Like, cost, { latencyTargetMs: 5 });
    // 0.5 + 0.39 * (c + 30) <= 0.8 * 11.61 * c from c = 2 on
    expect(plan.chunkFrames).toBe(2);
    expect(plan.meetsTarget).toBe(false);
    expect(plan.realTimeFactor).toBeLessThanOrEqual(0.8);
    const slow = planChunkFrames(
      v2Like,
      { fixedMs: 40, perFrameMs: 1, samples: [] },
      { latencyTargetMs: 50 },
    );
    expect(slow.chunkFrames).toBe(Math.ceil((40 + 30) / (0.8 * FRAME_MS - 1)));
    expect(slow.meetsTarget).toBe(false);
    const hopeless = planChunkFrames(
      v2Like,
      { fixedMs: 1, perFrameMs: 20, samples: [] },
      { latencyTargetMs: 50, maxChunkFrames: 500 },
    );
    expect(hopeless.chunkFrames).toBe(500); // slower than real time at any size: the cheapest chunk
    expect(hopeless.realTimeFactor).toBeGreaterThan(1);
  });

  it('rejects nonsense targets', () => {
    expect(() => planChunkFrames(v2Like, cost, { latencyTargetMs: -1 })).toThrow(
      expect.objectContaining({ code: 'E_CONFIG_INVALID' }),
    );
    expect(() => planChunkFrames(v2Like, cost, { latencyTargetMs: 50, headroom: 2 })).toThrow(
      expect.objectContaining({ code: 'E_CONFIG_INVALID' }),
    );
    expect(() => planChunkFrames(v2Like, cost, { latencyTargetMs: '50' as never })).toThrow(
      TypeError,
    );
  });

  it('warms the planned window shapes up', async () => {
    const toy = new ToyVocoder({ k: 3 });
    const plan = await planStream(toy, {
      latencyTargetMs: 100,
      cost: { fixedMs: 1, perFrameMs: 1, samples: [] },
    });
    expect(plan.chunkFrames).toBe(79 - 6);
    expect(toy.windows).toEqual([plan.chunkFrames + 3, plan.chunkFrames + 6]);
  });
});

describe('measureStreamingLatency', () => {
  it('reports every chunk and a consistent summary', async () => {
    const toy = new ToyVocoder({ k: 2 });
    const mel = noiseMel(100);
    const report = await measureStreamingLatency(toy, mel, { chunkFrames: 10, warmup: false });
    expect(report.inputChunkFrames).toBe(12);
    expect(report.summary.frames).toBe(100);
    expect(report.summary.chunks).toBe(report.chunks.length);
    expect(report.summary.algorithmicLatencyMs).toBeCloseTo(2 * FRAME_MS, 10);
    expect(report.summary.firstAudioMs).toBe(report.chunks[0]!.elapsedMs);
    expect(report.summary.computeMs.max).toBeGreaterThanOrEqual(report.summary.computeMs.p95);
    expect(report.playbackDelayMs).toBeGreaterThanOrEqual(report.summary.firstAudioMs);
    expect(toy.windows[0]).toBe(12); // the first window: 10 frames and 2 of lookahead
  });

  it('paces the mel in real time when asked', async () => {
    const toy = new ToyVocoder({ k: 1 });
    const report = await measureStreamingLatency(toy, noiseMel(30), {
      chunkFrames: 5,
      inputChunkFrames: 6,
    });
    const paced = await measureStreamingLatency(toy, noiseMel(30), {
      chunkFrames: 5,
      inputChunkFrames: 6,
      realtime: true,
    });
    expect(paced.realtime).toBe(true);
    // the last chunk cannot come before the producer finished the mel: 24 frames after the first 6
    expect(paced.chunks.at(-1)!.elapsedMs).toBeGreaterThanOrEqual(24 * FRAME_MS - 2);
    // frames [5, 10) need frame 10, from the second input chunk, released 6 frames after the first
    expect(paced.playbackDelayMs).toBeGreaterThanOrEqual(6 * FRAME_MS - 5 * FRAME_MS - 2);
    expect(report.summary.frames).toBe(paced.summary.frames);
  });

  it('summarises empty and single-chunk streams', () => {
    expect(summarizeLatency([], { hop: 256, sampleRate: 22050, lookaheadFrames: 0 })).toMatchObject(
      { chunks: 0, frames: 0, computeRtf: 0 },
    );
    const one = {
      index: 0,
      startFrame: 0,
      frames: 10,
      computeMs: 4,
      latencyMs: 5,
      elapsedMs: 6,
    } as ChunkStats;
    expect(
      summarizeLatency([one], { hop: 256, sampleRate: 22050, lookaheadFrames: 1 }),
    ).toMatchObject({
      firstAudioMs: 6,
      computeMs: { mean: 4, p50: 4, p95: 4, max: 4, total: 4 },
    });
  });
});
