/**
 * The `hifigan` vocoder plugin: official HiFi-GAN checkpoints (V1, V2, V3, custom configs) or
 * models converted from them, on any registered backend.
 */
import {
  HIFIGAN_PRESET,
  convertPrecision,
  modelRuntime,
  throwIfAborted,
  type ConvertOptions,
  type ConvertedModel,
  type ModelSource,
  type Vocoder,
  type VocoderCreateOptions,
  type VocoderPlugin,
} from '@voirs/core';
import { prepareHifiganModel } from './model.js';
import { convStackSpec, nativeStageFrom } from './native-stack.js';
import { graphWindowsFrom } from './parallel-windows.js';
import { quantizeHifiganModel } from './quantization.js';
import { HifiganVocoder } from './vocoder.js';

/** The plugin's registry name. */
export const HIFIGAN_NAME = 'hifigan';

/** Precisions the plugin runs and converts to. */
const PRECISIONS = ['fp32', 'int8'] as const;

/**
 * Converts a checkpoint to one ONNX model; with `precision: 'int8'` the model is quantised in
 * TypeScript (calibrated on `options.backend`), so it loads without calibrating again.
 */
async function convert(source: ModelSource, options: ConvertOptions = {}): Promise<ConvertedModel> {
  throwIfAborted(options.signal);
  const wanted = convertPrecision(options, { name: HIFIGAN_NAME, precisions: PRECISIONS });
  const prepared = prepareHifiganModel(source, { arch: options.arch });
  const model =
    wanted.precision === 'int8' && prepared.precision === 'fp32'
      ? await quantizeHifiganModel(prepared, (onnx) => wanted.backend.createSession(onnx))
      : prepared;
  throwIfAborted(options.signal);
  return {
    onnx: model.onnx,
    arch: model.arch,
    convention: model.convention,
    parameters: model.parameters,
    precision: model.precision,
  };
}

export const hifiganPlugin: VocoderPlugin = Object.freeze({
  kind: 'vocoder' as const,
  name: HIFIGAN_NAME,
  priority: 10,
  description:
    'HiFi-GAN generator (jik876 V1/V2/V3 or custom), official checkpoints converted to ONNX.',
  capabilities: Object.freeze(['neural', 'streaming', 'batch']),
  features: Object.freeze(['streaming', 'batch', 'deterministic'] as const),
  convention: HIFIGAN_PRESET,
  requiresModel: true,
  requiresBackend: true,
  async create(options: VocoderCreateOptions = {}): Promise<Vocoder> {
    const {
      model: source,
      backend,
      modelConfig,
      sessionOptions,
    } = modelRuntime(options, {
      name: HIFIGAN_NAME,
      modelHint: 'an official HiFi-GAN checkpoint (with its config.json)',
      precisions: PRECISIONS,
    });
    const precision = modelConfig.precision;
    const prepared = prepareHifiganModel(source, { arch: modelConfig.arch });
    const model =
      precision === 'int8' && prepared.precision === 'fp32'
        ? await quantizeHifiganModel(prepared, (onnx) =>
            backend.createSession(onnx, sessionOptions),
          )
        : prepared;
    throwIfAborted(options.signal);
    // fp32 on a backend with blocked CPU convolutions: the graph arranged for its blocks; several
    // threads: the network after conv_pre runs as that many windows side by side (graph.ts)
    const build = model.build;
    const channelBlock =
      build !== undefined && model.precision === 'fp32'
        ? backend.convolutionLayout?.(sessionOptions)?.blockChannels
        : undefined;
    const threads = sessionOptions.intraOpThreads;
    // (the backend reports bad thread counts itself; windows are capped at 64)
    const windows =
      build !== undefined && Number.isInteger(threads) && threads! > 1 ? Math.min(threads!, 64) : 1;
    // native kernels for the narrow stages (native-stack.ts) where the backend offers them
    const kernels =
      model.precision === 'fp32' && model.weights !== undefined
        ? backend.nativeKernels?.(sessionOptions)
        : undefined;
    const from = kernels === undefined ? undefined : nativeStageFrom(model.config);
    const native =
      from === undefined
        ? undefined
        : {
            stack: kernels!.prepareConvStack(convStackSpec(model.config, model.weights!(), from)),
            from,
            isa: kernels!.isa,
          };
    const onnx =
      channelBlock === undefined && windows === 1 && native === undefined
        ? model.onnx
        : build!({
            channelBlock,
            parallelWindows: windows,
            windowsFrom: graphWindowsFrom(model.config),
            stages: native?.from,
          });
    const session = await backend.createSession(onnx, sessionOptions);
    return new HifiganVocoder(
      model,
      session,
      backend,
      sessionOptions,
      build && (() => build({ masked: true, channelBlock })),
      windows,
      native,
    );
  },
  convert,
});
