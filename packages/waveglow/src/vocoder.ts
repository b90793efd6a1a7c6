/**
 * The WaveGlow vocoder: sigma, seeded or explicit noise, the optional denoiser, and the output
 * clipped to [-1, 1] (NVIDIA's output is unbounded; its scripts write it as int16).
 */
import {
  BaseVocoder,
  ModelError,
  type MelSpectrogram,
  type ResolvedSynthesisConfig,
  type VocoderFeature,
  type VocoderMetadata,
} from '@voirs/core';
import { DENOISER_BIAS_FRAMES, biasSpectrum, denoise } from './denoiser.js';
import type { WaveglowModel } from './model.js';
import { checkNoise, seededNoise } from './noise.js';
import { parseWaveglowOptions } from './options.js';
import type { WaveglowRunner } from './runner.js';

/** A loaded WaveGlow; create it with `waveglowPlugin.create`. */
export class WaveglowVocoder extends BaseVocoder {
  readonly metadata: VocoderMetadata;
  protected readonly features: ReadonlySet<VocoderFeature> = new Set<VocoderFeature>([
    'streaming',
    'seed',
    'explicit-noise',
  ]);
  #bias: Promise<Float32Array> | undefined;

  constructor(
    readonly model: WaveglowModel,
    private readonly runner: WaveglowRunner,
    backendName: string,
  ) {
    super();
    this.metadata = Object.freeze({
      name: 'waveglow',
      arch: `waveglow-${model.arch}`,
      sampleRate: model.convention.sampleRate,
      hop: model.hop,
      convention: model.convention,
      receptiveField: model.receptiveField,
      extra: Object.freeze({
        backend: backendName,
        parameters: model.parameters,
        flows: model.config.nFlows,
      }),
    });
  }

  /**
   * Options (`config.options`): `sigma` (default 0.6), `denoise` (strength, default 0), `noise`
   * (explicit standard normal noise, float32 [n_group, frames * hop / n_group]). Without `noise`,
   * the noise is drawn from `config.seed` (default 0) by the documented generator.
   */
  protected async synthesize(
    mel: MelSpectrogram,
    config: ResolvedSynthesisConfig,
  ): Promise<Float32Array> {
    const options = parseWaveglowOptions(config.options);
    const modelConfig = this.model.config;
    const noise =
      options.noise !== undefined
        ? checkNoise(options.noise, modelConfig, mel.frames)
        : options.sigma === 0
          ? undefined
          : seededNoise(modelConfig, mel.frames, config.seed ?? 0);
    const stages = options.denoise > 0 ? 1 : 0;
    let audio = await this.runner.infer(mel.data, mel.frames, options.sigma, noise, {
      signal: config.signal,
      onStep: (done, total) => config.onProgress?.(done / (total + stages)),
    });
    if (options.denoise > 0) audio = denoise(audio, await this.#biasSpectrum(), options.denoise);
    for (let i = 0; i < audio.length; i++) {
      const x = audio[i]!;
      if (!Number.isFinite(x)) {
        throw new ModelError(
          'E_BACKEND_RUN',
          `WaveGlow produced ${x} at sample ${i}: the flows diverge for this input. Check the checkpoint, ` +
            'or vocode with a smaller sigma.',
        );
      }
      audio[i] = x > 1 ? 1 : x < -1 ? -1 : x;
    }
    return audio;
  }

  /** NVIDIA's bias spectrum: frame 0 of infer(zero mel, sigma 0), computed once. */
  #biasSpectrum(): Promise<Float32Array> {
    this.#bias ??= (async () => {
      const zeros = new Float32Array(this.model.config.nMelChannels * DENOISER_BIAS_FRAMES);
      return biasSpectrum(await this.runner.infer(zeros, DENOISER_BIAS_FRAMES, 0, undefined));
    })().catch((error: unknown) => {
      this.#bias = undefined;
      throw error;
    });
    return this.#bias;
  }

  protected override async release(): Promise<void> {
    await this.#bias?.catch(() => undefined);
    await this.runner.dispose();
  }
}
