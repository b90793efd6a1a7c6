/**
 * A base class that gives every vocoder the parts of the {@link Vocoder} contract that do not depend
 * on the model: config validation, mel checks, cancellation, batching, streaming, safe disposal.
 * A plugin implements {@link BaseVocoder.synthesize} (and {@link BaseVocoder.release}).
 */
import { createAudioBuffer, type AudioBuffer } from './audio.js';
import {
  parseSynthesisConfig,
  type ResolvedSynthesisConfig,
  type SynthesisConfig,
} from './config.js';
import { InputError, VocoderError, throwIfAborted } from './errors.js';
import { assertConvention, assertFiniteMel, type MelSpectrogram } from './mel.js';
import { streamWithContext } from './stream-context.js';
import type { Vocoder, VocoderFeature, VocoderMetadata } from './vocoder.js';

/** Checks that `mel` is a well-formed mel of `metadata.convention`. */
export function validateMelInput(mel: MelSpectrogram, metadata: VocoderMetadata): void {
  if (mel === null || typeof mel !== 'object' || !(mel.data instanceof Float32Array)) {
    throw new TypeError('mel must be a MelSpectrogram with Float32Array data');
  }
  if (
    !Number.isInteger(mel.frames) ||
    mel.frames < 1 ||
    mel.data.length !== mel.nMels * mel.frames
  ) {
    throw new InputError(
      'E_MEL_SHAPE',
      `The mel claims ${mel.nMels} x ${mel.frames} but holds ${mel.data.length} values; it needs at least one frame.`,
    );
  }
  assertConvention(mel, metadata.convention, metadata.name);
  assertFiniteMel(mel.data);
}

/** Base class for vocoders; see the module comment. */
export abstract class BaseVocoder implements Vocoder {
  abstract readonly metadata: VocoderMetadata;
  /** Features of this instance. */
  protected abstract readonly features: ReadonlySet<VocoderFeature>;
  readonly #inFlight = new Set<Promise<unknown>>();
  #disposed = false;
  #disposing: Promise<void> | undefined;

  /**
   * Vocodes a validated mel. Must return exactly `mel.frames * metadata.hop` samples in [-1, 1],
   * check `config.signal` between units of work, and may report `config.onProgress(fraction)`.
   */
  protected abstract synthesize(
    mel: MelSpectrogram,
    config: ResolvedSynthesisConfig,
  ): Promise<Float32Array>;

  /**
   * Vocodes several validated mels; result `i` must equal `synthesize(mels[i], configs[i])`. The
   * default runs them one after the other; vocoders with real batching override it.
   */
  protected async synthesizeBatch(
    mels: readonly MelSpectrogram[],
    configs: readonly ResolvedSynthesisConfig[],
  ): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < mels.length; i++) out.push(await this.synthesize(mels[i]!, configs[i]!));
    return out;
  }

  /** Frees sessions and buffers; called once, after in-flight calls have settled. */
  protected async release(): Promise<void> {}

  supports(feature: VocoderFeature): boolean {
    return this.features.has(feature);
  }

  async vocode(mel: MelSpectrogram, config?: SynthesisConfig): Promise<AudioBuffer> {
    const resolved = this.#begin(config);
    validateMelInput(mel, this.metadata);
    return this.#track(async () => {
      const samples = await this.#checked(mel, resolved);
      resolved.onProgress?.(1);
      return createAudioBuffer(samples, this.metadata.sampleRate, 1);
    });
  }

  async vocodeBatch(
    mels: readonly MelSpectrogram[],
    configs?: readonly (SynthesisConfig | undefined)[],
  ): Promise<AudioBuffer[]> {
    if (!Array.isArray(mels)) throw new TypeError('mels must be an array of MelSpectrogram');
    if (configs !== undefined && configs.length !== mels.length) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `vocodeBatch got ${mels.length} mels but ${configs.length} configs.`,
      );
    }
    const resolved = mels.map((_, i) => this.#begin(configs?.[i]));
    mels.forEach((mel) => validateMelInput(mel, this.metadata));
    return this.#track(async () => {
      resolved.forEach((c) => throwIfAborted(c.signal));
      const outputs = await this.synthesizeBatch(mels, resolved);
      return outputs.map((samples, i) => {
        throwIfAborted(resolved[i]!.signal);
        return createAudioBuffer(this.#checkLength(samples, mels[i]!), this.metadata.sampleRate, 1);
      });
    });
  }

  async *vocodeStream(
    chunks: AsyncIterable<MelSpectrogram>,
    config?: SynthesisConfig,
  ): AsyncGenerator<AudioBuffer> {
    const resolved = this.#begin(config);
    const { sampleRate, hop, receptiveField } = this.metadata;
    const stream = streamWithContext(
      (async function* (self: BaseVocoder) {
        for await (const chunk of chunks) {
          validateMelInput(chunk, self.metadata);
          yield chunk;
        }
      })(this),
      (window) => this.#track(() => this.#checked(window, resolved)),
      {
        hop,
        receptiveField,
        streaming: resolved.streaming,
        signal: resolved.signal,
        consumer: this.metadata.name,
      },
    );
    for await (const samples of stream) yield createAudioBuffer(samples, sampleRate, 1);
  }

  /**
   * Releases the vocoder: new calls reject with `E_DISPOSED` at once; calls already running finish
   * first, then {@link release} runs. Idempotent.
   */
  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#disposing ??= (async () => {
      await Promise.allSettled([...this.#inFlight]);
      await this.release();
    })();
    return this.#disposing;
  }

  #begin(config: SynthesisConfig | undefined): ResolvedSynthesisConfig {
    if (this.#disposed) {
      throw new VocoderError(
        'E_DISPOSED',
        `The ${this.metadata.name} vocoder was disposed; create a new one.`,
      );
    }
    const resolved = parseSynthesisConfig(config);
    throwIfAborted(resolved.signal);
    return resolved;
  }

  async #checked(mel: MelSpectrogram, config: ResolvedSynthesisConfig): Promise<Float32Array> {
    throwIfAborted(config.signal);
    const samples = await this.synthesize(mel, config);
    throwIfAborted(config.signal);
    return this.#checkLength(samples, mel);
  }

  #checkLength(samples: Float32Array, mel: MelSpectrogram): Float32Array {
    const expected = mel.frames * this.metadata.hop;
    if (samples.length !== expected) {
      throw new VocoderError(
        'E_BACKEND_RUN',
        `${this.metadata.name} produced ${samples.length} samples for ${mel.frames} frames (expected ${expected}).`,
      );
    }
    return samples;
  }

  #track<T>(work: () => Promise<T>): Promise<T> {
    if (this.#disposed) {
      return Promise.reject(
        new VocoderError(
          'E_DISPOSED',
          `The ${this.metadata.name} vocoder was disposed; create a new one.`,
        ),
      );
    }
    const promise = work();
    this.#inFlight.add(promise);
    const done = () => this.#inFlight.delete(promise);
    promise.then(done, done);
    return promise;
  }
}
