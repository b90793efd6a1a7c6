/**
 * From a state dict with NVIDIA's key names (`upsample.*`, `WN.{k}.start|cond_layer|in_layers.{i}|
 * res_skip_layers.{i}|end.*`, `convinv.{k}.conv.weight`) to the folded float32 layers of every
 * flow, checked against a configuration; the inverse of each invertible convolution is computed
 * here, once, in float64.
 */
import { ModelError } from '@voirs/core';
import { foldWeightNormStateDict, toFloat32, type TensorData } from '@voirs/checkpoint';
import { describeConfig, flowChannels, validateConfig, type WaveglowConfig } from './config.js';
import { invertMatrix } from './invert-matrix.js';

/** One convolution: weight in PyTorch layout (`[out, in, k]`; `[in, out, k]` when transposed) and bias. */
export interface ConvWeights {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  readonly dims: readonly [number, number, number];
}

/** Layer `i` of a flow's WN: the dilated conv, its slice of `cond_layer`, and `res_skip_layers.i`. */
export interface WnLayerWeights {
  readonly in: ConvWeights;
  readonly cond: ConvWeights;
  readonly resSkip: ConvWeights;
}

/** One flow: its WN and the inverse of its invertible 1x1 convolution. */
export interface FlowWeights {
  readonly start: ConvWeights;
  readonly layers: readonly WnLayerWeights[];
  readonly end: ConvWeights;
  /** `W^-1`, row-major `[c, c]`. */
  readonly inverse: Float32Array;
}

/** Every layer of a WaveGlow, flows in index order. */
export interface WaveglowWeights {
  readonly upsample: ConvWeights;
  readonly flows: readonly FlowWeights[];
}

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

/**
 * Removes a DataParallel `module.` prefix and refuses the layouts of older NVIDIA code
 * (per-layer `cond_layers`, separate `res_layers`/`skip_layers`).
 * @throws ModelError `E_CHECKPOINT_UNSUPPORTED` for those layouts.
 */
export function normalizeStateDict(
  stateDict: ReadonlyMap<string, TensorData>,
): Map<string, TensorData> {
  const keys = [...stateDict.keys()];
  const prefixed = keys.length > 0 && keys.every((k) => k.startsWith('module.'));
  const out = new Map<string, TensorData>();
  for (const [k, t] of stateDict) out.set(prefixed ? k.slice('module.'.length) : k, t);
  const old = [...out.keys()].find((k) => /\.(cond_layers|res_layers|skip_layers)\./.test(k));
  if (old !== undefined) {
    throw new ModelError(
      'E_CHECKPOINT_UNSUPPORTED',
      `The checkpoint uses the layout of older WaveGlow code (${old}): per-layer cond_layers or separate ` +
        'res_layers/skip_layers. Convert it with convert_model.py from NVIDIA/waveglow first.',
    );
  }
  return out;
}

/**
 * Infers a configuration from tensor shapes alone. The upsampler's stride is not stored in the
 * weights and must be given (the module attribute, config.json's hop_length, or 256).
 * @throws ModelError `E_MODEL_ARCH` when the tensors are not a WaveGlow of NVIDIA's layout.
 */
export function inferConfig(
  stateDict: ReadonlyMap<string, TensorData>,
  upsampleStride: number,
): WaveglowConfig {
  const shape = (key: string): readonly number[] | undefined =>
    (stateDict.get(`${key}.weight`) ?? stateDict.get(`${key}.weight_v`))?.shape;
  const notWaveglow = (what: string): never => {
    throw new ModelError(
      'E_MODEL_ARCH',
      `The checkpoint has no ${what}: it is not a WaveGlow of NVIDIA's layout.`,
    );
  };
  const up = shape('upsample');
  if (up === undefined || up.length !== 3) notWaveglow('upsample layer (a ConvTranspose1d)');
  let nFlows = 0;
  while (shape(`WN.${nFlows}.start`) !== undefined) nFlows++;
  if (nFlows === 0) notWaveglow('WN.0.start layer');
  const channels = Array.from(
    { length: nFlows },
    (_, k) => shape(`convinv.${k}.conv`)?.[0] ?? notWaveglow(`convinv.${k}.conv.weight`),
  );
  const first = channels.findIndex((c, k) => k > 0 && c !== channels[k - 1]);
  let nLayers = 0;
  while (shape(`WN.0.in_layers.${nLayers}`) !== undefined) nLayers++;
  const start = shape('WN.0.start') ?? notWaveglow('WN.0.start');
  const config: WaveglowConfig = {
    nMelChannels: up![0]!,
    nFlows,
    nGroup: channels[0]!,
    nEarlyEvery: first > 0 ? first : nFlows,
    nEarlySize: first > 0 ? channels[first - 1]! - channels[first]! : 0,
    wn: {
      nLayers,
      nChannels: start[0]!,
      kernelSize: shape('WN.0.in_layers.0')?.[2] ?? notWaveglow('WN.0.in_layers.0'),
    },
    upsampleKernel: up![2]!,
    upsampleStride,
  };
  channels.forEach((c, k) => {
    if (c !== flowChannels(config, k)) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `The invertible convolutions have ${shapeText(channels)} channels: no n_early_every / n_early_size ` +
          'gives that schedule. Pass the config.json the checkpoint was trained with.',
      );
    }
  });
  return validateConfig(config);
}

