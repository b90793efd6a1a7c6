/**
 * The blocked graph (graph.ts, time-fold.ts, polyphase.ts): arranged for onnxruntime's NCHWc
 * blocks, it must give what the portable graph gives for every length (one frame included, where
 * the time-folded windows are shortest, and windows that keep fewer samples than their halo), for
 * batch items and for 8- and 16-channel blocks; the plugin must pick it when the backend reports a
 * blocked layout and only then; a saved blocked graph runs as it is.
 */
import { describe, expect, it } from 'vitest';
import { writeSafetensors } from '@voirs/checkpoint';
import { createMel, createTensor, HIFIGAN_PRESET } from '@voirs/core';
import {
  HIFIGAN_ARCHS,
  describeOnnxModel,
  hifiganPlugin,
  parseConfigJson,
  planTimeFold,
  prepareHifiganModel,
  type HifiganModel,
} from '../src/index.js';
import { hashStateDict } from './hash-weights.js';
import { hashCustomModel, hashV2Model, hashV2Source } from './hash-models.js';
import { compare, fixtureJson, goldenMelExcerpts } from './fixtures.js';
import { backend, runGraph, spyBackend } from './graph-sessions.js';

const models: Record<string, () => HifiganModel> = {
  // last stage 8 channels: time-folded by 2 with 16-channel blocks, not folded with 8
  v2: hashV2Model,
  // V2's layout with 32 initial channels: a 2-channel last stage folded by 8 whose windows keep
  // fewer samples (32 for one frame) than their halo (63), so middle windows are clamped
  narrow: () =>
    prepareHifiganModel({
      // the configuration is inferred from the weights
      bytes: writeSafetensors(hashStateDict({ ...HIFIGAN_ARCHS.v2, upsampleInitialChannel: 32 })),
    }),
  // ResBlock2, 16/8/4/2 channels: the last stage is folded by 8 (or 4), many middle windows
  custom: hashCustomModel,
};

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

async function run(onnx: Uint8Array, mel: Float32Array, batch: number, frames: number) {
  const out = await runGraph(onnx, { mel: createTensor('float32', mel, [batch, 80, frames]) });
  return out.audio!.data;
}

describe('blocked graph', () => {
  for (const [name, make] of Object.entries(models)) {
    for (const channelBlock of [16, 8]) {
      it(`${name}, ${channelBlock}-channel blocks: equals the portable graph for every length`, async () => {
        const model = make();
        const blocked = model.build!({ channelBlock });
        expect(sameBytes(blocked, model.onnx)).toBe(false);
        for (const [batch, frames] of [
          [1, 1],
          [1, 2],
          [2, 5],
          [1, 37],
          [2, 64],
        ] as const) {
          const input = goldenMelExcerpts(batch, frames);
          const [want, got] = await Promise.all([
            run(model.onnx, input, batch, frames),
            run(blocked, input, batch, frames),
          ]);
          expect(got.length).toBe(want.length);
          expect(compare(got, want).maxAbs, `${batch} x ${frames} frames`).toBeLessThanOrEqual(
            3e-6,
          );
        }
      });
    }
  }

  it('folds the last stage only where it has fewer channels than a block and one frame fits', () => {
    expect(planTimeFold(HIFIGAN_ARCHS.v2, 16)).toEqual({ count: 2, halo: 63 });
    expect(planTimeFold(HIFIGAN_ARCHS.v2, 8)).toBeUndefined();
    expect(planTimeFold(HIFIGAN_ARCHS.v1, 16)).toBeUndefined(); // 32 channels
    const custom = parseConfigJson(fixtureJson('custom-config.json')).config;
    expect(planTimeFold(custom, 16)).toEqual({ count: 8, halo: 17 });
    // one frame of 16 samples cannot hold windows with 63 samples of halo
    expect(planTimeFold({ ...HIFIGAN_ARCHS.v2, upsampleRates: [2, 2, 2, 2] }, 16)).toBeUndefined();
  });

  it('a saved blocked graph runs as it is, without rebuilding', async () => {
    const model = models.custom!();
    const bytes = model.build!({ channelBlock: 16 });
    const saved = describeOnnxModel(bytes, 'blocked.onnx');
    expect(saved.build).toBeUndefined(); // its layers are rearranged for one CPU
    expect(saved.config).toEqual(model.config);
    const mel = createMel(goldenMelExcerpts(1, 23), 80, HIFIGAN_PRESET);
    const outputs: Float32Array[] = [];
    for (const bytesOf of [bytes, model.onnx]) {
      const vocoder = await hifiganPlugin.create({ model: { bytes: bytesOf }, backend });
      try {
        outputs.push((await vocoder.vocode(mel)).samples);
      } finally {
        await vocoder.dispose();
      }
    }
    expect(compare(outputs[0]!, outputs[1]!).maxAbs).toBeLessThanOrEqual(3e-6);
  });

  it('the plugin runs the blocked graph when the backend reports a layout, the portable one otherwise', async () => {
    const created: Uint8Array[] = [];
    const spy = (layout: number | undefined) => spyBackend(layout, created);
    const source = hashV2Source();
    const model = prepareHifiganModel(source, { arch: 'v2' });
    const mel = createMel(goldenMelExcerpts(1, 40), 80, HIFIGAN_PRESET);
    const outputs: Float32Array[] = [];
    for (const layout of [16, undefined]) {
      const vocoder = await hifiganPlugin.create({
        model: source,
        backend: spy(layout),
        modelConfig: { arch: 'v2' },
      });
      try {
        outputs.push((await vocoder.vocode(mel)).samples);
      } finally {
        await vocoder.dispose();
      }
    }
    expect(created).toHaveLength(2);
    expect(sameBytes(created[0]!, model.build!({ channelBlock: 16 }))).toBe(true);
    expect(sameBytes(created[1]!, model.onnx)).toBe(true);
    expect(compare(outputs[0]!, outputs[1]!).maxAbs).toBeLessThanOrEqual(1e-5);
  });
});
