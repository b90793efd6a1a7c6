/**
 * Chunk-parallel windows inside the graph (windows.ts, parallel-windows.ts `planGraphWindows`,
 * graph.ts `parallelWindows`): cutting a signal into overlapping windows and joining their kept
 * parts must be exact when the halo covers what runs in between (and visibly wrong one sample
 * short); a generator built with windows must equal the one without for every length (windows
 * longer than the input included), batch, window count, layout and precision; and the plugin must
 * build them for a session with several threads, instead of chunking the mel.
 */
import { describe, expect, it } from 'vitest';
import { createMel, createTensor, HIFIGAN_PRESET } from '@voirs/core';
import { GraphBuilder, readOnnxModel } from '@voirs/onnx';
import {
  HIFIGAN_ARCHS,
  cutWindows,
  graphWindowsFrom,
  hifiganPlugin,
  joinWindows,
  planGraphWindows,
  quantizeHifiganModel,
  receptiveField,
  type HifiganModel,
  type Windowing,
} from '../src/index.js';
import { compare, goldenMelExcerpts } from './fixtures.js';
import { backend, runGraph, spyBackend } from './graph-sessions.js';
import { hashCustomModel, hashV2Model, hashV2Source } from './hash-models.js';

describe('cutWindows / joinWindows', () => {
  /**
   * x [B, 3, 1, T] -> two convolutions (k 3 dilated 2, then k 7: a reach of 2 + 3 = 5 samples per
   * side) -> a x2 upsampling -> y. With `windowing` they run on the windows stacked as batch
   * items, and the upsampling checks the `scale` of the kept ranges at the join.
   */
  function chain(windowing: Windowing | undefined): Uint8Array {
    const g = new GraphBuilder({ name: 'windows_test' });
    const x = g.input('x', 'float32', ['batch', 3, 1, 'time']);
    const weight = (name: string, dims: number[]) =>
      g.initializer(
        name,
        Float32Array.from({ length: dims.reduce((a, b) => a * b) }, (_, i) => Math.sin(i + 1)),
        dims,
      );
    const cut = windowing && cutWindows(g, x, windowing, 0);
    let h = cut?.stacked ?? x;
    h = g.conv(h, weight('w1', [3, 3, 1, 3]), undefined, { pads: [0, 2, 0, 2], dilations: [1, 2] });
    h = g.conv(g.tanh(h), weight('w2', [3, 3, 1, 7]), undefined, { pads: [0, 3, 0, 3] });
    // x2 upsampling that only copies (kernel 2, stride 2): reach 0, rate doubled
    h = g.convTranspose(h, weight('up', [3, 3, 1, 2]), undefined, { strides: [1, 2] });
    const y = cut === undefined ? h : joinWindows(g, h, cut.windows, windowing!, 0, 2);
    g.output(y, 'y', ['batch', 3, 1, 'samples']);
    return g.toBytes();
  }

  const signal = (batch: number, time: number) =>
    Float32Array.from({ length: batch * 3 * time }, (_, i) => Math.cos(0.37 * i) + 0.1 * (i % 7));

  it('is exact with a halo that covers the layers in between, for any length and count', async () => {
    const reference = chain(undefined);
    for (const count of [2, 3, 5]) {
      const windowed = chain({ count, halo: 5 });
      for (const [batch, time] of [
        [1, 1],
        [2, 4],
        [1, 15],
        [2, 40],
        [1, 203],
      ] as const) {
        const feeds = { x: createTensor('float32', signal(batch, time), [batch, 3, 1, time]) };
        const [want, got] = await Promise.all([
          runGraph(reference, feeds),
          runGraph(windowed, feeds),
        ]);
        expect(got.y!.data.length).toBe(batch * 3 * 2 * time);
        expect(
          compare(got.y!.data, want.y!.data).maxAbs,
          `${count} windows, ${batch} x ${time}`,
        ).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('is wrong near the cuts with a halo one sample short', async () => {
    const feeds = { x: createTensor('float32', signal(1, 120), [1, 3, 1, 120]) };
    const [want, got] = await Promise.all([
      runGraph(chain(undefined), feeds),
      runGraph(chain({ count: 3, halo: 4 }), feeds),
    ]);
    expect(compare(got.y!.data, want.y!.data).maxAbs).toBeGreaterThan(1e-3);
  });
});

describe('planGraphWindows', () => {
  it('carries the reach of everything after conv_pre, in whole frames', () => {
    // V2: 11.87 frames on the left (the upsamplers' asymmetric reach), less on the right
    expect(planGraphWindows(HIFIGAN_ARCHS.v2, 2)).toEqual({ count: 2, halo: 12 });
    expect(planGraphWindows(HIFIGAN_ARCHS.v1, 4)).toEqual({ count: 4, halo: 12 });
    const field = receptiveField(HIFIGAN_ARCHS.v2);
    expect(field.leftFrames).toBeGreaterThan(12); // conv_pre and a frame of margin on top
    expect(planGraphWindows(HIFIGAN_ARCHS.v2, 1)).toBeUndefined();
  });

  it('cut at a later stage, carries only the reach from there on, in samples of its input', () => {
    // V1 at stage 1 (8 samples per frame): 15.97 samples, 2 frames where a cut after conv_pre
    // carries 12 (its first stage's residual blocks alone reach 60 samples = 7.5 frames)
    expect(planGraphWindows(HIFIGAN_ARCHS.v1, 2, 1)).toEqual({ count: 2, halo: 16 });
    // V2 at its last stage: upsampler 2 + blocks 60 / 2 + conv_post 3 / 2 = 33.5 samples
    expect(planGraphWindows(HIFIGAN_ARCHS.v2, 2, 3)).toEqual({ count: 2, halo: 34 });
  });

  it('graphWindowsFrom: the first stage of at most 128 channels', () => {
    expect(graphWindowsFrom(HIFIGAN_ARCHS.v1)).toBe(1); // 256, [128, 64, 32]
    expect(graphWindowsFrom(HIFIGAN_ARCHS.v2)).toBe(0); // [64, 32, 16, 8]
    expect(graphWindowsFrom(HIFIGAN_ARCHS.v3)).toBe(0); // [128, 64, 32]
    const wide = { ...HIFIGAN_ARCHS.v3, upsampleInitialChannel: 4096 };
    expect(graphWindowsFrom(wide)).toBe(3); // 2048, 1024, 512: no stage narrow enough
  });

  it('rejects a count that is not an integer in [1, 64]', () => {
    for (const bad of [0, -1, 1.5, 65, Number.NaN])
      expect(() => planGraphWindows(HIFIGAN_ARCHS.v2, bad)).toThrow(
        expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
      );
  });
});

const models: Record<string, () => HifiganModel> = {
  v2: hashV2Model,
  custom: hashCustomModel, // ResBlock2 and other upsampling rates
};

/** Lengths from one frame (windows far longer than the input) to several halos per window. */
const SHAPES = [
  [1, 1],
  [2, 7],
  [1, 24],
  [1, 25],
  [2, 61],
  [1, 150],
] as const;

async function expectSameAudio(plain: Uint8Array, windowed: Uint8Array, limit: number) {
  for (const [batch, frames] of SHAPES) {
    const feeds = {
      mel: createTensor('float32', goldenMelExcerpts(batch, frames), [batch, 80, frames]),
    };
    const [want, got] = await Promise.all([runGraph(plain, feeds), runGraph(windowed, feeds)]);
    expect(got.audio!.data.length).toBe(want.audio!.data.length);
    expect(
      compare(got.audio!.data, want.audio!.data).maxAbs,
      `${batch} x ${frames} frames`,
    ).toBeLessThanOrEqual(limit);
  }
}

describe('generator with parallel windows', () => {
  for (const [name, make] of Object.entries(models)) {
    for (const channelBlock of [undefined, 16]) {
      it(`${name}, ${channelBlock === undefined ? 'portable' : 'blocked'}: equals the graph without windows`, async () => {
        const model = make();
        const plain = model.build!({ channelBlock });
        for (const parallelWindows of [2, 3]) {
          const windowed = model.build!({ channelBlock, parallelWindows });
          expect(readOnnxModel(windowed).metadata.parallel_windows).toBe(String(parallelWindows));
          await expectSameAudio(plain, windowed, 3e-6);
        }
        // windows cut later (graphWindowsFrom), and a prefix of the generator (native-stack.ts)
        for (const windowsFrom of [1, 2]) {
          const windowed = model.build!({ channelBlock, parallelWindows: 2, windowsFrom });
          expect(readOnnxModel(windowed).metadata.windows_from).toBe(String(windowsFrom));
          await expectSameAudio(plain, windowed, 3e-6);
        }
      });
    }
  }

  it('a generator prefix (stages) with windows equals the prefix without them', async () => {
    const model = models.v2!();
    const feeds = { mel: createTensor('float32', goldenMelExcerpts(1, 70), [1, 80, 70]) };
    const plain = await runGraph(model.build!({ stages: 2 }), feeds);
    for (const windowsFrom of [0, 1]) {
      const got = await runGraph(
        model.build!({ stages: 2, parallelWindows: 2, windowsFrom, channelBlock: 16 }),
        feeds,
      );
      expect(got.features!.data.length).toBe(32 * 70 * 64);
      expect(compare(got.features!.data, plain.features!.data).maxAbs).toBeLessThanOrEqual(1e-5);
    }
    // windows from the stage where the prefix ends: nothing to window
    const none = model.build!({ stages: 2, parallelWindows: 2, windowsFrom: 2 });
    expect(readOnnxModel(none).metadata.parallel_windows).toBeUndefined();
    expect(() => model.build!({ parallelWindows: 2, windowsFrom: 5 })).toThrow(
      expect.objectContaining({ code: 'E_MODEL_CONFIG' }),
    );
  });

  it('int8: the same uint8 network, windowed', async () => {
    const int8 = await quantizeHifiganModel(models.v2!(), (onnx) => backend.createSession(onnx));
    await expectSameAudio(int8.onnx, int8.build!({ parallelWindows: 2 }), 1e-6);
  });

  it('masked (mixed-length batch) and probe graphs are never windowed', () => {
    const model = models.v2!();
    for (const options of [{ masked: true }, { probe: true }]) {
      const bytes = model.build!({ ...options, parallelWindows: 2 });
      expect(readOnnxModel(bytes).metadata.parallel_windows).toBeUndefined();
    }
  });
});

describe('plugin', () => {
  it('builds windows for a session with several threads and then leaves the mel whole', async () => {
    const created: Uint8Array[] = [];
    const runs: (readonly number[])[] = [];
    const spy = spyBackend(undefined, created, runs);
    const source = hashV2Source();
    // long enough that the mel would be chunked (4 x the receptive field per chunk) without them
    const mel = createMel(goldenMelExcerpts(1, 300), 80, HIFIGAN_PRESET);
    const outputs: Float32Array[] = [];
    for (const threads of [2, 1]) {
      const vocoder = await hifiganPlugin.create({
        model: source,
        backend: spy,
        modelConfig: { arch: 'v2', threads },
      });
      try {
        const before = created.length;
        outputs.push((await vocoder.vocode(mel)).samples);
        expect(created.length).toBe(before); // no other session (no masked batch graph)
      } finally {
        await vocoder.dispose();
      }
    }
    expect(created).toHaveLength(2);
    // 2 threads: the whole mel into the windowed graph; 1 thread: the whole mel, no windows
    expect(runs).toEqual([
      [1, 80, 300],
      [1, 80, 300],
    ]);
    expect(readOnnxModel(created[0]!).metadata.parallel_windows).toBe('2');
    expect(readOnnxModel(created[1]!).metadata.parallel_windows).toBeUndefined();
    expect(compare(outputs[0]!, outputs[1]!).maxAbs).toBeLessThanOrEqual(3e-6);
  });
});
