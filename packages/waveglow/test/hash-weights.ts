/**
 * Deterministic "hash weights" for WaveGlow state dicts (NVIDIA's key names), bit-identical to
 * `hash_state_dict` in tools/reference/waveglow_model.py: a murmur3-finalised counter per tensor
 * seeded by the FNV-1a hash of its name, float64 maths, one rounding to float32. Models of any
 * size can so be checked against PyTorch (and benchmarked) without committing their weights.
 */
import type { TensorData } from '@voirs/checkpoint';
import { hashUniform } from '@voirs/core/testing';
import { flowChannels, type WaveglowConfig } from '../src/index.js';

type Extra = 'reversal' | 'log-scale' | undefined;

/** (scale, offset, extra) of a key, as `hash_rule` in waveglow_model.py. */
function rule(key: string, shape: readonly number[]): [number, number, Extra] {
  const fan = shape.slice(1).reduce((a, b) => a * b, 1);
  if (key.endsWith('.weight_g'))
    return key.includes('.cond_layer.') ? [0.1, 0.3, undefined] : [0.25, 1, undefined];
  if (key.endsWith('.weight_v')) return [1, 0, undefined];
  if (key.endsWith('.end.bias')) return [0.05, 0, 'log-scale'];
  if (key.endsWith('.bias')) return [0.05, 0, undefined];
  if (key === 'upsample.weight')
    return [1 / Math.sqrt((shape[0]! * shape[2]!) / 256), 0, undefined];
  if (key.endsWith('.end.weight')) return [0.3 / Math.sqrt(fan), 0, undefined];
  if (key.endsWith('.conv.weight')) return [0.3 / Math.sqrt(shape[0]!), 0, 'reversal'];
  throw new Error(`no hash rule for ${key}`);
}

/** The hash tensor of `key`. */
export function hashTensor(key: string, shape: readonly number[]): TensorData {
  const [scale, offset, extra] = rule(key, shape);
  const n = shape.reduce((a, b) => a * b, 1);
  const u = hashUniform(key, n);
  const data = new Float32Array(n);
  const c = shape[0]!;
  for (let i = 0; i < n; i++) {
    let value = u[i]! * scale + offset;
    if (extra === 'reversal' && Math.floor(i / c) + (i % c) === c - 1) value += 1;
    if (extra === 'log-scale' && i >= Math.floor(c / 2)) value += 1;
    data[i] = value;
  }
  return { dtype: 'float32', shape, data };
}

/** A state dict of `config` in NVIDIA's layout (weight-normed where NVIDIA's is). */
export function hashStateDict(config: WaveglowConfig): Map<string, TensorData> {
  const sd = new Map<string, TensorData>();
  const put = (key: string, shape: readonly number[]) => sd.set(key, hashTensor(key, shape));
  const normed = (name: string, shape: readonly number[]) => {
    put(`${name}.bias`, [shape[0]!]);
    put(`${name}.weight_g`, [shape[0]!, 1, 1]);
    put(`${name}.weight_v`, shape);
  };
  const m = config.nMelChannels;
  const { nLayers, nChannels: c, kernelSize } = config.wn;
  put('upsample.weight', [m, m, config.upsampleKernel]);
  put('upsample.bias', [m]);
  for (let k = 0; k < config.nFlows; k++) {
    const half = flowChannels(config, k) / 2;
    for (let i = 0; i < nLayers; i++) normed(`WN.${k}.in_layers.${i}`, [2 * c, c, kernelSize]);
    for (let i = 0; i < nLayers; i++)
      normed(`WN.${k}.res_skip_layers.${i}`, [i < nLayers - 1 ? 2 * c : c, c, 1]);
    normed(`WN.${k}.start`, [c, half, 1]);
    put(`WN.${k}.end.weight`, [2 * half, c, 1]);
    put(`WN.${k}.end.bias`, [2 * half]);
    normed(`WN.${k}.cond_layer`, [2 * c * nLayers, m * config.nGroup, 1]);
  }
  for (let k = 0; k < config.nFlows; k++)
    put(`convinv.${k}.conv.weight`, [flowChannels(config, k), flowChannels(config, k), 1]);
  return sd;
}
