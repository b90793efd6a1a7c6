/**
 * Plugin guide, vocoder example: a noise vocoder (whispered speech). Each mel frame's spectral
 * envelope, estimated by @voirs/dsp's `melToLinear`, shapes a grain of seeded Gaussian
 * noise; Hann-windowed grains two hops long are overlap-added. `BaseVocoder` from @voirs/core
 * supplies validation, batching, streaming, cancellation and disposal, so the plugin only writes
 * `synthesize`. `test/plugin-examples.test.ts` runs core's `testVocoder` conformance suite on it.
 */
// #region vocoder
import {
  BaseVocoder,
  HIFIGAN_PRESET,
  getMelPreset,
  throwIfAborted,
  type MelConvention,
  type MelSpectrogram,
  type ResolvedSynthesisConfig,
  type VocoderCreateOptions,
  type VocoderFeature,
  type VocoderMetadata,
  type VocoderPlugin,
} from '@voirs/core';
import { gaussianNoise, melToLinear, realFft } from '@voirs/dsp';

class NoiseVocoder extends BaseVocoder {
  readonly metadata: VocoderMetadata;
  protected readonly features = new Set<VocoderFeature>(['streaming', 'seed']);

  constructor(convention: MelConvention) {
    super();
    this.metadata = Object.freeze({
      name: 'noise',
      arch: 'noise-ola',
      sampleRate: convention.sampleRate,
      hop: convention.hop,
      convention,
      // a grain spans two hops: neighbours overlap, and streamed seams are crossfaded
      receptiveField: Object.freeze({ leftFrames: 1, rightFrames: 1, exact: false }),
    });
  }

  protected async synthesize(
    mel: MelSpectrogram,
    config: ResolvedSynthesisConfig,
  ): Promise<Float32Array> {
    const c = mel.convention;
    const hop = c.hop;
    const grain = 2 * hop;
    const fft = realFft(grain);
    const nyquistBin = Math.floor(c.nFft / 2);
    const linear = melToLinear(mel, { iterations: 10 }); // |X|, [nFft/2 + 1][frames]
    const magnitude = (k: number, t: number) => linear.data[k * mel.frames + t]!;
    // |X| of an STFT is the noise amplitude times sqrt(sum(window^2)) (3/8 win for a Hann window)
    const analysisGain = c.windowNormalized ? 1 : Math.sqrt((3 * c.win) / 8);
    // where frame t is centred, in output samples
    const centre = (t: number) => t * hop - c.padding + (c.center ? 0 : c.nFft / 2);
    const out = new Float64Array(mel.frames * hop);
    const weight = new Float64Array(out.length);
    const re = new Float64Array(fft.bins);
    const im = new Float64Array(fft.bins);
    const samples = new Float64Array(grain);
    for (let t = 0; t < mel.frames; t++) {
      if (t % 64 === 0) throwIfAborted(config.signal);
      const noise = gaussianNoise(config.seed ?? 0, t, 2 * fft.bins);
      for (let k = 0; k < fft.bins; k++) {
        const x = (k * c.nFft) / grain; // this grain bin on the mel's FFT grid
        const k0 = Math.min(nyquistBin - 1, Math.floor(x));
        const f = Math.min(1, x - k0);
        const amplitude = ((1 - f) * magnitude(k0, t) + f * magnitude(k0 + 1, t)) / analysisGain;
        re[k] = amplitude * noise[2 * k]! * Math.sqrt(grain / 2);
        im[k] =
          k === 0 || 2 * k === grain ? 0 : amplitude * noise[2 * k + 1]! * Math.sqrt(grain / 2);
      }
      fft.inverse(re, im, samples);
      const start = Math.round(centre(t)) - hop;
      for (let i = 0; i < grain; i++) {
        const n = start + i;
        if (n < 0 || n >= out.length) continue;
        const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / grain); // periodic Hann: hops sum to 1
        out[n] = out[n]! + w * samples[i]!;
        weight[n] = weight[n]! + w;
      }
    }
    let peak = 0;
    for (let n = 0; n < out.length; n++) {
      out[n] = weight[n]! > 1e-3 ? out[n]! / weight[n]! : 0;
      peak = Math.max(peak, Math.abs(out[n]!));
    }
    const gain = peak > 1 ? 1 / peak : 1; // a gain, never a clip
    return Float32Array.from(out, (v) => v * gain);
  }
}

/** The `noise` vocoder plugin: `create({ convention })` takes a preset name or a convention (default `hifigan`). */
export const noiseVocoderPlugin: VocoderPlugin = Object.freeze({
  kind: 'vocoder' as const,
  name: 'noise',
  description: 'Noise vocoder: mel envelopes shaping seeded noise (whispered speech).',
  capabilities: Object.freeze(['model-free', 'streaming']),
  features: Object.freeze(['streaming', 'seed'] as const),
  convention: HIFIGAN_PRESET,
  requiresModel: false,
  requiresBackend: false,
  async create(options: VocoderCreateOptions = {}) {
    throwIfAborted(options.signal);
    const convention =
      typeof options.convention === 'string'
        ? getMelPreset(options.convention)
        : (options.convention ?? HIFIGAN_PRESET);
    return new NoiseVocoder(convention);
  },
});
// #endregion vocoder
