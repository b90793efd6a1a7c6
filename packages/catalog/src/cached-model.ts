/**
 * The record the cache keeps beside each model (`manifest.json` in its folder, or a Cache Storage
 * entry in browsers): what the ONNX file is, its SHA-256, and where it came from.
 */
import * as v from 'valibot';
import { PRECISIONS, VocoderError, type MelConvention } from '@voirs/core';
import { MODEL_KINDS } from './catalog-manifest.js';
import { describeIssues } from './issues.js';
import { isModelName } from './model-name.js';
import { isSha256 } from './sha256.js';

/** Current cache record schema version. */
export const CACHE_SCHEMA_VERSION = 1;

/** The model file's name inside a cache entry. */
export const MODEL_FILE = 'model.onnx';

const sha256 = v.pipe(
  v.string(),
  v.check((s: string) => isSha256(s), 'expected 64 lower-case hexadecimal digits'),
);
const text = v.pipe(v.string(), v.minLength(1));

/** A mel convention as stored (checked loosely: the vocoder re-validates it when loading). */
const ConventionSchema = v.looseObject({
  name: text,
  sampleRate: v.pipe(v.number(), v.integer(), v.minValue(1)),
  nFft: v.pipe(v.number(), v.integer(), v.minValue(1)),
  hop: v.pipe(v.number(), v.integer(), v.minValue(1)),
  nMels: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

const OriginSchema = v.strictObject({
  /** `import`: a local checkpoint; `pull`: downloaded through the catalog. */
  via: v.picklist(['import', 'pull']),
  /** The imported file's path, or the published file name. */
  file: v.optional(text),
  /** The download URL (pulls). */
  url: v.optional(text),
  /** The catalog entry pulled. */
  catalog: v.optional(text),
  /** SHA-256 of the original checkpoint bytes. */
  sha256,
  /** False when a pull skipped checksum verification (`--insecure-skip-checksum`). */
  verified: v.boolean(),
});

const CachedModelSchema = v.strictObject({
  schema: v.literal(CACHE_SCHEMA_VERSION),
  name: v.pipe(
    v.string(),
    v.check((s: string) => isModelName(s), 'expected a model name'),
  ),
  kind: v.picklist(MODEL_KINDS),
  /** Vocoder plugin that runs it (vocoders). */
  vocoder: v.optional(text),
  /** Architecture reported by the plugin's convert(). */
  arch: v.optional(text),
  /** The mel convention the vocoder consumes (vocoders). */
  convention: v.optional(ConventionSchema),
  parameters: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** Numeric precision when not fp32 (`int8`: quantised at import). */
  precision: v.optional(v.picklist(PRECISIONS)),
  sampleRate: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** SPDX licence of the weights, when known. */
  licence: v.optional(text),
  file: v.literal(MODEL_FILE),
  /** SHA-256 and size of the cached ONNX file. */
  sha256,
  size: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** ISO 8601 time of the import. */
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  origin: OriginSchema,
});

/** A cache record. */
export type CachedModel = Omit<v.InferOutput<typeof CachedModelSchema>, 'convention'> & {
  readonly convention?: MelConvention;
};

/** Where a cached model came from. */
export type CachedModelOrigin = v.InferOutput<typeof OriginSchema>;

/** What a caller gives {@link ModelCache.put}: the record without the fields the cache computes. */
export type NewCachedModel = Omit<CachedModel, 'schema' | 'file' | 'sha256' | 'size' | 'createdAt'>;

/**
 * Validates a stored record. `where` names it in messages.
 * @throws VocoderError `E_CACHE` saying how to repair the entry.
 */
export function parseCachedModel(json: unknown, where: string): CachedModel {
  const result = v.safeParse(CachedModelSchema, json);
  if (!result.success) {
    const name = (json as { name?: unknown } | null)?.name;
    throw new VocoderError(
      'E_CACHE',
      `The cache record ${where} is damaged (${describeIssues(result.issues)}). ` +
        `Remove it (voirs-vocoder models remove ${typeof name === 'string' ? name : '<name>'}) and import the model again.`,
      { details: { where } },
    );
  }
  return result.output as CachedModel;
}

/** Builds the full record for bytes being stored. */
export function completeRecord(
  record: NewCachedModel,
  sha256Hex: string,
  size: number,
  now = new Date(),
): CachedModel {
  return {
    ...record,
    schema: CACHE_SCHEMA_VERSION,
    file: MODEL_FILE,
    sha256: sha256Hex,
    size,
    createdAt: now.toISOString(),
  };
}
