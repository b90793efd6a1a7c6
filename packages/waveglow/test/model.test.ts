import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WAVEGLOW_PRESET } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import { writeSafetensors, type TensorData } from '@voirs/checkpoint';
import { GraphBuilder } from '@voirs/onnx';
import {
  WAVEGLOW_CONFIG,
  earlyFlows,
  flowChannels,
  inferConfig,
  invertMatrix,
  parseWaveglowJson,
  prepareWaveglowModel,
  receptiveField,
  remainingChannels,
  validateConfig,
  waveglowPlugin,
} from '../src/index.js';
import { HASH_CONFIG, HASH_CONFIG_JSON, hashSource, tinySource } from './fixtures.js';
import { hashStateDict } from './hash-weights.js';

const stateDictSource = (sd: Map<string, TensorData>, config?: Record<string, unknown>) => ({
  bytes: writeSafetensors(sd),
  config,
  name: 'wg.safetensors',
});

describe('configurations', () => {
  it("follows NVIDIA's channel schedule and early outputs", () => {
    expect(Array.from({ length: 12 }, (_, k) => flowChannels(WAVEGLOW_CONFIG, k))).toEqual([
      8, 8, 8, 8, 6, 6, 6, 6, 4, 4, 4, 4,
    ]);
    expect(earlyFlows(WAVEGLOW_CONFIG)).toEqual([8, 4]);
    expect(remainingChannels(WAVEGLOW_CONFIG)).toBe(4);
  });

  it('names what is wrong with an impossible configuration', () => {
    const bad = (changes: object) => () => validateConfig({ ...WAVEGLOW_CONFIG, ...changes });
    expect(bad({ nGroup: 7 })).toThrowError(
      expect.objectContaining({
        code: 'E_MODEL_CONFIG',
        message: expect.stringContaining('n_group 7'),
      }),
    );
    expect(bad({ nEarlySize: 4 })).toThrowError(/leaves 0 channels/);
    expect(bad({ upsampleStride: 250 })).toThrowError(/multiple of n_group/);
    expect(bad({ wn: { nLayers: 8, nChannels: 256, kernelSize: 4 } })).toThrowError(/must be odd/);
    expect(bad({ nFlows: 0 })).toThrowError(/n_flows/);
  });

  it('derives the receptive field from the flows, the upsampler and the denoiser', () => {
    // 12 flows x 255 steps x 8 samples + 1024 = 25504 samples -> 100 frames; upsampler 3 frames back
    expect(receptiveField(WAVEGLOW_CONFIG)).toEqual({
      leftFrames: 104,
      rightFrames: 101,
      exact: false,
    });
  });

  it("parses NVIDIA's config.json, its waveglow_config alone, and names bad keys", () => {
    const full = parseWaveglowJson(HASH_CONFIG_JSON);
    expect(full.flows).toMatchObject({
      nFlows: 12,
      nGroup: 8,
      wn: { nLayers: 3, nChannels: 16, kernelSize: 3 },
    });
    expect(full.frontend).toMatchObject({ hop_length: 256, mel_fmax: 8000 });
    expect(parseWaveglowJson(HASH_CONFIG_JSON.waveglow_config).flows).toEqual(full.flows);
    expect(() => parseWaveglowJson({ hop_size: 256 })).toThrowError(
      expect.objectContaining({
        code: 'E_MODEL_CONFIG',
        message: expect.stringContaining('not a WaveGlow config'),
      }),
    );
    expect(() =>
      parseWaveglowJson({
        waveglow_config: { ...HASH_CONFIG_JSON.waveglow_config, n_flows: 'twelve' },
      }),
    ).toThrowError(/waveglow_config\.n_flows/);
  });

  it('inverts matrices (property) and reports singular ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 81, maxLength: 81 }),
        (n, values) => {
          const m = Float64Array.from(
            { length: n * n },
            (_, i) => values[i]! * 0.3 + (i % (n + 1) === 0 ? 2 : 0),
          );
          const inv = invertMatrix(m, n)!;
          for (let r = 0; r < n; r++) {
            for (let c = 0; c < n; c++) {
              let sum = 0;
              for (let j = 0; j < n; j++) sum += m[r * n + j]! * inv[j * n + c]!;
              expect(sum).toBeCloseTo(r === c ? 1 : 0, 9);
            }
          }
        },
      ),
    );
    expect(invertMatrix([1, 2, 2, 4], 2)).toBeUndefined();
    expect(invertMatrix([1, Number.NaN, 0, 1], 2)).toBeUndefined();
  });
});

