/**
 * Deterministic "hash weights" for HiFi-GAN state dicts, bit-identical to
 * tools/reference/hifigan_model.py `hash_state_dict` (murmur3-finalised counters, float64 maths,
 * one rounding to float32), so random-weight architectures can be checked against PyTorch without
 * committing weights.
 */
import type { TensorData } from '@voirs/checkpoint';
import { hashUniform } from '@voirs/core/testing';
import type { HifiganConfig } from '../src/index.js';

function hashTensor(key: string, shape: readonly number[], scale: number, offset = 0): TensorData {
  const u = hashUniform(
    key,
    shape.reduce((a, b) => a * b, 1),
  );
  const data = Float32Array.from(u, (x) => Math.fround(Math.fround(x * scale) + offset));
  return { dtype: 'float32', shape, data };
}

/** A weight-normed state dict for `config`, in PyTorch key order. */
export function hashStateDict(config: HifiganConfig): Map<string, TensorData> {
  const sd = new Map<string, TensorData>();
  const conv = (name: string, v: readonly number[], outChannels: number) => {
    const fan = v.reduce((a, b) => a * b, 1) / v[0]!;
    sd.set(`${name}.bias`, hashTensor(`${name}.bias`, [outChannels], 0.01));
    sd.set(`${name}.weight_g`, hashTensor(`${name}.weight_g`, [v[0]!, 1, 1], 0.5, 1));
    sd.set(`${name}.weight_v`, hashTensor(`${name}.weight_v`, v, 1 / Math.sqrt(fan)));
  };
  const c0 = config.upsampleInitialChannel;
  conv('conv_pre', [c0, config.nMels, 7], c0);
  config.upsampleRates.forEach((_, i) =>
    conv(`ups.${i}`, [c0 >> i, c0 >> (i + 1), config.upsampleKernelSizes[i]!], c0 >> (i + 1)),
  );
  config.upsampleRates.forEach((_, stage) => {
    const ch = c0 >> (stage + 1);
    config.resblockKernelSizes.forEach((k, j) => {
      const index = stage * config.resblockKernelSizes.length + j;
      const dilations = config.resblockDilationSizes[j]!;
      if (config.resblock === '1') {
        dilations.forEach((_d, n) => conv(`resblocks.${index}.convs1.${n}`, [ch, ch, k], ch));
        dilations.forEach((_d, n) => conv(`resblocks.${index}.convs2.${n}`, [ch, ch, k], ch));
      } else {
        dilations.forEach((_d, n) => conv(`resblocks.${index}.convs.${n}`, [ch, ch, k], ch));
      }
    });
  });
  conv('conv_post', [1, c0 >> config.upsampleRates.length, 7], 1);
  return sd;
}
