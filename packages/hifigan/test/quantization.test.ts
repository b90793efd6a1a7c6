import { describe, expect, it } from 'vitest';
import { HIFIGAN_PRESET } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import { writeSafetensors } from '@voirs/checkpoint';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOnnxModel } from '@voirs/onnx';
import {
  HIFIGAN_ARCHS,
  calibrationMel,
  clippedRange,
  hifiganPlugin,
  prepareHifiganModel,
  quantizeHifiganModel,
} from '../src/index.js';
import { goldenMel } from './fixtures.js';
import { hashStateDict } from './hash-weights.js';

const backend = createNodeBackend();
const v3 = () => ({ bytes: writeSafetensors(hashStateDict(HIFIGAN_ARCHS.v3)), name: 'v3' });

describe('int8 quantisation', () => {
  it('makes a speech-like calibration mel in the model convention', () => {
    const mel = calibrationMel(HIFIGAN_PRESET);
    expect(mel.convention).toBe(HIFIGAN_PRESET);
    expect(mel.frames).toBeGreaterThan(300);
    let min = Infinity;
    let max = -Infinity;
    for (const v of mel.data) [min, max] = [Math.min(min, v), Math.max(max, v)];
    expect(max - min).toBeGreaterThan(8); // loud voiced segments and near silence
  });

  it('quantises every multi-channel conv and every activation between them, and onnxruntime runs it all in uint8', async () => {
    const base = prepareHifiganModel(v3());
    const q = await quantizeHifiganModel(base, (onnx) => backend.createSession(onnx, {}));
    expect(q.precision).toBe('int8');
    const info = readOnnxModel(q.onnx);
    expect(info.metadata.precision).toBe('int8');
    // V3 (ResBlock2, dilations [1,2] [2,6] [3,12]): conv_pre + per stage 3 blocks x 2 convs and
    // the upsampler's polyphase conv
    const convs = 1 + 3 * (3 * 2 + 1);
    expect(info.graph.initializers.filter((t) => t.name.endsWith('.weight_int8'))).toHaveLength(
      convs,
    );
    // quantisation points: conv_pre; per stage the upsampler's input activation and output, the
    // blocks' shared activation, per block 2 conv outputs + 2 residual sums + 1 activation, and
    // 2 partial sums of the blocks; the final activation
    const points = 1 + 3 * (3 + 3 * 5 + 2) + 1;
    expect(info.graph.opCounts.QuantizeLinear).toBe(points);

    // what onnxruntime makes of it: uint8 kernels, no float activations or additions left
    const dir = mkdtempSync(join(tmpdir(), 'voirs-int8-'));
    try {
      const optimized = join(dir, 'optimized.onnx');
      const session = await backend.createSession(q.onnx, {
        intraOpThreads: 1,
        extra: { optimizedModelFilePath: optimized },
      });
      await session.dispose();
      const ops = readOnnxModel(readFileSync(optimized)).graph.opCounts;
      expect(ops['com.microsoft:QLinearConv']).toBe(convs - 1); // conv_pre reads the float mel
      expect(ops['com.microsoft:QLinearLeakyRelu']).toBeGreaterThan(0);
      expect(ops['com.microsoft:QLinearAdd']).toBe(3 * (3 * 2 + 2)); // the residual sums and partial sums
      for (const float of ['LeakyRelu', 'Add', 'ConvTranspose']) expect(ops[float]).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps stages narrower than 16 channels in fp32 (V2: the 8-channel last stage)', async () => {
    const v2 = prepareHifiganModel(
      { bytes: writeSafetensors(hashStateDict(HIFIGAN_ARCHS.v2)) },
      { arch: 'v2' },
    );
    const q = await quantizeHifiganModel(v2, (onnx) => backend.createSession(onnx, {}));
    const names = readOnnxModel(q.onnx).graph.initializers.map((t) => t.name);
    const int8 = names.filter((n) => n.endsWith('.weight_int8'));
    // conv_pre + stages 0-2 (3 blocks x 3 pairs of convs + the polyphase upsampler)
    expect(int8).toHaveLength(1 + 3 * (3 * 6 + 1));
    for (const layer of ['resblocks.9.convs1.0', 'resblocks.11.convs2.2', 'ups.3.polyphase'])
      expect(names.some((n) => n.startsWith(`${layer}.`) && n.endsWith('weight_int8'))).toBe(false);
    expect(names).toContain('resblocks.9.convs1.0.weight');
    expect(names.some((n) => n.startsWith('resblocks.9.') && n.endsWith('q_scale'))).toBe(false);
  });

  it('calibrates ranges that leave out the rarest values', () => {
    const data = new Float32Array(100_000);
    for (let i = 0; i < data.length; i++) data[i] = (i / data.length) * 2 - 1; // uniform in [-1, 1)
    data[0] = -50; // outliers
    data[1] = 80;
    expect(clippedRange(data, 0)).toEqual([-50, 80]);
    const [lo, hi] = clippedRange(data, 1e-3);
    const bin = 130 / 4096;
    expect(lo).toBeGreaterThanOrEqual(-1 - bin);
    expect(lo).toBeLessThanOrEqual(-0.998 + bin);
    expect(hi).toBeLessThanOrEqual(1 + bin);
    expect(hi).toBeGreaterThanOrEqual(0.998 - bin);
    expect(clippedRange(new Float32Array([3, 3, 3]), 1e-3)).toEqual([3, 3]);
  });

  it('refuses calibration options out of range before running anything', async () => {
    const base = prepareHifiganModel(v3());
    const never = () => Promise.reject(new Error('no session should be created'));
    for (const options of [{ clip: 0.5 }, { clip: -1 }, { clip: Number.NaN }, { headroom: 0.5 }])
      await expect(quantizeHifiganModel(base, never, options)).rejects.toMatchObject({
        code: 'E_INVALID_ARGUMENT',
      });
  });

  it('vocodes through the plugin with precision int8, close to fp32', async () => {
    const fp32 = await hifiganPlugin.create({ model: v3(), backend });
    const int8 = await hifiganPlugin.create({
      model: v3(),
      backend,
      modelConfig: { precision: 'int8' },
    });
    try {
      expect(int8.metadata.arch).toBe('hifigan-v3-int8');
      const mel = goldenMel(48);
      const a = (await fp32.vocode(mel)).samples;
      const b = (await int8.vocode(mel)).samples;
      expect(b.length).toBe(a.length);
      let signal = 0;
      let noise = 0;
      for (let i = 0; i < a.length; i++) {
        expect(Math.abs(b[i]!)).toBeLessThanOrEqual(1);
        signal += a[i]! ** 2;
        noise += (a[i]! - b[i]!) ** 2;
      }
      expect(10 * Math.log10(signal / noise)).toBeGreaterThan(3); // lossy, but the same waveform
      const batch = await int8.vocodeBatch([goldenMel(20), goldenMel(35)]);
      expect(batch.map((x) => x.samples.length)).toEqual([20 * 256, 35 * 256]);
    } finally {
      await Promise.all([fp32.dispose(), int8.dispose()]);
    }
  });

  it('converts to int8 (convert with precision and a backend to calibrate on), loadable without calibrating again', async () => {
    const converted = await hifiganPlugin.convert!(v3(), { precision: 'int8', backend });
    expect(converted).toMatchObject({ arch: 'v3', precision: 'int8' });
    const loaded = prepareHifiganModel({ bytes: converted.onnx });
    expect(loaded.precision).toBe('int8');
    const atLoad = await quantizeHifiganModel(prepareHifiganModel(v3()), (onnx) =>
      backend.createSession(onnx, {}),
    );
    expect(Buffer.from(converted.onnx).equals(Buffer.from(atLoad.onnx))).toBe(true); // byte-identical
    expect((await hifiganPlugin.convert!(v3())).precision).toBe('fp32');
  });

  it('refuses int8 conversion without a backend, and precisions it cannot produce', async () => {
    await expect(hifiganPlugin.convert!(v3(), { precision: 'int8' })).rejects.toMatchObject({
      code: 'E_BACKEND_UNAVAILABLE',
    });
    await expect(
      hifiganPlugin.convert!(v3(), { precision: 'fp16', backend }),
    ).rejects.toMatchObject({ code: 'E_UNSUPPORTED_FEATURE' });
    await expect(
      hifiganPlugin.convert!(v3(), { precision: 'int4' as never }),
    ).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
  });
});
