import { describe, expect, it } from 'vitest';
import { writeSafetensors } from '@voirs/checkpoint';
import { GraphBuilder } from '@voirs/onnx';
import {
  HIFIGAN_ARCHS,
  describeOnnxModel,
  hifiganPlugin,
  inferConfig,
  parseConfigJson,
  prepareHifiganModel,
  receptiveField,
} from '../src/index.js';
import { hashStateDict } from './hash-weights.js';
import { sliceMelFrames } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import { compare, goldenMel } from './fixtures.js';

const v3 = () => ({
  bytes: writeSafetensors(hashStateDict(HIFIGAN_ARCHS.v3)),
  name: 'v3.safetensors',
});

describe('configurations', () => {
  it('parses jik876 config.json and derives the mel convention', () => {
    // V1's config.json: V2's layout with 512 initial channels, plus a training key to ignore
    const { config, convention } = parseConfigJson({
      ...HIFIGAN_JSON,
      upsample_initial_channel: 512,
      learning_rate: 0.0002,
    });
    expect(config).toEqual(HIFIGAN_ARCHS.v1);
    expect(convention.name).toBe('hifigan');
    const universal = parseConfigJson({ ...HIFIGAN_JSON, sampling_rate: 24000, fmax: null });
    expect(universal.convention).toMatchObject({
      sampleRate: 24000,
      fmax: 12000,
      name: 'hifigan-24000',
    });
  });

  it('names every problem of a bad config.json', () => {
    expect(() => parseConfigJson({ resblock: '3' })).toThrowError(
      expect.objectContaining({ code: 'E_MODEL_CONFIG' }),
    );
    expect(() => parseConfigJson({ ...HIFIGAN_JSON, hop_size: 200 })).toThrowError(/hop_size 200/);
    expect(() =>
      parseConfigJson({ ...HIFIGAN_JSON, upsample_kernel_sizes: [16, 16, 4] }),
    ).toThrowError(/3 upsample kernel sizes/);
  });

  it('infers V1/V2/V3 from the weights alone', () => {
    for (const arch of ['v1', 'v2', 'v3'] as const) {
      expect(inferConfig(hashStateDict(HIFIGAN_ARCHS[arch]))).toEqual(HIFIGAN_ARCHS[arch]);
    }
  });

  it('derives a receptive field that grows with the architecture', () => {
    const v1 = receptiveField(HIFIGAN_ARCHS.v1);
    expect(v1.leftFrames).toBeGreaterThan(10);
    expect(receptiveField(HIFIGAN_ARCHS.v3).leftFrames).toBeLessThan(v1.leftFrames + 10);
  });
});

describe('models', () => {
  it('refuses weights that do not fit the configuration, saying what to do', () => {
    const bytes = writeSafetensors(hashStateDict(HIFIGAN_ARCHS.v2));
    expect(() => prepareHifiganModel({ bytes }, { arch: 'v1' })).toThrowError(
      expect.objectContaining({
        code: 'E_MODEL_ARCH',
        message: expect.stringContaining('config.json'),
      }),
    );
    expect(() => prepareHifiganModel({ bytes }, { arch: 'v9' })).toThrowError(
      expect.objectContaining({ code: 'E_MODEL_ARCH' }),
    );
    const partial = hashStateDict(HIFIGAN_ARCHS.v2);
    partial.delete('conv_post.bias');
    expect(() => prepareHifiganModel({ bytes: writeSafetensors(partial) })).toThrowError(
      /conv_post/,
    );
  });

  it('converts to ONNX that describes itself and loads again', async () => {
    const converted = await hifiganPlugin.convert!(v3());
    expect(converted.arch).toBe('v3');
    const again = describeOnnxModel(converted.onnx);
    expect(again.config).toEqual(HIFIGAN_ARCHS.v3);
    expect(again.convention).toEqual(converted.convention);
    expect(again.parameters).toBe(converted.parameters);
    expect(prepareHifiganModel({ bytes: converted.onnx }).arch).toBe('v3');
  });

  it('batches mixed lengths with a model loaded from converted ONNX, equal to single runs', async () => {
    const converted = await hifiganPlugin.convert!(v3());
    const vocoder = await hifiganPlugin.create({
      model: { bytes: converted.onnx },
      backend: createNodeBackend(),
    });
    try {
      const mel = goldenMel();
      const mels = [
        sliceMelFrames(mel, 0, 9),
        sliceMelFrames(mel, 10, 40),
        sliceMelFrames(mel, 50, 53),
      ];
      const batch = await vocoder.vocodeBatch(mels);
      for (let i = 0; i < mels.length; i++) {
        expect(
          compare(batch[i]!.samples, (await vocoder.vocode(mels[i]!)).samples).maxAbs,
        ).toBeLessThanOrEqual(1e-5);
      }
    } finally {
      await vocoder.dispose();
    }
  });

  it('refuses an ONNX model without HiFi-GAN metadata', () => {
    const g = new GraphBuilder({ name: 'plain' });
    g.output(g.relu(g.input('x', 'float32', [1])), 'y', [1]);
    expect(() => prepareHifiganModel({ bytes: g.toBytes(), name: 'plain.onnx' })).toThrowError(
      expect.objectContaining({
        code: 'E_MODEL_CONFIG',
        message: expect.stringContaining('models import'),
      }),
    );
  });

  it('needs a model and a backend', async () => {
    await expect(hifiganPlugin.create({})).rejects.toMatchObject({ code: 'E_MODEL_NOT_FOUND' });
    await expect(hifiganPlugin.create({ model: v3() })).rejects.toMatchObject({
      code: 'E_BACKEND_UNAVAILABLE',
    });
  });

  it('refuses a malicious pickle as a model', () => {
    // protocol 2: GLOBAL 'os system', then REDUCE: never executed, refused by the allow-list
    const evil = new TextEncoder().encode(
      '\x80\x02cos\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.',
    );
    expect(() => prepareHifiganModel({ bytes: evil })).toThrowError(
      expect.objectContaining({
        code: expect.stringMatching(/E_CHECKPOINT_UNSAFE|E_UNSUPPORTED_FORMAT/),
      }),
    );
  });
});

/** The official V2 config.json (jik876 key names). */
const HIFIGAN_JSON = {
  resblock: '1',
  upsample_rates: [8, 8, 2, 2],
  upsample_kernel_sizes: [16, 16, 4, 4],
  upsample_initial_channel: 128,
  resblock_kernel_sizes: [3, 7, 11],
  resblock_dilation_sizes: [
    [1, 3, 5],
    [1, 3, 5],
    [1, 3, 5],
  ],
  num_mels: 80,
  sampling_rate: 22050,
  n_fft: 1024,
  hop_size: 256,
  win_size: 1024,
  fmin: 0,
  fmax: 8000,
};