/**
 * Reads and checks every layer of `config` from a state dict (weight norm folded here) and
 * inverts the invertible convolutions.
 * @throws ModelError `E_MODEL_ARCH` for missing, misshapen or unused tensors; `E_CHECKPOINT_INVALID`
 * for a singular invertible convolution.
 */
export function extractWeights(
  stateDict: ReadonlyMap<string, TensorData>,
  config: WaveglowConfig,
): WaveglowWeights {
  const folded = foldWeightNormStateDict(new Map(stateDict));
  const used = new Set<string>();
  const tensor = (key: string, dims: readonly number[]): Float32Array => {
    const t = folded.get(key);
    if (t === undefined) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `The checkpoint has no ${key}: it does not fit this WaveGlow configuration (${describeConfig(config)}). ` +
          'Pass the config.json the checkpoint was trained with.',
      );
    }
    if (t.shape.length !== dims.length || t.shape.some((d, i) => d !== dims[i])) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `${key} has shape ${shapeText(t.shape)} but the configuration (${describeConfig(config)}) needs ` +
          `${shapeText(dims)}. Use the config.json that belongs to this checkpoint.`,
      );
    }
    used.add(key);
    return toFloat32(t);
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
  const upsample = conv('upsample', [m, m, config.upsampleKernel], m);
  const flows = Array.from({ length: config.nFlows }, (_, k): FlowWeights => {
    const channels = flowChannels(config, k);
    const half = channels / 2;
    const prefix = `WN.${k}`;
    const cond = conv(`${prefix}.cond_layer`, [2 * c * nLayers, m * config.nGroup, 1]);
    const perLayer = 2 * c * m * config.nGroup;
    const layers = Array.from({ length: nLayers }, (_, i): WnLayerWeights => ({
      in: conv(`${prefix}.in_layers.${i}`, [2 * c, c, kernelSize]),
      cond: {
        weight: cond.weight.slice(i * perLayer, (i + 1) * perLayer),
        bias: cond.bias.slice(i * 2 * c, (i + 1) * 2 * c),
        dims: [2 * c, m * config.nGroup, 1],
      },
      resSkip: conv(`${prefix}.res_skip_layers.${i}`, [i < nLayers - 1 ? 2 * c : c, c, 1]),
    }));
    const w = tensor(`convinv.${k}.conv.weight`, [channels, channels, 1]);
    const inverse = invertMatrix(w, channels);
    if (inverse === undefined) {
      throw new ModelError(
        'E_CHECKPOINT_INVALID',
        `convinv.${k}.conv.weight is singular or not finite, so flow ${k} cannot be inverted: the checkpoint is damaged.`,
      );
    }
    return {
      start: conv(`${prefix}.start`, [c, half, 1]),
      layers,
      end: conv(`${prefix}.end`, [2 * half, c, 1]),
      inverse: Float32Array.from(inverse),
    };
  });
  const extra = [...folded.keys()].filter((k) => !used.has(k));
  if (extra.length > 0) {
    throw new ModelError(
      'E_MODEL_ARCH',
      `The checkpoint has tensors this configuration (${describeConfig(config)}) does not use: ` +
        `${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}.`,
    );
  }
  return { upsample, flows };
}

/** Parameters of the folded model (the inverses count as the matrices they replace). */
export function countParameters(weights: WaveglowWeights): number {
  const size = (w: ConvWeights) => w.weight.length + w.bias.length;
  return weights.flows.reduce(
    (sum, f) =>
      sum +
      size(f.start) +
      size(f.end) +
      f.inverse.length +
      f.layers.reduce((s, l) => s + size(l.in) + size(l.cond) + size(l.resSkip), 0),
    size(weights.upsample),
  );
}
