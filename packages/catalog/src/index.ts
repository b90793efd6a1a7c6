/**
 * @voirs/catalog: the model catalog (manifests of the official checkpoints) and the user model
 * cache contract with its browser implementation. Browser-safe: the file-system cache, catalog
 * folder reading and downloads live in `@voirs/catalog/node`.
 * @packageDocumentation
 */
export {
  CATALOG_SCHEMA_VERSION,
  MODEL_KINDS,
  SOURCE_FORMATS,
  findCatalogEntry,
  parseCatalog,
  parseCatalogManifest,
  type CatalogManifest,
  type ModelKind,
  type SourceFormat,
} from './catalog-manifest.js';
export {
  CACHE_SCHEMA_VERSION,
  MODEL_FILE,
  parseCachedModel,
  type CachedModel,
  type CachedModelOrigin,
  type NewCachedModel,
} from './cached-model.js';
export type { CachedModelData, ModelCache, PutOptions, ReadOptions } from './model-cache.js';
export {
  BrowserModelCache,
  type BrowserModelCacheOptions,
  type ModelLocks,
} from './browser-cache.js';
export { importModel, type ImportModelOptions } from './import-model.js';
export { assertModelName, isModelName, modelNameFromFile } from './model-name.js';
export { isSha256, parseSha256, sha256Hex } from './sha256.js';
