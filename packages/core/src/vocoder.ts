/**
 * The vocoder contract: mel spectrogram in, waveform out.
 */
import type { AudioBuffer } from './audio.js';
import type { Backend, SessionOptions } from './backend.js';
import type { ModelConfigInput, Precision, SynthesisConfig } from './config.js';
import type { MelConvention, MelSpectrogram } from './mel.js';
import type { Plugin } from './plugin.js';

/** Optional abilities a caller may ask a vocoder about with {@link Vocoder.supports}. */
export type VocoderFeature =
  /** vocodeStream() yields audio before the input ends. */
  | 'streaming'
  /** vocodeBatch() does real batched work (not only a loop). */
  | 'batch'
  /** Output depends on `config.seed` (stochastic model, reproducible). */
  | 'seed'
  /** The same input always gives the same output. */
  | 'deterministic'
  /** `config.quality` changes the work done. */
  | 'quality-levels'
  /** Runs on a GPU execution provider when one is selected. */
  | 'gpu'
  /** Explicit noise can be supplied for exact reproduction. */
  | 'explicit-noise';

/** How far a vocoder's output at a frame depends on neighbouring frames. */
export interface ReceptiveField {
  /** Past mel frames that influence the current frame's samples. */
  readonly leftFrames: number;
  /** Future mel frames (the algorithmic lookahead). */
  readonly rightFrames: number;
  /**
   * True when chunked vocoding with this context is bit-for-bit (up to float rounding) equal to
   * offline vocoding; false when seams need a crossfade (iterative or stochastic vocoders).
   */
  readonly exact: boolean;
}

/** Static description of a loaded vocoder. */
export interface VocoderMetadata {
  /** Plugin name, e.g. `hifigan`. */
  readonly name: string;
  /** Architecture, e.g. `hifigan-v2`, `griffinlim`. */
  readonly arch: string;
  /** Output sample rate. */
  readonly sampleRate: number;
  /** Output samples per mel frame. */
  readonly hop: number;
  /** The mel convention the vocoder consumes. */
  readonly convention: MelConvention;
  readonly receptiveField: ReceptiveField;
  /** Free-form extras (model name, parameter count, licence…). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * A loaded vocoder. All methods are async and honour `config.signal`; after {@link dispose}
 * every method rejects with `E_DISPOSED`. Concurrent calls on one instance are safe.
 */
export interface Vocoder {
  readonly metadata: VocoderMetadata;
  supports(feature: VocoderFeature): boolean;
  /**
   * Vocodes a whole mel. Output is mono at `metadata.sampleRate`, `frames * hop` samples, in [-1, 1].
   * @throws InputError `E_MEL_CONVENTION` when the mel's convention is not the vocoder's.
   */
  vocode(mel: MelSpectrogram, config?: SynthesisConfig): Promise<AudioBuffer>;
  /**
   * Vocodes mel chunks as they arrive, yielding audio chunks as soon as they are final. The
   * concatenated output has `totalFrames * hop` samples.
   */
  vocodeStream(
    chunks: AsyncIterable<MelSpectrogram>,
    config?: SynthesisConfig,
  ): AsyncIterable<AudioBuffer>;
  /** Vocodes several mels (of any lengths); result `i` equals `vocode(mels[i], configs[i])`. */
  vocodeBatch(
    mels: readonly MelSpectrogram[],
    configs?: readonly (SynthesisConfig | undefined)[],
  ): Promise<AudioBuffer[]>;
  /** Releases sessions and memory. Idempotent. */
  dispose(): Promise<void>;
}

/** A model as bytes plus what was found beside it. Paths are resolved by the caller (CLI, app). */
export interface ModelSource {
  /** The checkpoint or ONNX bytes. */
  readonly bytes: Uint8Array;
  /** A label for messages (file name, catalog name). */
  readonly name?: string;
  /** A parsed config.json found beside the checkpoint, when there was one. */
  readonly config?: Readonly<Record<string, unknown>>;
}

/** Options of {@link VocoderPlugin.create}. */
export interface VocoderCreateOptions {
  /** The model; required when the plugin's `requiresModel` is true. */
  readonly model?: ModelSource;
  /** The backend to run it on; required when the plugin's `requiresBackend` is true. */
  readonly backend?: Backend;
  /** Architecture, threads, precision…; validated by the plugin (parseModelConfig). */
  readonly modelConfig?: ModelConfigInput;
  /**
   * The mel convention to consume, for vocoders that can invert several (Griffin-Lim); a preset
   * name or a full convention. Model vocoders ignore it: their convention is fixed by training.
   */
  readonly convention?: MelConvention | string;
  readonly sessionOptions?: SessionOptions;
  readonly signal?: AbortSignal;
}

/** A checkpoint converted by {@link VocoderPlugin.convert} into one self-contained ONNX model. */
export interface ConvertedModel {
  /** ONNX bytes, weights embedded; the plugin's `create` accepts them as `model.bytes`. */
  readonly onnx: Uint8Array;
  /** Architecture label, e.g. `v2`. */
  readonly arch: string;
  readonly convention: MelConvention;
  readonly parameters: number;
  /** Numeric precision of the converted model (absent: fp32). */
  readonly precision?: Precision;
}

/** Options of {@link VocoderPlugin.convert}. */
export interface ConvertOptions {
  /** Architecture to assume when the source has no configuration. */
  readonly arch?: string;
  /**
   * Precision of the converted model (default fp32). A plugin that cannot produce it throws
   * `E_UNSUPPORTED_FEATURE`; quantised precisions (int8) calibrate on {@link ConvertOptions.backend}.
   */
  readonly precision?: Precision;
  /** The backend that runs calibration when converting to a quantised precision. */
  readonly backend?: Backend;
  readonly signal?: AbortSignal;
}

/** A vocoder plugin. */
export interface VocoderPlugin extends Plugin {
  readonly kind: 'vocoder';
  /** Features every vocoder this plugin creates supports. */
  readonly features: readonly VocoderFeature[];
  /** The mel convention the plugin's vocoders consume by default. */
  readonly convention: MelConvention;
  readonly requiresModel: boolean;
  readonly requiresBackend: boolean;
  /** Loads a vocoder. */
  create(options?: VocoderCreateOptions): Promise<Vocoder>;
  /**
   * Converts a checkpoint (with the config found beside it) into an ONNX model that `create`
   * loads without the original file; used by `voirs-vocoder models import`. Plugins that run
   * ONNX graphs provide it.
   */
  convert?(source: ModelSource, options?: ConvertOptions): Promise<ConvertedModel>;
}
