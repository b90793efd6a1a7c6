/**
 * `voirs-vocoder info` for model files: checkpoints (torch zip/legacy, safetensors, npz) and ONNX
 * models. Nothing is executed: checkpoints go through the safe readers of @voirs/checkpoint.
 */
import { loadWeights, type WeightFormat } from '@voirs/checkpoint';
import { PARAMS_CLASS } from '@voirs/diffwave';
import { readOnnxModel } from '@voirs/onnx';
import { WAVEGLOW_GLOBALS } from '@voirs/waveglow';

/** The classes the official checkpoints pickle (inert records, as the vocoder plugins read them). */
const MODEL_CLASSES = [...WAVEGLOW_GLOBALS, PARAMS_CLASS];

/** Which vocoder a state dict looks like, from its key names. */
function guessVocoder(keys: readonly string[]): string {
  const has = (prefix: string) => keys.some((k) => k.startsWith(prefix));
  if (has('conv_pre.') && has('ups.') && has('resblocks.')) return 'hifigan';
  if (has('residual_layers.') && has('input_projection.')) return 'diffwave';
  if (has('WN.') && has('convinv.')) return 'waveglow';
  return 'unknown';
}

/** Describes an ONNX model or a checkpoint (format already detected by content). */
export function describeModel(bytes: Uint8Array, format: WeightFormat): Record<string, unknown> {
  if (format === 'onnx') {
    const model = readOnnxModel(bytes);
    const { graph, metadata } = model;
    return {
      type: 'onnx',
      irVersion: model.irVersion,
      opsets: model.opsetImports.map((o) => `${o.domain || 'ai.onnx'}:${o.version}`),
      producer: model.producerName,
      vocoder: metadata.voirs_vocoder ?? 'unknown (not converted by voirs-vocoder)',
      arch: metadata.arch,
      precision: metadata.precision,
      sampleRate: metadata.sample_rate === undefined ? undefined : Number(metadata.sample_rate),
      hop: metadata.hop === undefined ? undefined : Number(metadata.hop),
      melPreset: metadata.mel_preset,
      inputs: graph.inputs.map(
        (i) => `${i.name} ${i.dtype ?? '?'} [${(i.shape ?? []).join(', ')}]`,
      ),
      outputs: graph.outputs.map(
        (o) => `${o.name} ${o.dtype ?? '?'} [${(o.shape ?? []).join(', ')}]`,
      ),
      parameters: graph.initializers.reduce((sum, t) => sum + t.elementCount, 0),
      nodes: graph.nodes.length,
    };
  }
  const tensors = loadWeights(bytes, { allowGlobals: MODEL_CLASSES });
  const keys = [...tensors.keys()];
  let parameters = 0;
  const dtypes = new Set<string>();
  for (const t of tensors.values()) {
    parameters += t.shape.reduce((a, b) => a * b, 1);
    dtypes.add(t.dtype);
  }
  return {
    type: 'checkpoint',
    format,
    vocoder: guessVocoder(keys),
    tensors: keys.length,
    parameters,
    dtypes: [...dtypes],
    weightNorm: keys.some((k) => k.endsWith('weight_g')),
    firstKeys: keys.slice(0, 5),
  };
}
