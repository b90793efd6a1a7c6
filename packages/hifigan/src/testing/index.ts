/**
 * @voirs/hifigan/testing: a tiny HiFi-GAN generator (16 channels, four x4 upsampling stages = hop
 * 256, one ResBlock2) with deterministic weights — a checkpoint that converts and runs in
 * milliseconds, for tests that need a real model (the CLI's `models` commands, the hardening
 * suites: leaks, concurrency, kill tests).
 * @packageDocumentation
 */
import { writeSafetensors, type TensorData } from '@voirs/checkpoint';
import { prepareHifiganModel } from '../model.js';

/** The generator's config.json (jik876 key names). */
export const TINY_HIFIGAN_CONFIG = Object.freeze({
  resblock: '2',
  upsample_rates: [4, 4, 4, 4],
  upsample_kernel_sizes: [8, 8, 8, 8],
  upsample_initial_channel: 16,
  resblock_kernel_sizes: [3],
  resblock_dilation_sizes: [[1]],
  num_mels: 80,
  sampling_rate: 22050,
  n_fft: 1024,
  hop_size: 256,
  win_size: 1024,
  fmin: 0,
  fmax: 8000,
});

function tensor(shape: readonly number[], seed: number, scale: number): TensorData {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed) * scale);
  return { dtype: 'float32', shape: [...shape], data };
}

/** The checkpoint: a plain state dict as safetensors (about 30 KB). */
export function tinyHifiganCheckpoint(): Uint8Array {
  const sd = new Map<string, TensorData>();
  const conv = (name: string, shape: readonly number[], out: number) => {
    sd.set(`${name}.weight`, tensor(shape, sd.size, 1 / Math.sqrt(shape[1]! * shape[2]!)));
    sd.set(`${name}.bias`, tensor([out], sd.size, 0.01));
  };
  const c0 = TINY_HIFIGAN_CONFIG.upsample_initial_channel;
  conv('conv_pre', [c0, 80, 7], c0);
  TINY_HIFIGAN_CONFIG.upsample_rates.forEach((_, i) =>
    conv(`ups.${i}`, [c0 >> i, c0 >> (i + 1), 8], c0 >> (i + 1)),
  );
  TINY_HIFIGAN_CONFIG.upsample_rates.forEach((_, stage) => {
    const ch = c0 >> (stage + 1);
    conv(`resblocks.${stage}.convs.0`, [ch, ch, 3], ch);
  });
  conv('conv_post', [1, c0 >> 4, 7], 1);
  return writeSafetensors(sd);
}

/** The checkpoint converted to a self-contained ONNX model (what `models import` caches). */
export function tinyHifiganOnnx(): Uint8Array {
  return prepareHifiganModel({
    bytes: tinyHifiganCheckpoint(),
    config: { ...TINY_HIFIGAN_CONFIG },
    name: 'tiny',
  }).onnx;
}
