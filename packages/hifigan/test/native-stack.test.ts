/**
 * The generator's narrow end on native kernels (native-stack.ts): which stages run natively, the
 * graph prefix (`stages` in graph.ts) plus the conv stack equal the whole graph for every length,
 * thread count and layout, and the plugin uses them where the backend offers kernels (and only
 * there), with the same audio. Parity with PyTorch on the official weights, which the node backend
 * now runs this way, is parity.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { createMel, createTensor, HIFIGAN_PRESET, isVocoderError } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import {
  HIFIGAN_ARCHS,
  convStackSpec,
  hifiganPlugin,
  nativeStageFrom,
  NATIVE_FIRST_STAGE,
  type HifiganConfig,
  type HifiganModel,
} from '../src/index.js';
import { compare, goldenMelExcerpts } from './fixtures.js';
import { backend, runGraph, spyBackend } from './graph-sessions.js';
import { hashCustomModel, hashV1Model, hashV2Model, hashV2Source } from './hash-models.js';

const kernels = (threads: number) => backend.nativeKernels?.({ intraOpThreads: threads });
const available = kernels(1) !== undefined;
// CI builds the addon and runs on AVX-512 machines: the native path must be tested there
const skip = !available && process.env.CI !== 'true';

describe('nativeStageFrom', () => {
  it('runs the stages from 1 natively when each is narrow (<= 32 channels) or has a Winograd form (a multiple of 32)', () => {
    expect(NATIVE_FIRST_STAGE).toBe(1);
    expect(nativeStageFrom(HIFIGAN_ARCHS.v2)).toBe(1); // 64, [32, 16, 8]
    expect(nativeStageFrom(HIFIGAN_ARCHS.v1)).toBe(1); // 256, [128, 64, 32]
    expect(nativeStageFrom(HIFIGAN_ARCHS.v3)).toBe(1); // 128, [64, 32]
    expect(nativeStageFrom(hashCustomModel().config)).toBe(1); // 16, [8, 4, 2]
    // a one-stage generator runs it natively
    const oneStage: HifiganConfig = {
      ...HIFIGAN_ARCHS.v2,
      upsampleRates: [8],
      upsampleKernelSizes: [16],
      upsampleInitialChannel: 64,
    };
    expect(nativeStageFrom(oneStage)).toBe(0);
  });

  it('leaves to onnxruntime the stages before the last one the native kernels do not suit', () => {
    // 192 initial channels: stages of 96 (Winograd), 48 (wide, not a multiple of 32), 24, 12
    expect(nativeStageFrom({ ...HIFIGAN_ARCHS.v2, upsampleInitialChannel: 192 })).toBe(2);
    // a residual kernel of 2 taps has no Winograd form: only the 32-channel stage on runs natively
    const twoTaps: HifiganConfig = {
      ...HIFIGAN_ARCHS.v1,
      resblockKernelSizes: [2, 7, 11],
    };
    expect(nativeStageFrom(twoTaps)).toBe(3);
    // 20-tap residual kernels (over NATIVE_WINOGRAD_KERNELS.max): the same
    expect(nativeStageFrom({ ...HIFIGAN_ARCHS.v1, resblockKernelSizes: [3, 7, 20] })).toBe(3);
  });

  it('keeps a generator whose native stages would need an upsampler without polyphase form', () => {
    const kernelSizes = [...HIFIGAN_ARCHS.v2.upsampleKernelSizes];
    kernelSizes[3] = 5; // stride 2, kernel 5: 3 output samples per input sample in its padding
    const config: HifiganConfig = { ...HIFIGAN_ARCHS.v2, upsampleKernelSizes: kernelSizes };
    expect(nativeStageFrom(config)).toBeUndefined();
  });
});

describe('graph prefix', () => {
  it('refuses a stage count out of range or with masked, int8 or probe graphs', () => {
    const model = hashV2Model();
    for (const options of [
      { stages: 5 },
      { stages: -1 },
      { stages: 1.5 },
      { stages: 2, masked: true },
      { stages: 2, probe: true },
    ]) {
      let caught: unknown;
      try {
        model.build!(options);
      } catch (error) {
        caught = error;
      }
      expect(isVocoderError(caught) && caught.code, JSON.stringify(options)).toBe('E_MODEL_CONFIG');
    }
  });
});

describe.skipIf(skip)(
  `native stages${skip ? ' (skipped: the native kernels are not available here)' : ''}`,
  () => {
    it('are available in CI (the addon is built by pnpm install with VOIRS_NATIVE_REQUIRED=1)', () => {
      expect(available).toBe(true);
    });

    /** Graph prefix + native conv stack vs the whole graph, for a model and options. */
    async function compareWithGraph(
      model: HifiganModel,
      threads: number,
      prefixOptions: { channelBlock?: number; parallelWindows?: number },
      lengths: readonly number[],
      from = nativeStageFrom(model.config)!,
    ) {
      const stack = kernels(threads)!.prepareConvStack(
        convStackSpec(model.config, model.weights!(), from),
      );
      const prefix = model.build!({ ...prefixOptions, stages: from });
      for (const frames of lengths) {
        const mel = createTensor('float32', goldenMelExcerpts(1, frames), [1, 80, frames]);
        const [want, features] = await Promise.all([
          runGraph(model.onnx, { mel }),
          runGraph(prefix, { mel }),
        ]);
        const length = (frames * model.hop) / stack.upsample;
        const got = await stack.run(features.features!.data, length);
        expect(got.length).toBe(frames * model.hop);
        const { maxAbs } = compare(got, want.audio!.data);
        expect(maxAbs, `${frames} frames, ${threads} thread(s)`).toBeLessThanOrEqual(1e-5);
      }
    }

    it('V2: the graph to stage 1 and stages 1-3 natively (Winograd on 32 channels) equal the whole graph', async () => {
      const model = hashV2Model();
      await compareWithGraph(model, 1, {}, [1, 2, 17, 150]);
      await compareWithGraph(model, 2, { channelBlock: 16, parallelWindows: 2 }, [1, 40, 150]);
      await compareWithGraph(model, 3, {}, [33]);
    });

    it('V1: stages 1-3, and conv_pre with stages 0-3, natively (Winograd on 256 to 32 channels) equal the whole graph', async () => {
      const model = hashV1Model();
      await compareWithGraph(model, 1, {}, [1, 9]);
      await compareWithGraph(model, 2, {}, [40], 0);
    });

    it('V2 with every stage native (conv_pre alone in onnxruntime) equals the whole graph', async () => {
      await compareWithGraph(hashV2Model(), 2, {}, [1, 30, 150], 0);
    });

    it('a ResBlock2 configuration, every stage native, equals the whole graph', async () => {
      const model = hashCustomModel();
      await compareWithGraph(model, 1, {}, [1, 5, 64]);
      await compareWithGraph(model, 2, {}, [7, 120]);
    });

    it('the plugin runs them on a backend with kernels: same audio as without', async () => {
      const source = hashV2Source();
      const mel = createMel(goldenMelExcerpts(1, 90), 80, HIFIGAN_PRESET);
      const runs: (readonly number[])[] = [];
      const created: Uint8Array[] = [];
      const results: Float32Array[] = [];
      const backends = [
        backend,
        createNodeBackend({ name: 'node-no-native', nativeKernels: false }),
        spyBackend(undefined, created, runs),
      ];
      for (const b of backends) {
        const vocoder = await hifiganPlugin.create({
          model: source,
          backend: b,
          modelConfig: { arch: 'v2' },
          sessionOptions: { intraOpThreads: 2 },
        });
        try {
          const native = vocoder.metadata.extra?.native;
          if (b === backend) expect(native).toMatch(/avx512 kernels for stages 1-3/);
          else expect(native).toBeUndefined();
          results.push((await vocoder.vocode(mel)).samples);
          // mel chunks (parallelChunks) run through the prefix as a batch, then item by item
          const chunked = await vocoder.vocode(mel, { options: { parallelChunks: 3 } });
          expect(compare(chunked.samples, results.at(-1)!).maxAbs).toBeLessThanOrEqual(1e-5);
        } finally {
          await vocoder.dispose();
        }
      }
      expect(compare(results[0]!, results[1]!).maxAbs).toBeLessThanOrEqual(1e-5);
      expect(compare(results[0]!, results[2]!).maxAbs).toBeLessThanOrEqual(1e-5);
    });

    it('batches of mixed lengths still run through the masked whole graph', async () => {
      const vocoder = await hifiganPlugin.create({
        model: hashV2Source(),
        backend,
        modelConfig: { arch: 'v2' },
      });
      try {
        const mels = [30, 7, 51].map((f) => createMel(goldenMelExcerpts(1, f), 80, HIFIGAN_PRESET));
        const batch = await vocoder.vocodeBatch(mels);
        for (const [i, mel] of mels.entries()) {
          const alone = await vocoder.vocode(mel);
          expect(compare(batch[i]!.samples, alone.samples).maxAbs).toBeLessThanOrEqual(1e-5);
        }
      } finally {
        await vocoder.dispose();
      }
    });
  },
);
