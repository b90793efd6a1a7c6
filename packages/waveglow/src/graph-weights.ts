/**
 * Reads the layers back from a full WaveGlow graph this package built (a converted model), by the
 * initializer names of `graph.ts`, so that the vocoder can build its per-stage graphs from it.
 */
import { ModelError } from '@voirs/core';
import type { OnnxTensorInfo } from '@voirs/onnx';
import { flowChannels, type WaveglowConfig } from './config.js';
import { layerNames } from './graph.js';
import type { ConvWeights, FlowWeights, WaveglowWeights } from './weights.js';

/**
 * The weights of `config` from a graph's initializers.
 * @throws ModelError `E_MODEL_ARCH` when an initializer is missing, not raw float32 or misshapen.
 */
export function weightsFromGraph(
  initializers: readonly OnnxTensorInfo[],
  config: WaveglowConfig,
): WaveglowWeights {
  const byName = new Map(initializers.map((t) => [t.name, t]));
  const tensor = (name: string, dims: readonly number[]): Float32Array => {
    const t = byName.get(name);
    if (
      t === undefined ||
      t.dtype !== 'float32' ||
      t.rawData === undefined ||
      t.dims.join() !== dims.join()
    ) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `The ONNX model has no raw float32 initializer ${name} [${dims.join(', ')}]: it was not converted by ` +
          '@voirs/waveglow for the configuration its metadata claims. Convert the original checkpoint again.',
      );
    }
    const data = new Float32Array(t.elementCount);
    new Uint8Array(data.buffer).set(t.rawData);
    return data;
  };
  const conv = (
    name: string,
    dims: readonly [number, number, number],
    outputs = dims[0],
  ): ConvWeights => ({
    weight: tensor(`${name}.weight`, dims),
    bias: tensor(`${name}.bias`, [outputs]),
    dims,
  });
  const m = config.nMelChannels;
  const { nLayers, nChannels: c, kernelSize } = config.wn;
  const flows = Array.from({ length: config.nFlows }, (_, k): FlowWeights => {
    const channels = flowChannels(config, k);
    return {
      start: conv(layerNames.start(k), [c, channels / 2, 1]),
      layers: Array.from({ length: nLayers }, (_, i) => ({
        in: conv(layerNames.inLayer(k, i), [2 * c, c, kernelSize]),
        cond: conv(layerNames.cond(k, i), [2 * c, m * config.nGroup, 1]),
        resSkip: conv(layerNames.resSkip(k, i), [i < nLayers - 1 ? 2 * c : c, c, 1]),
      })),
      end: conv(layerNames.end(k), [channels, c, 1]),
      inverse: tensor(layerNames.inverse(k), [channels, channels, 1]),
    };
  });
  return { upsample: conv(layerNames.upsample, [m, m, config.upsampleKernel], m), flows };
}
