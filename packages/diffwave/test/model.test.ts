import { describe, expect, it } from 'vitest';
import { DIFFWAVE_PRESET } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import {
  loadTorchCheckpoint,
  loadWeights,
  writeSafetensors,
  type TensorData,
} from '@voirs/checkpoint';
import { GraphBuilder } from '@voirs/onnx';
import {
  DIFFWAVE_BASE,
  OFFICIAL_FAST_BETAS,
  OFFICIAL_TRAINING_BETAS,
  PARAMS_CLASS,
  conventionFor,
  describeOnnxModel,
  diffwavePlugin,
  inferConfig,
  prepareDiffwaveModel,
  receptiveField,
  stepEmbeddingTable,
} from '../src/index.js';
import { compare, fixtureBytes } from './fixtures.js';
import { hashStateDict } from './hash-weights.js';

const SMALL = {
  residualLayers: 6,
  residualChannels: 16,
  dilationCycle: 3,
  nMels: 80,
  unconditional: false,
};
const smallSource = () => ({ bytes: fixtureBytes('small.pt'), name: 'small.pt' });
/** The small checkpoint's bare state dict (no params, no stored table). */
function bareSmall(): Map<string, TensorData> {
  const sd = loadWeights(fixtureBytes('small.pt'), { allowGlobals: [PARAMS_CLASS] });
  sd.delete('diffusion_embedding.embedding');
  return sd;
}
const expectCode = (fn: () => unknown, code: string, text?: string) =>
  expect(fn).toThrowError(
    expect.objectContaining({ code, ...(text ? { message: expect.stringContaining(text) } : {}) }),
  );

describe('official checkpoint layout', () => {
  it('reads a training checkpoint: config from shapes, dilation cycle and schedules from its AttrDict params', () => {
    const model = prepareDiffwaveModel(smallSource());
    expect(model.config).toEqual(SMALL);
    expect(model.arch).toBe('6x16');
    expect(model.trainingBetas).toEqual(OFFICIAL_TRAINING_BETAS);
    expect(model.fastBetas).toEqual(OFFICIAL_FAST_BETAS);
    expect(model.convention).toBe(DIFFWAVE_PRESET);
    expect(model.hop).toBe(256);
    const sd = bareSmall();
    expect(model.parameters).toBe([...sd.values()].reduce((n, t) => n + t.data.length, 0));
  });

  it("computes the step table exactly as PyTorch does (the checkpoint stores torch's)", () => {
    const object = loadTorchCheckpoint(fixtureBytes('small.pt'), { allowGlobals: [PARAMS_CLASS] })
      .object as Map<string, unknown>;
    const stored = (object.get('model') as Map<string, TensorData>).get(
      'diffusion_embedding.embedding',
    )!;
    expect(stored.shape).toEqual([50, 128]);
    expect(compare(stepEmbeddingTable(50), stored.data as Float32Array).maxAbs).toBeLessThanOrEqual(
      1.2e-7,
    );
  });

  it('infers the base configuration from hash weights; the dilation cycle defaults to 10 without params', () => {
    expect(inferConfig(hashStateDict(DIFFWAVE_BASE))).toEqual(DIFFWAVE_BASE);
    const bare = prepareDiffwaveModel({ bytes: writeSafetensors(bareSmall()) });
    expect(bare.config.dilationCycle).toBe(10);
    expect(
      prepareDiffwaveModel({
        bytes: writeSafetensors(bareSmall()),
        config: { dilation_cycle_length: 3 },
      }).config,
    ).toEqual(SMALL);
    expect(
      prepareDiffwaveModel({ bytes: writeSafetensors(bareSmall()) }, { dilationCycle: 3 }).config,
    ).toEqual(SMALL);
    const prefixed = new Map([...bareSmall()].map(([k, t]) => [`module.${k}`, t]));
    expect(
      prepareDiffwaveModel({ bytes: writeSafetensors(prefixed) }).config.residualChannels,
    ).toBe(16);
  });

  it('detects unconditional variants', () => {
    const config = {
      ...DIFFWAVE_BASE,
      residualLayers: 3,
      residualChannels: 8,
      unconditional: true,
    };
    const model = prepareDiffwaveModel({ bytes: writeSafetensors(hashStateDict(config)) });
    expect(model.config).toEqual(config);
    expect(model.arch).toBe('3x8-uncond');
  });

  it('takes schedules and frontend params from a config.json, validating them', () => {
    const training = [1e-4, 0.001, 0.01, 0.02, 0.05, 0.1, 0.2];
    const model = prepareDiffwaveModel({
      bytes: writeSafetensors(bareSmall()),
      config: {
        noise_schedule: training,
        inference_noise_schedule: [1e-4, 0.01, 0.2],
        sample_rate: 16000,
        learning_rate: 2e-4,
      },
    });
    expect(model.trainingBetas).toEqual(training);
    expect(model.fastBetas).toEqual([1e-4, 0.01, 0.2]);
    expect(model.convention).toMatchObject({
      name: 'diffwave-16000-80',
      sampleRate: 16000,
      fmax: 8000,
      hop: 256,
      win: 1024,
    });
    expect(conventionFor({}, 80)).toBe(DIFFWAVE_PRESET);
    expectCode(
      () =>
        prepareDiffwaveModel({
          bytes: writeSafetensors(bareSmall()),
          config: { noise_schedule: [0.2, 0.1] },
        }),
      'E_SCHEDULE_INVALID',
    );
    expectCode(
      () =>
        prepareDiffwaveModel({
          bytes: writeSafetensors(bareSmall()),
          config: { noise_schedule: 'linear' },
        }),
      'E_MODEL_CONFIG',
      'noise_schedule',
    );
  });

  it('declares a non-exact receptive field from the dilations', () => {
    expect(receptiveField(DIFFWAVE_BASE)).toEqual({
      leftFrames: 14,
      rightFrames: 14,
      exact: false,
    });
    expect(prepareDiffwaveModel(smallSource()).receptiveField.exact).toBe(false);
  });
});