describe('checkpoints', () => {
  it('reads the configuration of a whole pickled glow.WaveGlow from its attributes', () => {
    const model = prepareWaveglowModel(tinySource());
    expect(model.config).toEqual({
      nMelChannels: 4,
      nFlows: 6,
      nGroup: 8,
      nEarlyEvery: 2,
      nEarlySize: 2,
      wn: { nLayers: 2, nChannels: 8, kernelSize: 3 },
      upsampleKernel: 512,
      upsampleStride: 256,
    });
    expect(model.arch).toBe('custom');
    expect(model.convention).toMatchObject({
      name: 'waveglow-custom',
      nMels: 4,
      hop: 256,
      sampleRate: 22050,
    });
    expect(model.parameters).toBeGreaterThan(20_000);
  });

  it('infers the configuration of a state dict from its shapes, with or without config.json', () => {
    const sd = hashStateDict(HASH_CONFIG);
    expect(inferConfig(sd, 256)).toEqual(HASH_CONFIG);
    const bare = prepareWaveglowModel(stateDictSource(sd));
    expect(bare.config).toEqual(HASH_CONFIG);
    expect(bare.convention).toBe(WAVEGLOW_PRESET);
    expect(prepareWaveglowModel(hashSource()).config).toEqual(HASH_CONFIG);
    const prefixed = new Map([...sd].map(([k, t]) => [`module.${k}`, t]));
    expect(prepareWaveglowModel(stateDictSource(prefixed)).config).toEqual(HASH_CONFIG);
  });

  it("adjusts the mel convention to data_config; the hop sets a state dict's stride, a module's must agree", () => {
    const sd = hashStateDict(HASH_CONFIG);
    const json = {
      ...HASH_CONFIG_JSON,
      data_config: { ...HASH_CONFIG_JSON.data_config, sampling_rate: 24000, mel_fmax: null },
    };
    expect(prepareWaveglowModel(stateDictSource(sd, json)).convention).toMatchObject({
      name: 'waveglow-custom',
      sampleRate: 24000,
      fmax: 12000,
    });
    const hop200 = { data_config: { ...HASH_CONFIG_JSON.data_config, hop_length: 200 } };
    const model = prepareWaveglowModel(stateDictSource(sd, hop200));
    expect([model.hop, model.config.upsampleStride, model.convention.hop]).toEqual([200, 200, 200]);
    expect(() => prepareWaveglowModel({ ...tinySource(), config: hop200 })).toThrowError(
      expect.objectContaining({
        code: 'E_MODEL_CONFIG',
        message: expect.stringContaining('hop_length 200'),
      }),
    );
  });

  it('refuses weights that do not fit the configuration, saying which tensor and what to do', () => {
    const sd = hashStateDict(HASH_CONFIG);
    const fourLayers = {
      ...HASH_CONFIG_JSON,
      waveglow_config: {
        ...HASH_CONFIG_JSON.waveglow_config,
        WN_config: { n_layers: 4, n_channels: 16, kernel_size: 3 },
      },
    };
    expect(() => prepareWaveglowModel(stateDictSource(sd, fourLayers))).toThrowError(
      expect.objectContaining({
        code: 'E_MODEL_ARCH',
        message: expect.stringMatching(
          /wg\.safetensors: .*WN\.0\.cond_layer\.weight.*config\.json/,
        ),
      }),
    );
    const missing = new Map(sd);
    missing.delete('WN.3.end.bias');
    expect(() => prepareWaveglowModel(stateDictSource(missing))).toThrowError(/WN\.3\.end\.bias/);
    const extra = new Map(sd).set('WN.0.spare.weight', sd.get('WN.0.end.weight')!);
    expect(() => prepareWaveglowModel(stateDictSource(extra))).toThrowError(
      /does not use: WN\.0\.spare\.weight/,
    );
    expect(() => prepareWaveglowModel(stateDictSource(sd), { arch: 'nvidia' })).toThrowError(
      expect.objectContaining({
        code: 'E_MODEL_ARCH',
        message: expect.stringContaining('not the "nvidia" architecture'),
      }),
    );
    expect(() => prepareWaveglowModel(stateDictSource(sd), { arch: 'v9' })).toThrowError(
      /Unknown WaveGlow architecture "v9"/,
    );
  });

  it('refuses a singular invertible convolution and the layout of older NVIDIA code', () => {
    const sd = hashStateDict(HASH_CONFIG);
    const singular = new Map(sd).set('convinv.5.conv.weight', {
      dtype: 'float32',
      shape: [6, 6, 1],
      data: new Float32Array(36),
    });
    expect(() => prepareWaveglowModel(stateDictSource(singular))).toThrowError(
      expect.objectContaining({
        code: 'E_CHECKPOINT_INVALID',
        message: expect.stringContaining('convinv.5'),
      }),
    );
    const old = new Map(sd).set('WN.0.cond_layers.0.weight', sd.get('WN.0.end.weight')!);
    expect(() => prepareWaveglowModel(stateDictSource(old))).toThrowError(
      expect.objectContaining({
        code: 'E_CHECKPOINT_UNSUPPORTED',
        message: expect.stringContaining('convert_model.py'),
      }),
    );
  });

  it('refuses a config.json that contradicts the pickled module', () => {
    const json = {
      waveglow_config: {
        n_mel_channels: 4,
        n_flows: 6,
        n_group: 8,
        n_early_every: 3,
        n_early_size: 2,
        WN_config: { n_layers: 2, n_channels: 8, kernel_size: 3 },
      },
    };
    expect(() => prepareWaveglowModel({ ...tinySource(), config: json })).toThrowError(
      expect.objectContaining({
        code: 'E_MODEL_CONFIG',
        message: expect.stringContaining('disagrees with the pickled module'),
      }),
    );
  });

  it('refuses an ONNX model without WaveGlow metadata and a malicious pickle', () => {
    const g = new GraphBuilder({ name: 'plain' });
    g.output(g.relu(g.input('x', 'float32', [1])), 'y', [1]);
    expect(() => prepareWaveglowModel({ bytes: g.toBytes(), name: 'plain.onnx' })).toThrowError(
      expect.objectContaining({
        code: 'E_MODEL_CONFIG',
        message: expect.stringContaining('models import'),
      }),
    );
    const evil = new TextEncoder().encode(
      '\x80\x02cos\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.',
    );
    expect(() => prepareWaveglowModel({ bytes: evil })).toThrowError(
      expect.objectContaining({
        code: expect.stringMatching(/E_CHECKPOINT_UNSAFE|E_UNSUPPORTED_FORMAT/),
      }),
    );
  });

  it('converts to one self-describing ONNX model that loads again', async () => {
    const converted = await waveglowPlugin.convert!(tinySource());
    expect(converted).toMatchObject({
      arch: 'custom',
      convention: { name: 'waveglow-custom', nMels: 4 },
    });
    const again = prepareWaveglowModel({ bytes: converted.onnx });
    expect(again.config).toEqual(prepareWaveglowModel(tinySource()).config);
    expect(again.parameters).toBe(converted.parameters);
    expect(again.convention).toEqual(converted.convention);
  });

  it('needs a model and a backend, and runs in fp32 only', async () => {
    await expect(waveglowPlugin.create({})).rejects.toMatchObject({ code: 'E_MODEL_NOT_FOUND' });
    await expect(waveglowPlugin.create({ model: tinySource() })).rejects.toMatchObject({
      code: 'E_BACKEND_UNAVAILABLE',
    });
    const fp16 = {
      model: tinySource(),
      backend: createNodeBackend(),
      modelConfig: { precision: 'fp16' as const },
    };
    await expect(waveglowPlugin.create(fp16)).rejects.toMatchObject({
      code: 'E_UNSUPPORTED_FEATURE',
    });
  });
});
