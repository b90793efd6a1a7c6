/**
 * From a checkpoint's state dict to the generator's folded float32 weights, checked against a
 * configuration (or a configuration inferred from the tensor shapes).
 */
import { ModelError } from '@voirs/core';
import { foldWeightNormStateDict, toFloat32, type TensorData } from '@voirs/checkpoint';
import { HIFIGAN_ARCHS, validateConfig, type HifiganConfig } from './config.js';

/** One convolution: weight in PyTorch layout ([out, in, k], or [in, out, k] for transposed) and bias. */
export interface ConvWeights {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  readonly dims: readonly [number, number, number];
}

/** Every layer of a generator, in forward order. */
export interface HifiganWeights {
  readonly convPre: ConvWeights;
  readonly ups: readonly ConvWeights[];
  /** `resblocks[stage * kernels + j]`: for ResBlock1 `[convs1[n], convs2[n]]` pairs, for ResBlock2 `[convs[n]]`. */
  readonly resblocks: readonly (readonly (readonly ConvWeights[])[])[];
  readonly convPost: ConvWeights;
  /**
   * True when each stage's `1 / n_blocks` mean is already folded into the next layer's weights
   * (weights read back from a generator graph this package built); false for checkpoint weights.
   */
  readonly meanFolded: boolean;
}

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

/** Reads and checks the layers of `config` from a state dict (weight norm is folded here). */
export function extractWeights(
  stateDict: ReadonlyMap<string, TensorData>,
  config: HifiganConfig,
): HifiganWeights {
  const folded = foldWeightNormStateDict(new Map(stateDict));
  const used = new Set<string>();
  const conv = (name: string, dims: readonly [number, number, number]): ConvWeights => {
    const w = folded.get(`${name}.weight`);
    const b = folded.get(`${name}.bias`);
    if (w === undefined || b === undefined) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `The checkpoint has no ${name}.weight/bias: it does not fit this HiFi-GAN configuration ` +
          `(${describe(config)}). Pass the config.json the checkpoint was trained with, or --arch.`,
      );
    }
    if (
      w.shape.length !== 3 ||
      w.shape.some((d, i) => d !== dims[i]) ||
      b.shape.length !== 1 ||
      b.shape[0] !== (name.startsWith('ups') ? dims[1] : dims[0])
    ) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `${name}.weight has shape ${shapeText(w.shape)} (bias ${shapeText(b.shape)}) but the configuration ` +
          `(${describe(config)}) needs ${shapeText(dims)}. Use the config.json that belongs to this checkpoint.`,
      );
    }
    used.add(`${name}.weight`).add(`${name}.bias`);
    return { weight: toFloat32(w), bias: toFloat32(b), dims };
  };
  const c0 = config.upsampleInitialChannel;
  const convPre = conv('conv_pre', [c0, config.nMels, 7]);
  const ups = config.upsampleRates.map((_, i) =>
    conv(`ups.${i}`, [c0 >> i, c0 >> (i + 1), config.upsampleKernelSizes[i]!]),
  );
  const resblocks: ConvWeights[][][] = [];
  config.upsampleRates.forEach((_, stage) => {
    const ch = c0 >> (stage + 1);
    config.resblockKernelSizes.forEach((k, j) => {
      const index = stage * config.resblockKernelSizes.length + j;
      const dilations = config.resblockDilationSizes[j]!;
      resblocks.push(
        dilations.map((_d, n) =>
          config.resblock === '1'
            ? [
                conv(`resblocks.${index}.convs1.${n}`, [ch, ch, k]),
                conv(`resblocks.${index}.convs2.${n}`, [ch, ch, k]),
              ]
            : [conv(`resblocks.${index}.convs.${n}`, [ch, ch, k])],
        ),
      );
    });
  });
  const convPost = conv('conv_post', [1, c0 >> config.upsampleRates.length, 7]);
  const extra = [...folded.keys()].filter((k) => !used.has(k));
  if (extra.length > 0) {
    throw new ModelError(
      'E_MODEL_ARCH',
      `The checkpoint has tensors this configuration (${describe(config)}) does not use: ` +
        `${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}. ` +
        'Use the config.json that belongs to this checkpoint.',
    );
  }
  return { convPre, ups, resblocks, convPost, meanFolded: false };
}

