/**
 * Catalog manifests: one JSON file per official model in the repository's `models/` folder, saying
 * where the publisher hosts the weights, their SHA-256 (or `null` with `verified: false` when no
 * hash could be checked), the licence, the mel preset and the configuration to convert them with.
 * Never the weights themselves.
 */
import * as v from 'valibot';
import { MEL_PRESETS, ModelError } from '@voirs/core';
import { describeIssues } from './issues.js';
import { isModelName } from './model-name.js';
import { isSha256 } from './sha256.js';

/** Current manifest schema version. */
export const CATALOG_SCHEMA_VERSION = 1;

/** What a model is for: a vocoder (converted to ONNX on import) or a metric model (ONNX as published). */
export const MODEL_KINDS = ['vocoder', 'metric'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** Formats a published file may have (the names `detectFormat` of @voirs/checkpoint returns). */
export const SOURCE_FORMATS = ['torch-legacy', 'torch-zip', 'safetensors', 'onnx'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

const text = v.pipe(v.string(), v.trim(), v.minLength(1));
const url = v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//, 'expected an http(s) URL'));

const LicenceSchema = v.strictObject({
  /** SPDX identifier (`MIT`, `Apache-2.0`, `BSD-3-Clause`, `CC-BY-4.0`). */
  spdx: text,
  /** Where the licence text is published. */
  url,
  /** Attribution the licence asks for, when it asks. */
  attribution: v.optional(text),
});

const SourceSchema = v.strictObject({
  /** The publisher's page that links the file (README section, model card). */
  page: url,
  /** A direct download URL (plain HTTP GET, no cookies or interstitial page), or null when the publisher offers none. */
  url: v.nullable(url),
  /** The file's name as published (inside the publisher's folder when there is one). */
  file: text,
  /** The file's format, or null when not known (any checkpoint format is then accepted). */
  format: v.nullable(v.picklist(SOURCE_FORMATS)),
  /** SHA-256 of the published file, or null when none could be verified. */
  sha256: v.nullable(
    v.pipe(
      v.string(),
      v.check((s: string) => isSha256(s), 'expected 64 lower-case hexadecimal digits'),
    ),
  ),
  /** Size in bytes, or null when unknown. */
  size: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** True when `sha256` was checked against the file itself or taken from the publisher. */
  verified: v.boolean(),
  /** Where the hash (or its absence) comes from; what to do when it is null. */
  note: text,
});

const ManifestObjectSchema = v.strictObject({
  schema: v.literal(CATALOG_SCHEMA_VERSION),
  name: v.pipe(
    v.string(),
    v.check(
      (s: string) => isModelName(s),
      'expected a model name (lower-case, digits, ".", "_", "-")',
    ),
  ),
  title: text,
  kind: v.picklist(MODEL_KINDS),
  /** Vocoder plugin that converts and runs it (`hifigan`, `diffwave`, `waveglow`); vocoders only. */
  vocoder: v.optional(text),
  /** Architecture passed to the plugin's convert() when the config does not say (`v1`, `v2`, `v3`). */
  arch: v.optional(text),
  /** The mel preset of @voirs/core the model was trained on; vocoders only. */
  melPreset: v.optional(v.picklist(Object.keys(MEL_PRESETS) as (keyof typeof MEL_PRESETS)[])),
  /** Audio sample rate of the model. */
  sampleRate: v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(384_000)),
  licence: LicenceSchema,
  source: SourceSchema,
  /** The config.json handed to convert() with the weights (the publisher's keys), when one is needed. */
  config: v.optional(v.record(v.string(), v.unknown())),
  /** Whether `models pull` converts the file with the vocoder plugin (true) or caches it as is. */
  convert: v.boolean(),
  /** Free-form remarks for people. */
  notes: v.optional(v.array(text)),
});

/** Rules that span fields. */
const CatalogManifestSchema = v.pipe(
  ManifestObjectSchema,
  v.check(
    (m) => m.kind !== 'vocoder' || (m.vocoder !== undefined && m.melPreset !== undefined),
    'a vocoder needs "vocoder" and "melPreset"',
  ),
  v.check(
    (m) => m.kind !== 'metric' || (m.source.format === 'onnx' && !m.convert),
    'a metric model must be an ONNX file with "convert": false',
  ),
  v.check((m) => !m.convert || m.kind === 'vocoder', 'only vocoders are converted'),
  v.check(
    (m) => m.convert || m.source.format === 'onnx',
    'a model that is not converted must be published as ONNX',
  ),
  v.check(
    (m) => !m.source.verified || m.source.sha256 !== null,
    '"verified": true needs a "sha256"',
  ),
  v.check(
    (m) => m.source.sha256 !== null || !m.source.verified,
    '"sha256": null needs "verified": false',
  ),
);

/** A validated catalog manifest. */
export type CatalogManifest = v.InferOutput<typeof ManifestObjectSchema>;

/**
 * Validates one manifest object. `origin` names it in messages (a file name or URL).
 * @throws ModelError `E_CATALOG` listing every problem.
 */
export function parseCatalogManifest(json: unknown, origin = 'the manifest'): CatalogManifest {
  const result = v.safeParse(CatalogManifestSchema, json);
  if (!result.success) {
    throw new ModelError(
      'E_CATALOG',
      `${origin} is not a valid voirs-vocoder model manifest: ${describeIssues(result.issues)}.`,
      {
        details: {
          origin,
          issues: result.issues.map((i) => ({ path: v.getDotPath(i), message: i.message })),
        },
      },
    );
  }
  return result.output;
}

/**
 * Validates a whole catalog: every manifest, and names unique.
 * @throws ModelError `E_CATALOG`.
 */
export function parseCatalog(
  entries: readonly { json: unknown; origin: string }[],
): CatalogManifest[] {
  const seen = new Map<string, string>();
  const manifests = entries.map(({ json, origin }) => {
    const manifest = parseCatalogManifest(json, origin);
    const other = seen.get(manifest.name);
    if (other !== undefined) {
      throw new ModelError(
        'E_CATALOG',
        `The catalog names "${manifest.name}" twice (${other} and ${origin}); names must be unique.`,
      );
    }
    seen.set(manifest.name, origin);
    return manifest;
  });
  return manifests.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Finds a catalog entry by name.
 * @throws ModelError `E_MODEL_NOT_FOUND` listing the available names.
 */
export function findCatalogEntry(
  catalog: readonly CatalogManifest[],
  name: string,
): CatalogManifest {
  const entry = catalog.find((m) => m.name === name);
  if (entry === undefined) {
    throw new ModelError(
      'E_MODEL_NOT_FOUND',
      `The catalog has no model "${name}". Available: ${catalog.map((m) => m.name).join(', ') || 'none'}.`,
      { details: { name, available: catalog.map((m) => m.name) } },
    );
  }
  return entry;
}