describe('model errors', () => {
  it('refuses weights that are not a DiffWave denoiser, naming the tensor', () => {
    const missing = bareSmall();
    missing.delete('residual_layers.2.output_projection.bias');
    expectCode(
      () => prepareDiffwaveModel({ bytes: writeSafetensors(missing), name: 'x.safetensors' }),
      'E_MODEL_ARCH',
      'residual_layers.2.output_projection',
    );
    const extra = bareSmall();
    extra.set('residual_layers.9.dilated_conv.bias', extra.get('skip_projection.bias')!);
    expectCode(
      () => prepareDiffwaveModel({ bytes: writeSafetensors(extra) }),
      'E_MODEL_ARCH',
      'does not use',
    );
    const misshapen = bareSmall();
    misshapen.set(
      'skip_projection.weight',
      misshapen.get('residual_layers.0.output_projection.weight')!,
    );
    expectCode(
      () => prepareDiffwaveModel({ bytes: writeSafetensors(misshapen) }),
      'E_MODEL_ARCH',
      'skip_projection.weight',
    );
    const half = bareSmall();
    half.delete('spectrogram_upsampler.conv1.weight');
    half.delete('spectrogram_upsampler.conv1.bias');
    half.delete('spectrogram_upsampler.conv2.weight');
    half.delete('spectrogram_upsampler.conv2.bias');
    expectCode(
      () => prepareDiffwaveModel({ bytes: writeSafetensors(half) }),
      'E_MODEL_ARCH',
      'no spectrogram upsampler',
    );
    const hifigan = new Map([
      [
        'conv_pre.weight',
        { dtype: 'float32', shape: [4, 80, 7], data: new Float32Array(4 * 80 * 7) } as TensorData,
      ],
    ]);
    expectCode(
      () => prepareDiffwaveModel({ bytes: writeSafetensors(hifigan) }),
      'E_MODEL_ARCH',
      'input_projection',
    );
  });

  it('refuses params that contradict the weights or the architecture', () => {
    const bytes = writeSafetensors(bareSmall());
    expectCode(
      () => prepareDiffwaveModel({ bytes, config: { residual_channels: 64 } }),
      'E_MODEL_CONFIG',
      'residualChannels',
    );
    expectCode(
      () => prepareDiffwaveModel({ bytes, config: { hop_samples: 300 } }),
      'E_MODEL_CONFIG',
      'hop_samples',
    );
    expectCode(
      () => prepareDiffwaveModel(smallSource(), { trainingSchedule: [1e-4, 0.01, 0.1] }),
      'E_MODEL_CONFIG',
      'stored step table has 50 rows',
    );
    expectCode(
      () => prepareDiffwaveModel({ bytes }, { dilationCycle: 0 }),
      'E_MODEL_CONFIG',
      'dilationCycle',
    );
  });

  it('refuses a malicious pickle as a model', () => {
    const evil = new TextEncoder().encode(
      '\x80\x02cos\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.',
    );
    expect(() => prepareDiffwaveModel({ bytes: evil })).toThrowError(
      expect.objectContaining({
        code: expect.stringMatching(/E_CHECKPOINT_UNSAFE|E_UNSUPPORTED_FORMAT/),
      }),
    );
  });
});

