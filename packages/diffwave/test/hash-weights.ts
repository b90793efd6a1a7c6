/**
 * Deterministic "hash weights" for DiffWave state dicts, bit-identical to
 * tools/reference/diffwave_model.py `hash_state_dict` (murmur3-finalised counters seeded by the
 * FNV-1a hash of each tensor name, float64 maths, one rounding to float32), so full-size networks
 * are checked against PyTorch without committing their weights.
 */
import type { TensorData } from '@voirs/checkpoint';
import { hashUniform } from '@voirs/core/testing';
import type { DiffwaveConfig } from '../src/index.js';

function hashTensor(key: string, shape: readonly number[], scale: number): TensorData {
  const u = hashUniform(
    key,
    shape.reduce((a, b) => a * b, 1),
  );
  return { dtype: 'float32', shape, data: Float32Array.from(u, (x) => Math.fround(x * scale)) };
}

/** Python's weight_scale(): variance 1/fan_in, the final projection with a gain of 10. */
function weightScale(key: string, shape: readonly number[]): number {
  const fan = key.startsWith('spectrogram_upsampler')
    ? 6
    : shape.reduce((a, b) => a * b, 1) / shape[0]!;
  return Math.sqrt(3 / fan) * (key === 'output_projection.weight' ? 10 : 1);
}

/** A state dict of the official layout for `config`, filled with hash weights. */
export function hashStateDict(config: DiffwaveConfig): Map<string, TensorData> {
  const sd = new Map<string, TensorData>();
  const layer = (name: string, shape: readonly number[]) => {
    sd.set(
      `${name}.weight`,
      hashTensor(`${name}.weight`, shape, weightScale(`${name}.weight`, shape)),
    );
    sd.set(
      `${name}.bias`,
      hashTensor(`${name}.bias`, [name.startsWith('spectrogram') ? 1 : shape[0]!], 0.05),
    );
  };
  const c = config.residualChannels;
  layer('input_projection', [c, 1, 1]);
  layer('diffusion_embedding.projection1', [512, 128]);
  layer('diffusion_embedding.projection2', [512, 512]);
  if (!config.unconditional) {
    layer('spectrogram_upsampler.conv1', [1, 1, 3, 32]);
    layer('spectrogram_upsampler.conv2', [1, 1, 3, 32]);
  }
  for (let i = 0; i < config.residualLayers; i++) {
    layer(`residual_layers.${i}.dilated_conv`, [2 * c, c, 3]);
    layer(`residual_layers.${i}.diffusion_projection`, [c, 512]);
    if (!config.unconditional)
      layer(`residual_layers.${i}.conditioner_projection`, [2 * c, config.nMels, 1]);
    layer(`residual_layers.${i}.output_projection`, [2 * c, c, 1]);
  }
  layer('skip_projection', [c, c, 1]);
  layer('output_projection', [1, c, 1]);
  return sd;
}
