/**
 * The DiffWave vocoder: the sampling loop in TypeScript around the denoiser graph on a backend
 * session. Streaming uses the core streamer with the declared non-exact receptive field (seams are
 * crossfaded); batches run one mel after the other.
 */
import {
  BaseVocoder,
  type Backend,
  type MelSpectrogram,
  type ResolvedSynthesisConfig,
  type Session,
  type VocoderFeature,
  type VocoderMetadata,
} from '@voirs/core';
import type { DiffwaveModel } from './model.js';
import { sampleDiffwave } from './sample-diffwave.js';

export class DiffwaveVocoder extends BaseVocoder {
  readonly metadata: VocoderMetadata;
  protected readonly features: ReadonlySet<VocoderFeature> = new Set<VocoderFeature>([
    'streaming',
    'seed',
    'explicit-noise',
  ]);

  constructor(
    readonly model: DiffwaveModel,
    private readonly session: Session,
    backend: Backend,
  ) {
    super();
    this.metadata = Object.freeze({
      name: 'diffwave',
      arch: `diffwave-${model.arch}`,
      sampleRate: model.convention.sampleRate,
      hop: model.hop,
      convention: model.convention,
      receptiveField: model.receptiveField,
      extra: Object.freeze({
        backend: backend.name,
        parameters: model.parameters,
        trainingSteps: model.trainingBetas.length,
      }),
    });
  }

  protected async synthesize(
    mel: MelSpectrogram,
    config: ResolvedSynthesisConfig,
  ): Promise<Float32Array> {
    const result = await sampleDiffwave(this.session, this.model, {
      mel,
      seed: config.seed,
      options: config.options,
      signal: config.signal,
      onProgress: config.onProgress,
    });
    return result.audio;
  }

  protected override async release(): Promise<void> {
    await this.session.dispose();
  }
}
