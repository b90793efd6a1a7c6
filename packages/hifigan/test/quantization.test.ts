import { describe, expect, it } from 'vitest';
import { HIFIGAN_PRESET } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import { writeSafetensors } from '@voirs/checkpoint';
import {
  HIFIGAN_ARCHS,
  calibrationMel,
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

  it('quantises every multi-channel stride-1 conv into QLinearConv-fusable Q/DQ with calibrated ranges', async () => {
    const base = prepareHifiganModel(v3());
    const q = await quantizeHifiganModel(base, (onnx) => backend.createSession(onnx, {}));
    expect(q.precision).toBe('int8');
    const { readOnnxModel } = await import('@voirs/onnx');
    const info = readOnnxModel(q.onnx);
    expect(info.metadata.precision).toBe('int8');
    const convs = 1 + 3 * 3 * 2; // conv_pre + V3's 3 stages x 3 blocks x 2 convs
    expect(info.graph.opCounts.QuantizeLinear).toBe(2 * convs);
    expect(info.graph.initializers.filter((t) => t.name.endsWith('.weight_int8'))).toHaveLength(
      convs,
    );
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
