/**
 * The HiFi-GAN vocoder: runs the generator graph on a backend session.
 */
import {
  BaseVocoder,
  createTensor,
  throwIfAborted,
  type Backend,
  type ConvStack,
  type MelSpectrogram,
  type ResolvedSynthesisConfig,
  type Session,
  type Tensor,
  type SessionOptions,
  type VocoderFeature,
  type VocoderMetadata,
} from '@voirs/core';
import { AUDIO_OUTPUT, FEATURES_OUTPUT, LENGTHS_INPUT, MEL_INPUT } from './graph.js';
import type { HifiganModel } from './model.js';
import { planParallelWindows } from './parallel-windows.js';
import { parseHifiganOptions } from './synthesis-options.js';

/** Frames per batched run of {@link HifiganVocoder.vocodeBatch} (bounds peak memory). */
const BATCH_FRAME_BUDGET = 4096;

/** Builds the masked generator for mixed-length batches, on first use. */
export type MaskedModelFactory = () => Uint8Array;

/** The generator's stages from `from` on as a native conv stack (native-stack.ts). */
export interface NativeStages {
  readonly stack: ConvStack;
  /** The first stage it runs; the session's graph runs the ones before (`stages` in graph.ts). */
  readonly from: number;
  /** Instruction set of the kernels. */
  readonly isa: string;
}

export class HifiganVocoder extends BaseVocoder {
  readonly metadata: VocoderMetadata;
  protected readonly features: ReadonlySet<VocoderFeature> = new Set<VocoderFeature>([
    'streaming',
    'batch',
    'deterministic',
  ]);
  #masked: Promise<Session> | undefined;

  constructor(
    readonly model: HifiganModel,
    private readonly session: Session,
    private readonly backend: Backend,
    private readonly sessionOptions: SessionOptions,
    private readonly maskedModel: MaskedModelFactory | undefined,
    /** Time windows the session's graph already runs side by side (`parallelWindows`, graph.ts). */
    private readonly graphWindows = 1,
    /** Where the session's graph stops and native kernels run the rest. */
    private readonly native?: NativeStages,
  ) {
    super();
    this.metadata = Object.freeze({
      name: 'hifigan',
      arch: `hifigan-${model.arch}${model.precision === 'int8' ? '-int8' : ''}`,
      sampleRate: model.convention.sampleRate,
      hop: model.hop,
      convention: model.convention,
      receptiveField: model.receptiveField,
      extra: Object.freeze({
        backend: backend.name,
        parameters: model.parameters,
        precision: model.precision,
        ...(native === undefined
          ? {}
          : {
              native: `${native.isa} kernels for stages ${native.from}-${model.config.upsampleRates.length - 1}`,
            }),
      }),
    });
  }

  protected async synthesize(
    mel: MelSpectrogram,
    config: ResolvedSynthesisConfig,
  ): Promise<Float32Array> {
    const options = parseHifiganOptions(config.options);
    // chunks of the mel, each with the whole receptive field as context: only where the graph does
    // not already split the work over the threads itself (its windows carry less context)
    const parts =
      options.parallelChunks ??
      (this.graphWindows > 1 ? 1 : (this.sessionOptions.intraOpThreads ?? 1));
    const plan = planParallelWindows(mel.frames, parts, this.metadata.receptiveField);
    if (plan === undefined) {
      const data = createTensor('float32', mel.data, [1, mel.nMels, mel.frames]);
      return this.generate(data, config.signal);
    }
    const { windows, length } = plan;
    const { nMels } = mel;
    const batch = new Float32Array(windows.length * nMels * length);
    windows.forEach((w, b) => {
      for (let m = 0; m < nMels; m++) {
        const row = m * mel.frames + w.start;
        batch.set(mel.data.subarray(row, row + length), (b * nMels + m) * length);
      }
    });
    const audio = await this.generate(
      createTensor('float32', batch, [windows.length, nMels, length]),
      config.signal,
    );
    const hop = this.metadata.hop;
    const out = new Float32Array(mel.frames * hop);
    windows.forEach((w, b) => {
      const from = (b * length + (w.keepFrom - w.start)) * hop;
      out.set(audio.subarray(from, from + (w.keepTo - w.keepFrom) * hop), w.keepFrom * hop);
    });
    return out;
  }