/**
 * Infers a configuration from tensor shapes alone (no config.json). Channels, kernel sizes, stage
 * and block counts are read from the shapes; upsampling rates are taken as kernel / 2 (true of
 * every official model) and dilations from the built-in architecture with the same block layout.
 * @throws ModelError `E_MODEL_CONFIG` when the layout matches no built-in architecture.
 */
export function inferConfig(stateDict: ReadonlyMap<string, TensorData>): HifiganConfig {
  const shape = (key: string): readonly number[] | undefined =>
    (stateDict.get(`${key}.weight`) ?? stateDict.get(`${key}.weight_v`))?.shape;
  const pre = shape('conv_pre');
  if (pre === undefined || pre.length !== 3) {
    throw new ModelError(
      'E_MODEL_ARCH',
      'The checkpoint has no conv_pre layer: it is not a HiFi-GAN generator.',
    );
  }
  const kernels: number[] = [];
  while (shape(`ups.${kernels.length}`) !== undefined)
    kernels.push(shape(`ups.${kernels.length}`)![2]!);
  const resblock = shape('resblocks.0.convs1.0') !== undefined ? '1' : '2';
  const convs = resblock === '1' ? 'convs1' : 'convs';
  let blocks = 0;
  while (shape(`resblocks.${blocks}.${convs}.0`) !== undefined) blocks++;
  const perStage = kernels.length > 0 ? blocks / kernels.length : 0;
  const resblockKernelSizes = Array.from(
    { length: perStage },
    (_, j) => shape(`resblocks.${j}.${convs}.0`)![2]!,
  );
  const match = Object.values(HIFIGAN_ARCHS).find(
    (a) => a.resblock === resblock && a.resblockKernelSizes.join() === resblockKernelSizes.join(),
  );
  if (
    kernels.length === 0 ||
    kernels.some((k) => k % 2 !== 0) ||
    !Number.isInteger(perStage) ||
    match === undefined
  ) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      'Cannot infer this HiFi-GAN configuration from its weights (the resblock layout matches no built-in ' +
        'architecture). Put its config.json beside the checkpoint or pass one.',
    );
  }
  return validateConfig({
    ...match,
    upsampleRates: kernels.map((k) => k / 2),
    upsampleKernelSizes: kernels,
    upsampleInitialChannel: pre[0]!,
    nMels: pre[1]!,
  });
}

function describe(config: HifiganConfig): string {
  return (
    `resblock ${config.resblock}, ${config.upsampleInitialChannel} channels, upsample ` +
    `[${config.upsampleRates.join(',')}] kernels [${config.upsampleKernelSizes.join(',')}]`
  );
}

/**
 * Reads the layers back from a generator graph built by this package (initializers carry the
 * layer names; the stage means are already folded in).
 * @throws ModelError `E_MODEL_ARCH` when an expected initializer is missing or misshapen.
 */
export function weightsFromGraph(
  initializers: readonly {
    name: string;
    dims: readonly number[];
    rawData: Uint8Array | undefined;
  }[],
  config: HifiganConfig,
): HifiganWeights {
  const byName = new Map(initializers.map((t) => [t.name, t]));
  const tensors = new Map<string, TensorData>();
  for (const [name, t] of byName) {
    if (t.rawData === undefined || !/\.(weight|bias)$/.test(name)) continue;
    const data = new Float32Array(t.rawData.byteLength / 4);
    new Uint8Array(data.buffer).set(t.rawData);
    // graph weights are [out, in, 1, k] (2-D layout); the checkpoint layout is [out, in, k]
    const shape = t.dims.length === 4 ? [t.dims[0]!, t.dims[1]!, t.dims[3]!] : t.dims;
    tensors.set(name, { dtype: 'float32', shape, data });
  }
  return { ...extractWeights(tensors, config), meanFolded: true };
}
