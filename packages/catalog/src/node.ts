/**
 * `@voirs/catalog/node`: the file-system model cache, the catalog folder reader, resumable
 * verified downloads and `pullModel`. Everything else lives in the browser-safe main entry.
 * @packageDocumentation
 */
export { CACHE_FOLDER_NAME, resolveCacheDir, type CacheDirOptions } from './node/cache-dir.js';
export { NodeModelCache, RECORD_FILE, type NodeModelCacheOptions } from './node/node-cache.js';
export { withFileLock, isLockHeld, type FileLockOptions } from './node/file-lock.js';
export { defaultCatalogDir, readCatalog } from './node/catalog-files.js';
export {
  downloadFile,
  type DownloadOptions,
  type DownloadProgress,
  type DownloadResult,
} from './node/download.js';
export { pullModel, type PullOptions, type PullResult } from './node/pull.js';