describe('conversion and the plugin', () => {
  it('converts to ONNX that describes itself and loads again', async () => {
    const converted = await diffwavePlugin.convert!(smallSource());
    const again = describeOnnxModel(converted.onnx);
    const original = prepareDiffwaveModel(smallSource());
    expect(again.config).toEqual(original.config);
    expect(again.trainingBetas).toEqual(original.trainingBetas);
    expect(again.fastBetas).toEqual(original.fastBetas);
    expect(again.convention).toEqual(original.convention);
    expect(again.parameters).toBe(converted.parameters);
    expect(prepareDiffwaveModel({ bytes: converted.onnx }).arch).toBe('6x16');
  });

  it('refuses an ONNX model without DiffWave metadata', () => {
    const g = new GraphBuilder({ name: 'plain' });
    g.output(g.relu(g.input('x', 'float32', [1])), 'y', [1]);
    expectCode(
      () => prepareDiffwaveModel({ bytes: g.toBytes(), name: 'plain.onnx' }),
      'E_MODEL_CONFIG',
      'models import',
    );
  });

  it('needs a model and a backend; refuses unconditional models, other archs and fp16', async () => {
    const backend = createNodeBackend();
    await expect(diffwavePlugin.create({})).rejects.toMatchObject({ code: 'E_MODEL_NOT_FOUND' });
    await expect(diffwavePlugin.create({ model: smallSource() })).rejects.toMatchObject({
      code: 'E_BACKEND_UNAVAILABLE',
    });
    const uncond = {
      bytes: writeSafetensors(
        hashStateDict({
          ...DIFFWAVE_BASE,
          residualLayers: 2,
          residualChannels: 4,
          unconditional: true,
        }),
      ),
    };
    await expect(diffwavePlugin.create({ model: uncond, backend })).rejects.toMatchObject({
      code: 'E_MODEL_ARCH',
      message: expect.stringContaining('sampleDiffwave'),
    });
    await expect(
      diffwavePlugin.create({ model: smallSource(), backend, modelConfig: { arch: 'v2' } }),
    ).rejects.toMatchObject({ code: 'E_MODEL_ARCH' });
    await expect(
      diffwavePlugin.create({ model: smallSource(), backend, modelConfig: { precision: 'fp16' } }),
    ).rejects.toMatchObject({ code: 'E_UNSUPPORTED_FEATURE' });
  });
});
