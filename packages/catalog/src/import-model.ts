/**
 * Import: a checkpoint (with its config.json) converted by its vocoder plugin into one ONNX model
 * and stored in a {@link ModelCache}. Browser-safe; the CLI and `pullModel` build on it.
 */
import {
  ModelError,
  throwIfAborted,
  type Backend,
  type ModelSource,
  type Precision,
  type VocoderPlugin,
} from '@voirs/core';
import { alreadyCached } from './cache-errors.js';
import type { CachedModel, CachedModelOrigin } from './cached-model.js';
import type { ModelCache } from './model-cache.js';
import { assertModelName } from './model-name.js';
import { sha256Hex } from './sha256.js';

/** Options of {@link importModel}. */
export interface ImportModelOptions {
  /** Name of the cache entry. */
  readonly name: string;
  /** Architecture for checkpoints without a config (`v1`, `v2`, `v3` for HiFi-GAN). */
  readonly arch?: string;
  /** Precision of the converted model (default fp32; `int8` quantises at import, HiFi-GAN). */
  readonly precision?: Precision;
  /** The backend a quantised conversion calibrates on (required with `precision: 'int8'`). */
  readonly backend?: Backend;
  /** SPDX licence of the weights, when known. */
  readonly licence?: string;
  /** Where the checkpoint came from (the SHA-256 of its bytes is computed here). */
  readonly origin?: Omit<CachedModelOrigin, 'sha256' | 'verified'> & {
    readonly verified?: boolean;
  };
  /** Replace an existing entry of that name. */
  readonly replace?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Converts `source` with `plugin.convert` and stores the ONNX model under `options.name`.
 * @throws ModelError `E_UNSUPPORTED_FEATURE` when the plugin cannot convert; VocoderError `E_CACHE`
 * when the name is taken (checked before converting, and again atomically when storing); whatever
 * the plugin's convert throws (`E_CHECKPOINT_UNSAFE`, `E_MODEL_ARCH`, `E_MODEL_CONFIG`, …).
 */
export async function importModel(
  cache: ModelCache,
  plugin: VocoderPlugin,
  source: ModelSource,
  options: ImportModelOptions,
): Promise<CachedModel> {
  if (!(source?.bytes instanceof Uint8Array))
    throw new TypeError('source.bytes must be a Uint8Array');
  const name = assertModelName(options.name);
  if (plugin.convert === undefined) {
    throw new ModelError(
      'E_UNSUPPORTED_FEATURE',
      `The ${plugin.name} vocoder cannot convert checkpoints, so it has nothing to import. ` +
        'Pick the vocoder the checkpoint belongs to with --vocoder (e.g. hifigan).',
    );
  }
  if (!options.replace && (await cache.get(name)) !== undefined)
    throw alreadyCached(name, cache.location);
  throwIfAborted(options.signal);
  const [converted, checkpointSha256] = await Promise.all([
    plugin.convert(source, {
      arch: options.arch,
      precision: options.precision,
      backend: options.backend,
      signal: options.signal,
    }),
    sha256Hex(source.bytes),
  ]);
  throwIfAborted(options.signal);
  const { verified = true, ...origin } = options.origin ?? { via: 'import' as const };
  return cache.put(
    {
      name,
      kind: 'vocoder',
      vocoder: plugin.name,
      arch: converted.arch,
      convention: converted.convention,
      parameters: converted.parameters,
      ...(converted.precision === undefined || converted.precision === 'fp32'
        ? {}
        : { precision: converted.precision }),
      sampleRate: converted.convention.sampleRate,
      ...(options.licence === undefined ? {} : { licence: options.licence }),
      origin: { ...origin, sha256: checkpointSha256, verified },
    },
    converted.onnx,
    { replace: options.replace, signal: options.signal },
  );
}