  /**
   * Audio [batch * samples] for a mel batch: the session's graph, then the native stages (item by
   * item) when there are any.
   */
  private async generate(mel: Tensor, signal: AbortSignal | undefined): Promise<Float32Array> {
    const outputs = await this.session.run({ [MEL_INPUT]: mel }, { signal });
    if (this.native === undefined) return outputs[AUDIO_OUTPUT]!.data as Float32Array;
    throwIfAborted(signal);
    const features = outputs[FEATURES_OUTPUT]!;
    const [batch, channels, length] = features.dims as [number, number, number];
    const data = features.data as Float32Array;
    const { stack } = this.native;
    if (batch === 1) return stack.run(data, length);
    const audio = new Float32Array(batch * length * stack.upsample);
    for (let b = 0; b < batch; b++) {
      const item = data.subarray(b * channels * length, (b + 1) * channels * length);
      audio.set(await stack.run(item, length), b * length * stack.upsample);
    }
    return audio;
  }

  /**
   * Mels of any lengths in batched runs: sorted by length, grouped under a frame budget,
   * zero-padded to the longest of their group and run through the masked generator, whose per-item
   * masks make each result equal to vocoding that mel alone; trimmed to `frames * hop`, returned in
   * input order.
   */
  protected override async synthesizeBatch(
    mels: readonly MelSpectrogram[],
    configs: readonly ResolvedSynthesisConfig[],
  ): Promise<Float32Array[]> {
    if (this.maskedModel === undefined || mels.length < 2)
      return super.synthesizeBatch(mels, configs);
    const signal = configs.find((c) => c.signal !== undefined)?.signal;
    const session = await (this.#masked ??= this.backend.createSession(
      this.maskedModel(),
      this.sessionOptions,
    ));
    const { hop, convention } = this.metadata;
    const nMels = convention.nMels;
    const order = mels.map((_, i) => i).sort((a, b) => mels[a]!.frames - mels[b]!.frames);
    const results = new Array<Float32Array>(mels.length);
    for (let start = 0; start < order.length;) {
      let end = start + 1;
      while (
        end < order.length &&
        mels[order[end]!]!.frames * (end - start + 1) <= BATCH_FRAME_BUDGET
      )
        end++;
      const group = order.slice(start, end);
      const frames = mels[group[group.length - 1]!]!.frames;
      const data = new Float32Array(group.length * nMels * frames);
      const lengths = new BigInt64Array(group.length);
      group.forEach((index, b) => {
        const mel = mels[index]!;
        lengths[b] = BigInt(mel.frames);
        for (let m = 0; m < nMels; m++) {
          data.set(
            mel.data.subarray(m * mel.frames, (m + 1) * mel.frames),
            (b * nMels + m) * frames,
          );
        }
      });
      const out = await session.run(
        {
          [MEL_INPUT]: createTensor('float32', data, [group.length, nMels, frames]),
          [LENGTHS_INPUT]: createTensor('int64', lengths, [group.length]),
        },
        { signal },
      );
      const audio = out[AUDIO_OUTPUT]!.data as Float32Array;
      group.forEach((index, b) => {
        results[index] = audio.slice(b * frames * hop, (b * frames + mels[index]!.frames) * hop);
      });
      start = end;
    }
    return results;
  }

  protected override async release(): Promise<void> {
    const masked = await this.#masked?.catch(() => undefined);
    await Promise.all([this.session.dispose(), masked?.dispose(), this.native?.stack.dispose()]);
  }
}
