/**
 * The Griffin-Lim vocoder: mel -> linear magnitude (NNLS, see `melToLinear`) -> fast Griffin-Lim
 * in the convention's own STFT framing -> exactly `frames * hop` samples. Model-free, so it runs
 * anywhere, but the phase is estimated, not learned: expect audible phasiness.
 *
 * Output level: if the reconstruction peaks above 1, the whole call's output is scaled down so
 * that its peak is exactly 1 (a gain, never a clip, so no added distortion). In streaming each
 * window is limited on its own.
 */
import {
  BaseVocoder,
  ConfigError,
  HIFIGAN_PRESET,
  InputError,
  getMelPreset,
  throwIfAborted,
  type MelConvention,
  type MelSpectrogram,
  type ResolvedSynthesisConfig,
  type VocoderFeature,
  type VocoderMetadata,
} from '@voirs/core';
import { validateConvention } from '../spectral/mel-frontend.js';
import { linearMagnitudeFrames } from '../spectral/mel-to-linear.js';
import { griffinLimSteps } from './griffin-lim.js';
import {
  GRIFFINLIM_ITERATIONS,
  GRIFFINLIM_MOMENTUM,
  parseGriffinLimOptions,
} from './griffinlim-options.js';

/**
 * Streaming context of the vocoder, in frames (non-exact: the core streamer crossfades seams over
 * `rightFrames`). Each window is reconstructed on its own, so seams join two independent phase
 * estimates: a short crossfade works best. On LJ001-0002 (32 iterations, 32-frame chunks) the
 * streamed output's log-mel L1 is 0.109 against 0.093 offline; with 4 + 4 frames it was 0.118, with
 * 8 + 8 frames 0.146.
 */
export const GRIFFINLIM_RECEPTIVE_FIELD = Object.freeze({
  leftFrames: 4,
  rightFrames: 2,
  exact: false,
});

/** Longest stretch of synchronous work before yielding to the event loop (ms). */
const SLICE_MS = 20;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Magnitudes above this are scaled down (by a power of two, exactly) before the iterations. */
const MAX_UNSCALED_MAGNITUDE = 2 ** 64;

/**
 * Griffin-Lim is homogeneous (magnitudes times s give audio times s), so magnitudes too large for
 * the float32 output (a log mel far above anything its frontend can produce) are divided by a
 * power of two first and the output level is applied afterwards. Returns that divisor (1 for
 * ordinary mels, which stay bit-for-bit as they were).
 * @throws InputError `E_MEL_NONFINITE` when a value expands to an infinite magnitude.
 */
function scaleMagnitudes(magnitude: Float64Array, mel: MelSpectrogram): number {
  let max = 0;
  for (const m of magnitude) max = !Number.isFinite(m) ? Infinity : m > max ? m : max;
  if (max === Infinity) {
    const top = mel.data.reduce((a, b) => Math.max(a, b), -Infinity);
    throw new InputError(
      'E_MEL_NONFINITE',
      `The mel holds values up to ${top}, which expand to an infinite linear magnitude: far beyond what the ` +
        `"${mel.convention.name}" frontend produces. Check the mel's scale and convention.`,
      { details: { max: top } },
    );
  }
  if (max <= MAX_UNSCALED_MAGNITUDE) return 1;
  const scale = 2 ** Math.ceil(Math.log2(max));
  for (let i = 0; i < magnitude.length; i++) magnitude[i] = magnitude[i]! / scale;
  return scale;
}

/**
 * Resolves a preset name or convention (default `hifigan`) and checks that Griffin-Lim can invert it.
 * @throws ConfigError `E_CONFIG_INVALID`; RegistryError `E_PLUGIN_NOT_FOUND` for an unknown preset.
 */
function resolveConvention(convention: MelConvention | string | undefined): MelConvention {
  const c =
    convention === undefined
      ? HIFIGAN_PRESET
      : typeof convention === 'string'
        ? getMelPreset(convention)
        : convention;
  validateConvention(c);
  if (c.hop >= c.win) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `Griffin-Lim cannot invert the "${c.name}" convention: its hop (${c.hop}) must be shorter than its window (${c.win}) ` +
        'for the frames to overlap.',
    );
  }
  return c;
}

/** See the module comment. Create it through the `griffinlim` plugin. */
export class GriffinLimVocoder extends BaseVocoder {
  readonly metadata: VocoderMetadata;
  protected readonly features: ReadonlySet<VocoderFeature> = new Set<VocoderFeature>([
    'streaming',
    'deterministic',
    'seed',
    'quality-levels',
  ]);

  /**
   * @param convention A preset name or a convention (default `hifigan`).
   * @throws ConfigError `E_CONFIG_INVALID` for a convention it cannot invert.
   */
  constructor(convention?: MelConvention | string) {
    super();
    const resolved = resolveConvention(convention);
    this.metadata = Object.freeze({
      name: 'griffinlim',
      arch: 'griffinlim',
      sampleRate: resolved.sampleRate,
      hop: resolved.hop,
      convention: resolved,
      receptiveField: GRIFFINLIM_RECEPTIVE_FIELD,
      extra: Object.freeze({
        iterations: GRIFFINLIM_ITERATIONS,
        momentum: GRIFFINLIM_MOMENTUM,
        modelFree: true,
      }),
    });
  }

  protected async synthesize(
    mel: MelSpectrogram,
    config: ResolvedSynthesisConfig,
  ): Promise<Float32Array> {
    const options = parseGriffinLimOptions(config.options, config.quality);
    const c = this.metadata.convention;
    const magnitude = linearMagnitudeFrames(mel, options.nnlsIterations);
    const scale = scaleMagnitudes(magnitude, mel);
    const steps = griffinLimSteps(magnitude, mel.frames, {
      nFft: c.nFft,
      hop: c.hop,
      win: c.win,
      window: c.window,
      center: c.center,
      padding: c.padding,
      normalized: c.windowNormalized,
      iterations: options.iterations,
      momentum: options.momentum,
      initPhase: options.initPhase,
      seed: config.seed ?? 0,
      length: mel.frames * c.hop,
    });
    let sliceStart = performance.now();
    let audio: Float32Array;
    for (;;) {
      const step = steps.next();
      if (step.done === true) {
        audio = step.value;
        break;
      }
      config.onProgress?.(step.value / (options.iterations + 1));
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        throwIfAborted(config.signal);
        sliceStart = performance.now();
      }
    }
    let peak = 0;
    for (const s of audio) peak = Math.max(peak, Math.abs(s));
    if (peak * scale > 1) for (let i = 0; i < audio.length; i++) audio[i] = audio[i]! / peak;
    else if (scale !== 1) for (let i = 0; i < audio.length; i++) audio[i] = audio[i]! * scale;
    return audio;
  }
}
